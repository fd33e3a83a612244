package com.opstower.raindrop.event;

import static com.opstower.raindrop.tool.Markdown.code;
import static com.opstower.raindrop.tool.Markdown.count;

import com.opstower.raindrop.queryapi.Queries.EventFilter;
import com.opstower.raindrop.queryapi.Queries.EventQuery;
import com.opstower.raindrop.queryapi.Wire.Attachment;
import com.opstower.raindrop.queryapi.Wire.ErrorSpan;
import com.opstower.raindrop.queryapi.Wire.Event;
import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.SignalScore;
import com.opstower.raindrop.queryapi.Wire.ToolCall;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.Markdown.Preview;
import com.opstower.raindrop.tool.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What the agent reads about events. Pure: records in, markdown and structured data out. */
public final class EventRenderer {

    private static final int TOP_SIGNALS = 3;

    private EventRenderer() {
    }

    public static ToolResult list(Page<Event> page, EventQuery query, int previewLength) {
        List<Event> events = page.items();
        String cursor = page.nextCursor();
        String order = query.convoId() == null ? "newest first" : "oldest first, in turn order";
        StringBuilder text = new StringBuilder(256 + events.size() * (previewLength * 2 + 300));
        if (events.isEmpty()) {
            text.append("No events matched").append(filters(query.filter())).append(".\n\n")
                    .append(query.cursor() != null
                            ? "This cursor's page is empty: the listing has ended."
                            : "Try fewer filters or another window (at most 14 days at a time); without "
                                    + "`timestamp_after`, the newest events come first.");
            return ToolResult.ok(text.toString(), page.toData("events"));
        }
        text.append(count(events.size(), "event")).append(cursor == null ? "" : " on this page").append(filters(query.filter()))
                .append(", ").append(order).append(":\n\n");
        for (Event e : events) {
            appendEvent(text, e, previewLength);
        }
        text.append('\n');
        if (cursor != null) {
            text.append("More events match: call list_events again with `cursor: \"").append(cursor)
                    .append("\"` and the same filters.\n");
        }
        text.append("Next: get_event with one of these ids as `event_id` for the full turn, or get_trace for its spans.");
        return ToolResult.ok(text.toString(), page.toData("events"));
    }

    /** One event as a list item: the facts on one line, then previews and top signals as sub-items. */
    static void appendEvent(StringBuilder text, Event e, int previewLength) {
        text.append("- ").append(code(e.id())).append(" · ").append(Markdown.utc(e.timestamp()))
                .append(" · ").append(e.eventName() == null ? "unnamed event" : e.eventName())
                .append(" · ").append(Markdown.endUser(e.userId()))
                .append(" · conversation ").append(e.convoId() == null ? "none" : code(e.convoId()))
                .append(" · model ").append(e.model() == null ? "unknown" : e.model()).append('\n');
        appendPreview(text, "input", e.userInput(), previewLength);
        appendPreview(text, "output", e.assistantOutput(), previewLength);
        if (e.signals() != null && !e.signals().isEmpty()) {
            text.append("  - signals: ").append(topSignals(e.signals())).append('\n');
        }
    }

