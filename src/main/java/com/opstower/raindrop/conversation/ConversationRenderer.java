package com.opstower.raindrop.conversation;

import static com.opstower.raindrop.tool.Markdown.code;
import static com.opstower.raindrop.tool.Markdown.count;

import com.opstower.raindrop.queryapi.Queries.ConversationQuery;
import com.opstower.raindrop.queryapi.Wire.Conversation;
import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.SignalCount;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the agent reads about conversations. Pure: records in, markdown and structured data out. */
public final class ConversationRenderer {

    private ConversationRenderer() {
    }

    public static ToolResult list(Page<Conversation> page, ConversationQuery query) {
        List<Conversation> conversations = page.items();
        String cursor = page.nextCursor();
        StringBuilder text = new StringBuilder(256 + conversations.size() * 160);
        if (conversations.isEmpty()) {
            text.append("No conversations matched").append(filters(query)).append(".\n\n")
                    .append(query.cursor() != null
                            ? "This cursor's page is empty: the listing has ended."
                            : "Try a wider window: drop `started_after` or move it earlier, or drop `user_id`. "
                                    + "Results are sorted newest first by default.");
            return ToolResult.ok(text.toString(), page.toData("conversations"));
        }
        text.append(count(conversations.size(), "conversation")).append(cursor == null ? "" : " on this page")
                .append(filters(query)).append(", sorted by `").append(query.orderBy()).append("`:\n\n");
        for (Conversation c : conversations) {
            text.append("- ").append(code(c.id())).append(" · ").append(Markdown.endUser(c.userId())).append(" · ")
                    .append(span(c.startedAt(), c.lastMessageAt())).append(" · ")
                    .append(count(c.messageCount() == null ? 0 : c.messageCount(), "message")).append(" · signals: ")
                    .append(signals(c.signals())).append('\n');
        }
        text.append('\n');
        if (cursor != null) {
            text.append("More conversations match: call list_conversations again with `cursor: \"").append(cursor)
                    .append("\"` and the same filters.\n");
        }
        text.append("Next: get_conversation or list_events with one of these ids as `convo_id`.");
        return ToolResult.ok(text.toString(), page.toData("conversations"));
    }

    public static ToolResult single(Conversation c) {
        StringBuilder text = new StringBuilder(512);
        text.append("## Conversation ").append(code(c.id())).append("\n\n")
                .append("- end user: ").append(Markdown.endUser(c.userId())).append('\n')
                .append("- started: ").append(Markdown.utc(c.startedAt())).append('\n')
                .append("- last message: ").append(Markdown.utc(c.lastMessageAt())).append(elapsed(c)).append('\n')
                .append("- messages: ").append(c.messageCount() == null ? "unknown" : c.messageCount()).append('\n')
                .append("- signals: ").append(signals(c.signals())).append("\n\n")
                .append("Next: list_events with `convo_id: \"").append(c.id())
                .append("\"` reads its turns in order, oldest first.");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversation", c);
        return ToolResult.ok(text.toString(), data);
    }

    private static String filters(ConversationQuery q) {
        List<String> parts = new ArrayList<>();
        if (q.userId() != null) {
            parts.add("user_id " + code(q.userId()));
        }
        if (q.startedAfter() != null) {
            parts.add("started_after " + Markdown.utc(q.startedAfter()));
        }
        if (q.startedBefore() != null) {
            parts.add("started_before " + Markdown.utc(q.startedBefore()));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** Start → end, the end's date left out when it is the start's. */
    private static String span(String startedAt, String lastMessageAt) {
        String start = Markdown.utc(startedAt);
        String end = Markdown.utc(lastMessageAt);
        if (start.length() > 11 && end.length() > 11 && start.regionMatches(0, end, 0, 11)) {
            end = end.substring(11);
        }
        return start.replace(" UTC", "") + " → " + end;
    }

    private static String elapsed(Conversation c) {
        Instant start = Markdown.instant(c.startedAt());
        Instant end = Markdown.instant(c.lastMessageAt());
        return start == null || end == null || end.isBefore(start) ? ""
                : " (" + Markdown.duration(Duration.between(start, end)) + " after the start)";
    }

    private static String signals(List<SignalCount> signals) {
        if (signals == null || signals.isEmpty()) {
            return "none";
        }
        return signals.stream()
                .map(s -> (s.name() == null ? code(s.id()) : s.name()) + " ×" + (s.count() == null ? "?" : s.count()))
                .collect(Collectors.joining(", "));
    }
}
