package com.opstower.raindrop.signal;

import static com.opstower.raindrop.tool.Markdown.code;
import static com.opstower.raindrop.tool.Markdown.count;

import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.Signal;
import com.opstower.raindrop.queryapi.Wire.SignalGroup;
import com.opstower.raindrop.tool.AnswerBound;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.PageCursor;
import com.opstower.raindrop.tool.PageFit;
import com.opstower.raindrop.tool.ToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the agent reads about signals. Pure: records in, markdown and structured data out. */
public final class SignalRenderer {

    /** Characters of a description shown per signal or group. */
    static final int DESCRIPTION_LENGTH = 200;
    private static final String NAME = ListSignalsFunction.NAME;
    private static final String NOUN = "signal";

    private SignalRenderer() {
    }

    /**
     * A page of signals, and the workspace's groups (given on the first page only), as many of each as fit
     * {@code maxChars}: the groups take up to an even share, the signals the rest, with the cursor to read on from the
     * first signal not shown.
     *
     * @param group the group the signals were listed for, as the agent named it, or null for all signals
     * @param start the cursor the page was read from
     */
    public static ToolResult list(Page<Signal> page, List<SignalGroup> groups, String group, PageCursor start,
            int maxChars) {
        List<Signal> signals = start.unseen(page.items());
        String upstreamNext = page.nextCursor();
        String scope = group == null ? "" : " in group " + Markdown.codeLabel(group, "(blank)");
        String same = group == null ? "" : " and the same `group`";
        if (signals.isEmpty() && groups.isEmpty()) {
            String text = "No signals" + scope + (start.equals(PageCursor.FIRST) ? "." : " on this page.") + "\n\n"
                    + PageFit.afterEmpty(NAME, NOUN, same, start, upstreamNext, group != null
                            ? "Call list_signals without `group` to see every signal."
                            : "Signals are set up in Raindrop; meanwhile filter events by event_name, user_id or "
                                    + "properties.");
            return ToolResult.ok(text, data(List.of(), List.of(), upstreamNext));
        }
        List<String> signalItems = signals.stream().map(SignalRenderer::item).toList();
        List<String> groupItems = groups.stream().map(SignalRenderer::item).toList();
        int[] shares = AnswerBound.fairShares(new int[] {length(signalItems), length(groupItems)}, maxChars);
        int groupTotal = groupItems.size();
        int groupsShown = Markdown.fitting(groupItems, shares[1],
                n -> n == groupTotal ? 0 : moreGroups(groupTotal - n).length());
        StringBuilder groupText = new StringBuilder(shares[1] + 256);
        if (!groups.isEmpty()) {
            groupText.append('\n').append(count(groups.size(), "signal group")).append(":\n\n");
            groupItems.subList(0, groupsShown).forEach(groupText::append);
            groupText.append(groupsShown < groupTotal ? moreGroups(groupTotal - groupsShown) : "");
        }
        PageFit fit = PageFit.of(signalItems, maxChars - groupText.length(), start, upstreamNext,
                f -> heading(f, scope).length() + footer(f, same).length());
        StringBuilder text = new StringBuilder(maxChars / 4).append(heading(fit, scope));
        signalItems.subList(0, fit.shown()).forEach(text::append);
        text.append(groupText).append(footer(fit, same));
        return ToolResult.ok(text.toString(), data(signals.subList(0, fit.shown()), groups.subList(0, groupsShown),
                fit.nextCursor()));
    }

    private static String heading(PageFit fit, String scope) {
        return fit.total() == 0 ? "No signals" + scope + ".\n" : fit.heading(NOUN) + scope + ":\n\n";
    }

    private static String footer(PageFit fit, String same) {
        return "\n" + fit.nextLine(NAME, NOUN, same) + "Next: give a signal's name as `signal` (or a group's as "
                + "`signal_group`) to count_events, list_events or search_events.";
    }

    private static String moreGroups(int left) {
        return "- … and " + count(left, "more signal group") + ", not shown to fit the answer\n";
    }

    private static String item(Signal s) {
        StringBuilder item = new StringBuilder(256).append("- ").append(Markdown.codeLabel(s.name(), "unnamed signal"))
                .append(" · ").append(Markdown.label(s.type(), "no type"))
                .append(" · ").append(Markdown.label(s.sentiment(), "no sentiment"))
                .append(" · ")
                .append(s.groupName() == null ? "no group" : "group " + Markdown.codeLabel(s.groupName(), "(blank)"))
                .append(" · id ").append(code(s.id())).append('\n');
        description(item, s.description());
        return item.toString();
    }

    private static String item(SignalGroup g) {
        StringBuilder item = new StringBuilder(256).append("- ").append(Markdown.codeLabel(g.name(), "unnamed group"))
                .append(" · ").append(g.signalCount() == null ? "signal count unknown" : count(g.signalCount(), "signal"))
                .append(" · id ").append(code(g.id())).append('\n');
        description(item, g.description());
        return item.toString();
    }

    private static int length(List<String> items) {
        return items.stream().mapToInt(String::length).sum();
    }

    /** The shown signals and groups by id and name as shown, and the cursor to read on. */
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

    private static Map<String, Object> idAndName(String id, String name) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("name", Markdown.label(name, null));
        return entry;
    }
}
