package com.opstower.raindrop.signal;

import static com.opstower.raindrop.tool.Markdown.code;
import static com.opstower.raindrop.tool.Markdown.count;

import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.Signal;
import com.opstower.raindrop.queryapi.Wire.SignalGroup;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.ToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the agent reads about signals. Pure: records in, markdown and structured data out. */
public final class SignalRenderer {

    /** Characters of a description shown per signal or group. */
    static final int DESCRIPTION_LENGTH = 200;

    private SignalRenderer() {
    }

    /**
     * A page of signals, and the workspace's groups (given on the first page only).
     *
     * @param group the group the signals were listed for, as the agent named it, or null for all signals
     */
    public static ToolResult list(Page<Signal> page, List<SignalGroup> groups, String group, boolean firstPage) {
        List<Signal> signals = page.items();
        String cursor = page.nextCursor();
        String scope = group == null ? "" : " in group " + code(group);
        StringBuilder text = new StringBuilder(256 + signals.size() * 200 + groups.size() * 150);
        if (signals.isEmpty() && groups.isEmpty()) {
            text.append("No signals").append(scope).append(firstPage ? "." : " on this page: the listing has ended.")
                    .append("\n\n").append(group != null ? "Call list_signals without `group` to see every signal."
                            : "Signals are set up in Raindrop; meanwhile filter events by event_name, user_id or properties.");
            return ToolResult.ok(text.toString(), data(signals, groups, null));
        }
        if (signals.isEmpty()) {
            text.append("No signals").append(scope).append(".\n");
        } else {
            text.append(count(signals.size(), "signal")).append(scope).append(cursor == null ? "" : " on this page")
                    .append(":\n\n");
            for (Signal s : signals) {
                text.append("- ").append(code(s.name())).append(" · ").append(orUnknown(s.type(), "type"))
                        .append(" · ").append(orUnknown(s.sentiment(), "sentiment"))
                        .append(" · ").append(s.groupName() == null ? "no group" : "group " + code(s.groupName()))
                        .append(" · id ").append(code(s.id())).append('\n');
                description(text, s.description());
            }
        }
        if (!groups.isEmpty()) {
            text.append('\n').append(count(groups.size(), "signal group")).append(":\n\n");
            for (SignalGroup g : groups) {
                text.append("- ").append(code(g.name())).append(" · ")
                        .append(g.signalCount() == null ? "signal count unknown" : count(g.signalCount(), "signal"))
                        .append(" · id ").append(code(g.id())).append('\n');
                description(text, g.description());
            }
        }
        text.append('\n');
        if (cursor != null) {
            text.append("More signals: call list_signals again with `cursor: \"").append(cursor).append("\"`")
                    .append(group == null ? "" : " and the same `group`").append(".\n");
        }
        text.append("Next: give a signal's name as `signal` (or a group's as `signal_group`) to count_events, "
                + "list_events or search_events.");
        return ToolResult.ok(text.toString(), data(signals, groups, cursor));
    }

    private static Map<String, Object> data(List<Signal> signals, List<SignalGroup> groups, String cursor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("signals", signals.stream().map(s -> idAndName(s.id(), s.name())).toList());
        data.put("groups", groups.stream().map(g -> idAndName(g.id(), g.name())).toList());
        data.put("count", signals.size());
        data.put("has_more", cursor != null);
        data.put("next_cursor", cursor);
        return data;
    }

    private static void description(StringBuilder text, String description) {
        if (description != null && !description.isBlank()) {
            text.append("  - ").append(Markdown.preview(description, DESCRIPTION_LENGTH).quoted()).append('\n');
        }
    }

    private static String orUnknown(String value, String what) {
        return value == null ? "no " + what : value;
    }

    private static Map<String, Object> idAndName(String id, String name) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("name", name);
        return entry;
    }
}
