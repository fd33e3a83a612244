package com.opstower.raindrop.conversation;

import static com.opstower.raindrop.tool.Markdown.code;
import static com.opstower.raindrop.tool.Markdown.count;

import com.opstower.raindrop.queryapi.Queries.ConversationQuery;
import com.opstower.raindrop.queryapi.Wire.Conversation;
import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.SignalCount;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.PageCursor;
import com.opstower.raindrop.tool.PageFit;
import com.opstower.raindrop.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the agent reads about conversations. Pure: records in, markdown and structured data out. */
public final class ConversationRenderer {

    private static final String NAME = ListConversationsFunction.NAME;
    private static final String NOUN = "conversation";
    private static final String SAME = " and the same filters";

    private ConversationRenderer() {
    }

    /**
     * A page of conversations, as many as fit {@code maxChars}, and the cursor to read on from the first one not shown.
     *
     * @param start the cursor the page was read from
     */
    public static ToolResult list(Page<Conversation> page, ConversationQuery query, PageCursor start, int maxChars) {
        List<Conversation> conversations = start.unseen(page.items());
        String filters = filters(query);
        if (conversations.isEmpty()) {
            String text = "No conversations " + PageFit.emptyScope(start, page.nextCursor()) + filters + ".\n\n"
                    + PageFit.afterEmpty(NAME, NOUN, SAME, start, page.nextCursor(), "Try a wider window: drop "
                            + "`started_after` or move it earlier, or drop `user_id`. Results are sorted newest first by "
                            + "default.");
            return ToolResult.ok(text, data(List.of(), page.nextCursor()));
        }
        List<String> lines = conversations.stream().map(ConversationRenderer::line).toList();
        PageFit fit = PageFit.of(lines, maxChars, start, page.nextCursor(),
                f -> heading(f, filters, query).length() + footer(f).length());
        StringBuilder text = new StringBuilder(maxChars / 4).append(heading(fit, filters, query));
        lines.subList(0, fit.shown()).forEach(text::append);
        text.append(footer(fit));
        return ToolResult.ok(text.toString(), data(conversations.subList(0, fit.shown()), fit.nextCursor()));
    }

    private static String heading(PageFit fit, String filters, ConversationQuery query) {
        return fit.heading(NOUN) + filters + ", sorted by `" + query.orderBy() + "`:\n\n";
    }

    private static String footer(PageFit fit) {
        return "\n" + fit.nextLine(NAME, NOUN, SAME)
                + "Next: get_conversation or list_events with one of these ids as `convo_id`.";
    }

    /** One conversation as a list item on one line. */
    private static String line(Conversation c) {
        return "- " + code(c.id()) + " · " + Markdown.endUser(c.userId()) + " · " + span(c.startedAt(), c.lastMessageAt())
                + " · " + count(c.messageCount() == null ? 0 : c.messageCount(), "message") + " · signals: "
                + signals(c.signals(), Markdown.LABEL_LINE_LENGTH) + "\n";
    }

    /** The shown conversations by their ids, times and counts, and the cursor to read on. */
    private static Map<String, Object> data(List<Conversation> shown, String nextCursor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversations", shown.stream().map(ConversationRenderer::facts).toList());
        data.put("count", shown.size());
        data.put("has_more", nextCursor != null);
        data.put("next_cursor", nextCursor);
        return data;
    }

    private static Map<String, Object> facts(Conversation c) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("id", c.id());
        facts.put("user_id", c.userId());
        facts.put("started_at", c.startedAt());
        facts.put("last_message_at", c.lastMessageAt());
        facts.put("message_count", c.messageCount());
        return facts;
    }

    /** One conversation, its signals as many as fit {@code maxChars}. */
    public static ToolResult single(Conversation c, int maxChars) {
        StringBuilder text = new StringBuilder(512);
        text.append("## Conversation ").append(code(c.id())).append("\n\n")
                .append("- end user: ").append(Markdown.endUser(c.userId())).append('\n')
                .append("- started: ").append(Markdown.utc(c.startedAt())).append('\n')
                .append("- last message: ").append(Markdown.utc(c.lastMessageAt())).append(elapsed(c)).append('\n')
                .append("- messages: ").append(c.messageCount() == null ? "unknown" : c.messageCount()).append('\n')
                .append("- signals: ");
        String next = "\n\nNext: list_events with `convo_id: \"" + c.id() + "\"` reads its turns in order, oldest first.";
        List<SignalCount> signals = c.signals() == null ? List.of() : c.signals();
        int room = maxChars - text.length() - next.length();
        text.append(signals(signals, room)).append(next);
        Map<String, Object> conversation = facts(c);
        conversation.put("signals", signals.subList(0, Markdown.joinable(signalLabels(signals), room)).stream()
                .map(s -> {
                    Map<String, Object> signal = new LinkedHashMap<>();
                    signal.put("id", s.id());
                    signal.put("count", s.count());
                    return signal;
                }).toList());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversation", conversation);
        return ToolResult.ok(text.toString(), data);
    }

    private static String filters(ConversationQuery q) {
        List<String> parts = new ArrayList<>();
        if (q.userId() != null) {
            parts.add("user_id " + Markdown.codeLabel(q.userId(), "(blank)"));
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

    /** The signals with their counts, as many as fit {@code max} characters. */
    private static String signals(List<SignalCount> signals, int max) {
        return signals == null || signals.isEmpty() ? "none" : Markdown.joined(signalLabels(signals), max);
    }

    private static List<String> signalLabels(List<SignalCount> signals) {
        return signals.stream()
                .map(s -> (s.name() == null ? code(s.id()) : Markdown.label(s.name(), "(blank)")) + " ×"
                        + (s.count() == null ? "?" : s.count()))
                .toList();
    }
}