    public static ToolResult single(Event e, int fieldLimit) {
        StringBuilder text = new StringBuilder(4096);
        text.append("## Event ").append(code(e.id())).append("\n\n")
                .append("- name: ").append(e.eventName() == null ? "none" : e.eventName()).append('\n')
                .append("- time: ").append(Markdown.utc(e.timestamp()));
        if (e.receivedAt() != null) {
            text.append(" (received ").append(Markdown.utc(e.receivedAt())).append(')');
        }
        text.append('\n')
                .append("- end user: ").append(Markdown.endUser(e.userId())).append('\n')
                .append("- conversation: ").append(e.convoId() == null ? "none" : code(e.convoId())).append('\n')
                .append("- model: ").append(e.model() == null ? "unknown" : e.model()).append('\n');
        if (e.topics() != null && !e.topics().isEmpty()) {
            text.append("- topics: ").append(String.join(", ", e.topics())).append('\n');
        }
        if (e.featureFlags() != null && !e.featureFlags().isEmpty()) {
            text.append("- feature flags: ").append(e.featureFlags().entrySet().stream()
                    .map(f -> f.getKey() + "=" + f.getValue()).collect(Collectors.joining(", "))).append('\n');
        }
        List<String> cut = new ArrayList<>();
        section(text, "User input", "text", e.userInput(), fieldLimit, cut);
        section(text, "Assistant output", "text", e.assistantOutput(), fieldLimit, cut);
        signals(text, e.signals());
        toolCalls(text, e.toolCalls(), e.id());
        errorSpans(text, e.errorSpans(), e.id(), fieldLimit, cut);
        attachments(text, "Input attachments", e.inputAttachments(), fieldLimit, cut);
        attachments(text, "Output attachments", e.outputAttachments(), fieldLimit, cut);
        if (e.properties() != null && !e.properties().isNull() && !e.properties().isEmpty()) {
            section(text, "Properties", "json", e.properties().toPrettyString(), fieldLimit, cut);
        }
        text.append("\nNext: get_trace with `event_id: \"").append(e.id())
                .append("\"` shows the span tree behind this turn: every LLM call and tool call with timings and errors.");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event", e);
        data.put("truncated_fields", cut);
        return ToolResult.ok(text.toString(), data);
    }

    private static void appendPreview(StringBuilder text, String label, String value, int previewLength) {
        if (value != null && !value.isBlank()) {
            text.append("  - ").append(label).append(": ").append(Markdown.preview(value, previewLength).quoted()).append('\n');
        }
    }

    private static void section(StringBuilder text, String title, String language, String value, int limit, List<String> cut) {
        String body = value == null || value.isEmpty() ? "_none_" : fenced(title, language, value, limit, cut);
        text.append("\n### ").append(title).append("\n\n").append(body).append('\n');
    }

    /** The value fenced, cut to {@code limit} characters with the cut announced and recorded under {@code label}. */
    private static String fenced(String label, String language, String value, int limit, List<String> cut) {
        Preview shown = Markdown.bounded(value, limit);
        String block = Markdown.fence(language, shown.text());
        if (!shown.clipped()) {
            return block;
        }
        cut.add(label);
        return block + "\n\n_Cut: " + shown.dropped() + " more characters not shown (" + limit + " shown)._";
    }

    private static void signals(StringBuilder text, List<SignalScore> signals) {
        list(text, "Signals", "_none_", signals == null ? List.of() : byScore(signals).stream()
                .map(s -> "- " + name(s) + ": " + score(s) + " · id " + code(s.id()))
                .toList());
    }

    private static void toolCalls(StringBuilder text, List<ToolCall> calls, String eventId) {
        list(text, "Tool calls", notRecorded("get_trace with `event_id: \"" + eventId + "\"`", "spans, tool calls among them"),
                calls == null ? List.of() : calls.stream()
                .map(c -> "- " + (c.toolName() == null ? "unnamed tool" : c.toolName()) + " · " + status(c.status())
                        + " · " + millis(c.durationMs()) + " · started " + Markdown.utc(c.startedAt())
                        + " · span " + code(c.spanId()))
                .toList());
    }

    private static void errorSpans(StringBuilder text, List<ErrorSpan> spans, String eventId, int limit, List<String> cut) {
        list(text, "Error spans", notRecorded("get_trace with `event_id: \"" + eventId
                        + "\", status: \"ERROR\"`", "failed spans"),
                spans == null ? List.of() : spans.stream()
                .map(s -> "- " + (s.spanName() == null ? "unnamed span" : s.spanName())
                        + " (" + (s.spanType() == null ? "unknown type" : s.spanType()) + ") · " + status(s.status())
                        + " · " + millis(s.durationMs()) + " · started " + Markdown.utc(s.startedAt())
                        + " · span " + code(s.spanId())
                        + payload("Error span " + s.spanId(), s.outputPayload(), limit, cut))
                .toList());
    }

