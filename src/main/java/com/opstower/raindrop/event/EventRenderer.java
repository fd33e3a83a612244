package com.opstower.raindrop.event;

import static com.opstower.raindrop.tool.Markdown.code;
import static com.opstower.raindrop.tool.Markdown.count;

import com.opstower.raindrop.queryapi.Queries.EventFilter;
import com.opstower.raindrop.queryapi.Queries.EventQuery;
import com.opstower.raindrop.queryapi.Wire.Event;
import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.SignalScore;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.PageCursor;
import com.opstower.raindrop.tool.PageFit;
import com.opstower.raindrop.tool.ToolResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the agent reads about a page of events; one event in full is {@link EventDetail}. Pure: records in, markdown and
 * structured data out.
 */
public final class EventRenderer {

    private static final int TOP_SIGNALS = 3;
    private static final String LIST = ListEventsFunction.NAME;
    private static final String NOUN = "event";
    private static final String SAME = " and the same filters";

    private EventRenderer() {
    }

    /**
     * A page of events, as many as fit {@code maxChars}, and the cursor to read on from the first one not shown.
     *
     * @param start the cursor the page was read from
     */
    public static ToolResult list(Page<Event> page, EventQuery query, PageCursor start, int previewLength,
            int maxChars) {
        List<Event> events = start.unseen(page.items());
        String filters = filters(query.filter());
        String order = query.convoId() == null ? "newest first" : "oldest first, in turn order";
        if (events.isEmpty()) {
            String text = "No events " + PageFit.emptyScope(start, page.nextCursor()) + filters + ".\n\n"
                    + PageFit.afterEmpty(LIST, NOUN, SAME, start, page.nextCursor(), "Try fewer filters or another "
                            + "window (at most 14 days at a time); without `timestamp_after`, the newest events come "
                            + "first.");
            return ToolResult.ok(text, pageData(List.of(), page.nextCursor()));
        }
        List<String> items = events.stream().map(e -> item(e, previewLength)).toList();
        PageFit fit = PageFit.of(items, maxChars, start, page.nextCursor(),
                f -> heading(f, filters, order).length() + footer(f).length());
        StringBuilder text = new StringBuilder(maxChars / 4).append(heading(fit, filters, order));
        items.subList(0, fit.shown()).forEach(text::append);
        text.append(footer(fit));
        return ToolResult.ok(text.toString(), pageData(events.subList(0, fit.shown()), fit.nextCursor()));
    }

    private static String heading(PageFit fit, String filters, String order) {
        return fit.heading(NOUN) + filters + ", " + order + ":\n\n";
    }

    private static String footer(PageFit fit) {
        return "\n" + fit.nextLine(LIST, NOUN, SAME)
                + "Next: get_event with one of these ids as `event_id` for the full turn, or get_trace for its spans.";
    }

    /** The shown events by their ids and times, and the cursor to read on. */
    private static Map<String, Object> pageData(List<Event> shown, String nextCursor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("events", shown.stream().map(e -> {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("id", e.id());
            facts.put("timestamp", e.timestamp());
            facts.put("user_id", e.userId());
            facts.put("convo_id", e.convoId());
            return facts;
        }).toList());
        data.put("count", shown.size());
        data.put("has_more", nextCursor != null);
        data.put("next_cursor", nextCursor);
        return data;
    }

    /** One event as a list item: the facts on one line, then previews and top signals as sub-items. */
    static String item(Event e, int previewLength) {
        StringBuilder text = new StringBuilder(256 + 2 * previewLength);
        text.append("- ").append(code(e.id())).append(" · ").append(Markdown.utc(e.timestamp()))
                .append(" · ").append(Markdown.label(e.eventName(), "unnamed event"))
                .append(" · ").append(Markdown.endUser(e.userId()))
                .append(" · conversation ").append(e.convoId() == null ? "none" : code(e.convoId()))
                .append(" · model ").append(Markdown.label(e.model(), "unknown")).append('\n');
        appendPreview(text, "input", e.userInput(), previewLength);
        appendPreview(text, "output", e.assistantOutput(), previewLength);
        if (e.signals() != null && !e.signals().isEmpty()) {
            text.append("  - signals: ").append(topSignals(e.signals())).append('\n');
        }
        return text.toString();
    }

    private static void appendPreview(StringBuilder text, String label, String value, int previewLength) {
        if (value != null && !value.isBlank()) {
            text.append("  - ").append(label).append(": ").append(Markdown.preview(value, previewLength).quoted()).append('\n');
        }
    }

    /** The filters in force, as {@code " (user_id `u`, from …)"}, or nothing. */
    static String filters(EventFilter f) {
        List<String> parts = new ArrayList<>();
        addFilter(parts, "conversation", f.convoId());
        addFilter(parts, "user_id", f.userId());
        addFilter(parts, "event_name", f.eventName());
        addFilter(parts, "signal", f.signal());
        addFilter(parts, "signal_group", f.signalGroup());
        f.properties().forEach((parameter, value) -> parts.add(Markdown.codeLabel(parameter + "=" + value, "")));
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
            parts.add(label + " " + Markdown.codeLabel(value, "(blank)"));
        }
    }

    private static String topSignals(List<SignalScore> signals) {
        List<SignalScore> sorted = byScore(signals);
        String shown = sorted.stream().limit(TOP_SIGNALS).map(s -> name(s) + " " + score(s)).collect(Collectors.joining(", "));
        return sorted.size() > TOP_SIGNALS ? shown + " (+" + (sorted.size() - TOP_SIGNALS) + " more in get_event)" : shown;
    }

    static List<SignalScore> byScore(List<SignalScore> signals) {
        return signals.stream()
                .sorted(Comparator.comparing((SignalScore s) -> s.score() == null ? Double.NEGATIVE_INFINITY : s.score())
                        .reversed())
                .toList();
    }

    static String name(SignalScore s) {
        return Markdown.label(s.name(), "unnamed signal");
    }

    static String score(SignalScore s) {
        return s.score() == null ? "no score" : String.format(Locale.ROOT, "%.2f", s.score());
    }
}