    private static void attachments(StringBuilder text, String title, List<Attachment> attachments, int limit, List<String> cut) {
        if (attachments == null || attachments.isEmpty()) {
            return;
        }
        list(text, title, "_none_", attachments.stream()
                .map(a -> "- " + (a.attachmentType() == null ? "attachment" : a.attachmentType())
                        + (a.name() == null ? "" : " " + code(a.name()))
                        + (a.attachmentId() == null ? "" : " · id " + code(a.attachmentId()))
                        + payload(title + " " + (a.name() == null ? a.attachmentId() : a.name()), a.value(), limit, cut))
                .toList());
    }

    /**
     * A list section, {@code empty} when it has no items; items holding a fenced payload make it a loose list, so blank
     * lines separate every item.
     */
    private static void list(StringBuilder text, String title, String empty, List<String> items) {
        String separator = items.stream().anyMatch(i -> i.contains("\n")) ? "\n\n" : "\n";
        text.append("\n### ").append(title).append("\n\n")
                .append(items.isEmpty() ? empty : String.join(separator, items)).append('\n');
    }

    /**
     * What an empty list of the event record means: the record lists none (the fields are optional), which says nothing
     * of the trace, so the agent is sent to the call that reads the spans.
     */
    private static String notRecorded(String call, String spans) {
        return "_Not recorded on this event (its record lists none; the trace may still hold some): " + call
                + " shows the trace's " + spans + "._";
    }

    /** A payload fenced under its list item, or nothing. */
    private static String payload(String label, String value, int limit, List<String> cut) {
        return value == null || value.isEmpty() ? "" : "\n\n" + Markdown.indent(fenced(label, "text", value, limit, cut), 2);
    }

    /** The filters in force, as {@code " (user_id `u`, from …)"}, or nothing. */
    static String filters(EventFilter f) {
        List<String> parts = new ArrayList<>();
        addFilter(parts, "conversation", f.convoId());
        addFilter(parts, "user_id", f.userId());
        addFilter(parts, "event_name", f.eventName());
        addFilter(parts, "signal", f.signal());
        addFilter(parts, "signal_group", f.signalGroup());
        f.properties().forEach((parameter, value) -> parts.add(code(parameter + "=" + value)));
        if (f.timestampAfter() != null) {
            parts.add("from " + Markdown.utc(f.timestampAfter()));
        }
        if (f.timestampBefore() != null) {
            parts.add("before " + Markdown.utc(f.timestampBefore()));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static void addFilter(List<String> parts, String label, String value) {
        if (value != null) {
            parts.add(label + " " + code(value));
        }
    }

    private static String topSignals(List<SignalScore> signals) {
        List<SignalScore> sorted = byScore(signals);
        String shown = sorted.stream().limit(TOP_SIGNALS).map(s -> name(s) + " " + score(s)).collect(Collectors.joining(", "));
        return sorted.size() > TOP_SIGNALS ? shown + " (+" + (sorted.size() - TOP_SIGNALS) + " more in get_event)" : shown;
    }

    private static List<SignalScore> byScore(List<SignalScore> signals) {
        return signals.stream()
                .sorted(Comparator.comparing((SignalScore s) -> s.score() == null ? Double.NEGATIVE_INFINITY : s.score())
                        .reversed())
                .toList();
    }

    private static String name(SignalScore s) {
        return s.name() == null ? "unnamed signal" : s.name();
    }

    private static String score(SignalScore s) {
        return s.score() == null ? "no score" : String.format(Locale.ROOT, "%.2f", s.score());
    }

    private static String status(String status) {
        if (status == null) {
            return "status unknown";
        }
        return "ERROR".equalsIgnoreCase(status) ? "**ERROR**" : status;
    }

    private static String millis(Long durationMs) {
        return durationMs == null ? "duration unknown" : Markdown.duration(Duration.ofMillis(durationMs));
    }
}
