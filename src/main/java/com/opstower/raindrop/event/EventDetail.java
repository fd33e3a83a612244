package com.opstower.raindrop.event;

import static com.opstower.raindrop.tool.Markdown.code;

import com.opstower.raindrop.queryapi.Wire.Attachment;
import com.opstower.raindrop.queryapi.Wire.ErrorSpan;
import com.opstower.raindrop.queryapi.Wire.Event;
import com.opstower.raindrop.queryapi.Wire.SignalScore;
import com.opstower.raindrop.queryapi.Wire.ToolCall;
import com.opstower.raindrop.tool.AnswerBound;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.Markdown.Preview;
import com.opstower.raindrop.tool.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * What the agent reads about one event (get_event), fitted to a bound: the facts first, then the lists (signals, tool
 * calls, error spans, attachments) sharing at most half of what is left, as many items each as fit, then the payloads
 * (input, output, error outputs, attachment values, properties) sharing the rest evenly, each up to the field limit.
 * Every cut is announced where it happens. Pure: a record in, markdown and structured data out.
 */
public final class EventDetail {

    /** Tries at fitting the payloads, each scaling their room down by the last one's overshoot; the last gives none. */
    private static final int FITTING_ROUNDS = 8;

    private EventDetail() {
    }

    /** A payload shown fenced, named by {@code label} when it is cut. */
    private record Payload(String label, String language, String value) {
        int demand(int fieldLimit) {
            return value == null ? 0 : Math.min(value.length(), fieldLimit);
        }
    }

    /** A list item: its line, and a payload fenced under it or null. */
    private record Item(String line, Payload payload) {
    }

    /** A list section: its items, what it says when it has none, and the line for the items that do not fit. */
    private record Section(String title, String empty, List<Item> items, String noun, String elsewhere) {
        String more(int left) {
            return "- … and " + Markdown.count(left, "more " + noun) + ", not shown to fit the answer" + elsewhere;
        }

        /** The shown items' lines, separated as a loose list when one carries a payload, and the more line. */
        int length(int shown) {
            int length = 0;
            for (int i = 0; i < shown; i++) {
                length += items.get(i).line().length() + 2;
            }
            return length + (shown < items.size() ? more(items.size() - shown).length() + 2 : 0);
        }
    }

    /**
     * The event, each field up to {@code fieldLimit} characters and the whole text within {@code maxChars}.
     */
    public static ToolResult render(Event e, int fieldLimit, int maxChars) {
        String header = header(e);
        String next = "\nNext: get_trace with `event_id: \"" + e.id() + "\"` shows the span tree behind this turn: every "
                + "LLM call and tool call with timings and errors.";
        List<Section> sections = sections(e);
        int[] shown = shownItems(sections, (maxChars - header.length() - next.length()) / 2);
        Payload input = new Payload("User input", "text", e.userInput());
        Payload output = new Payload("Assistant output", "text", e.assistantOutput());
        Payload properties = e.properties() == null || e.properties().isNull() || e.properties().isEmpty() ? null
                : new Payload("Properties", "json", e.properties().toPrettyString());
        // Payloads share their room in two steps: input, output, each list's payloads and the properties as parts,
        // then each part among its own, so that many error outputs cannot crowd out the turn's input and output.
        List<List<Payload>> parts = new ArrayList<>(List.of(List.of(input), List.of(output)));
        for (int s = 1; s < sections.size(); s++) {
            parts.add(sections.get(s).items().subList(0, shown[s]).stream().map(Item::payload).filter(Objects::nonNull)
                    .toList());
        }
        parts.add(properties == null ? List.of() : List.of(properties));
        List<Payload> payloads = parts.stream().flatMap(List::stream).toList();
        int base = draft(header, next, sections, shown, payloads, new int[payloads.size()], new ArrayList<>()).length();
        // The room is what the payloads' content may take; fences, notes and indentation come on top, so it is scaled
        // down until the whole text fits.
        int room = Math.max(0, maxChars - base);
        List<String> cut = new ArrayList<>();
        String text = draft(header, next, sections, shown, payloads, shares(parts, fieldLimit, room), cut);
        for (int round = 1; text.length() > maxChars && room > 0; round++) {
            room = round == FITTING_ROUNDS ? 0 : (int) ((long) room * (maxChars - base) / (text.length() - base)) - 1;
            cut = new ArrayList<>();
            text = draft(header, next, sections, shown, payloads, shares(parts, fieldLimit, Math.max(0, room)), cut);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event", facts(e, shown, properties != null && !cut.contains(properties.label())));
        data.put("truncated_fields", cut);
        return ToolResult.ok(text, data);
    }

    private static String header(Event e) {
        StringBuilder text = new StringBuilder(1024);
        text.append("## Event ").append(code(e.id())).append("\n\n")
                .append("- name: ").append(Markdown.label(e.eventName(), "none")).append('\n')
                .append("- time: ").append(Markdown.utc(e.timestamp()));
        if (e.receivedAt() != null) {
            text.append(" (received ").append(Markdown.utc(e.receivedAt())).append(')');
        }
        text.append('\n')
                .append("- end user: ").append(Markdown.endUser(e.userId())).append('\n')
                .append("- conversation: ").append(e.convoId() == null ? "none" : code(e.convoId())).append('\n')
                .append("- model: ").append(Markdown.label(e.model(), "unknown")).append('\n');
        if (e.topics() != null && !e.topics().isEmpty()) {
            text.append("- topics: ").append(Markdown.joined(
                    e.topics().stream().map(t -> Markdown.label(t, "(blank)")).toList(), Markdown.LABEL_LINE_LENGTH)).append('\n');
        }
        if (e.featureFlags() != null && !e.featureFlags().isEmpty()) {
            text.append("- feature flags: ").append(Markdown.joined(e.featureFlags().entrySet().stream()
                    .map(f -> Markdown.label(f.getKey() + "=" + f.getValue(), "(blank)")).toList(),
                    Markdown.LABEL_LINE_LENGTH)).append('\n');
        }
        return text.toString();
    }

    /** The list sections in the order shown; the attachment sections only when the event has attachments. */
    private static List<Section> sections(Event e) {
        String trace = "get_trace with `event_id: \"" + e.id() + "\"`";
        List<Section> sections = new ArrayList<>(5);
        sections.add(new Section("Signals", "_none_", orEmpty(e.signals()).isEmpty() ? List.of()
                : EventRenderer.byScore(e.signals()).stream().map(EventDetail::signal).toList(), "signal", ""));
        sections.add(new Section("Tool calls", notRecorded(trace, "spans, tool calls among them"),
                orEmpty(e.toolCalls()).stream().map(EventDetail::toolCall).toList(), "tool call",
                ": " + trace + " shows every span"));
        String failed = "get_trace with `event_id: \"" + e.id() + "\", status: \"ERROR\"`";
        sections.add(new Section("Error spans", notRecorded(failed, "failed spans"),
                orEmpty(e.errorSpans()).stream().map(EventDetail::errorSpan).toList(), "error span",
                ": " + failed + " shows every one"));
        for (String title : List.of("Input attachments", "Output attachments")) {
            List<Attachment> attachments = orEmpty(title.startsWith("Input") ? e.inputAttachments()
                    : e.outputAttachments());
            if (!attachments.isEmpty()) {
                sections.add(new Section(title, "_none_", attachments.stream().map(a -> attachment(title, a)).toList(),
                        "attachment", ""));
            }
        }
        return sections;
    }

    /** How many items of each section are shown: the sections share {@code room} fairly, each shows its first that fit. */
    private static int[] shownItems(List<Section> sections, int room) {
        int[] demands = sections.stream().mapToInt(s -> s.length(s.items().size())).toArray();
        int[] shares = AnswerBound.fairShares(demands, room);
        int[] shown = new int[sections.size()];
        for (int s = 0; s < shown.length; s++) {
            Section section = sections.get(s);
            List<String> lines = section.items().stream().map(i -> i.line() + "\n\n").toList();
            int total = lines.size();
            shown[s] = Markdown.fitting(lines, shares[s],
                    n -> n == total ? 0 : section.more(total - n).length() + 2);
        }
        return shown;
    }

    /** Each payload's share of {@code room}, in the order of the parts: fair among the parts, then within each. */
    private static int[] shares(List<List<Payload>> parts, int fieldLimit, int room) {
        int[][] demands = parts.stream().map(part -> part.stream().mapToInt(p -> p.demand(fieldLimit)).toArray())
                .toArray(int[][]::new);
        int[] partShares = AnswerBound.fairShares(Arrays.stream(demands).mapToInt(d -> Arrays.stream(d).sum()).toArray(),
                room);
        return IntStream.range(0, parts.size()).mapToObj(i -> AnswerBound.fairShares(demands[i], partShares[i]))
                .flatMapToInt(Arrays::stream).toArray();
    }

    /** The whole text with each payload cut to its share; the labels of the cut ones are added to {@code cut}. */
    private static String draft(String header, String next, List<Section> sections, int[] shown, List<Payload> payloads,
            int[] shares, List<String> cut) {
        StringBuilder text = new StringBuilder(header.length() + next.length() + 4096).append(header);
        int p = 0;
        for (int i = 0; i < 2; i++, p++) {
            payloadSection(text, payloads.get(p), shares[p], cut);
        }
        for (int s = 0; s < sections.size(); s++) {
            Section section = sections.get(s);
            text.append("\n### ").append(section.title()).append("\n\n");
            if (section.items().isEmpty()) {
                text.append(section.empty()).append('\n');
                continue;
            }
            List<Item> items = section.items().subList(0, shown[s]);
            boolean loose = items.stream().anyMatch(item -> item.payload() != null && !isEmpty(item.payload().value()));
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                text.append(i == 0 ? "" : loose ? "\n\n" : "\n").append(item.line());
                if (item.payload() != null) {
                    if (!isEmpty(item.payload().value())) {
                        text.append("\n\n").append(Markdown.indent(fenced(item.payload(), shares[p], cut), 2));
                    }
                    p++;
                }
            }
            if (shown[s] < section.items().size()) {
                text.append(loose ? "\n\n" : "\n").append(section.more(section.items().size() - shown[s]));
            }
            text.append('\n');
        }
        if (p < payloads.size()) {
            payloadSection(text, payloads.get(p), shares[p], cut);
        }
        return text.append(next).toString();
    }

    private static void payloadSection(StringBuilder text, Payload payload, int share, List<String> cut) {
        text.append("\n### ").append(payload.label()).append("\n\n")
                .append(isEmpty(payload.value()) ? "_none_" : fenced(payload, share, cut)).append('\n');
    }

    /** The payload fenced, cut to {@code share} characters with the cut announced and recorded. */
    private static String fenced(Payload payload, int share, List<String> cut) {
        Preview shown = Markdown.bounded(payload.value(), share);
        String block = Markdown.fence(payload.language(), shown.text());
        if (!shown.clipped()) {
            return block;
        }
        cut.add(payload.label());
        return block + "\n\n_Cut: " + shown.dropped() + " more characters not shown (" + shown.text().length()
                + " shown)._";
    }

    private static Item signal(SignalScore s) {
        return new Item("- " + EventRenderer.name(s) + ": " + EventRenderer.score(s) + " · id " + code(s.id()), null);
    }

    private static Item toolCall(ToolCall c) {
        return new Item("- " + Markdown.label(c.toolName(), "unnamed tool") + " · " + status(c.status()) + " · "
                + millis(c.durationMs()) + " · started " + Markdown.utc(c.startedAt()) + " · span " + code(c.spanId()),
                null);
    }

    private static Item errorSpan(ErrorSpan s) {
        return new Item("- " + Markdown.label(s.spanName(), "unnamed span") + " ("
                + Markdown.label(s.spanType(), "unknown type") + ") · " + status(s.status()) + " · " + millis(s.durationMs())
                + " · started " + Markdown.utc(s.startedAt()) + " · span " + code(s.spanId()),
                new Payload("Error span " + s.spanId(), "text", s.outputPayload()));
    }

    private static Item attachment(String title, Attachment a) {
        return new Item("- " + Markdown.label(a.attachmentType(), "attachment")
                + (a.name() == null ? "" : " " + Markdown.codeLabel(a.name(), "(blank)"))
                + (a.attachmentId() == null ? "" : " · id " + code(a.attachmentId())),
                new Payload(title + " " + (a.name() == null ? a.attachmentId() : Markdown.label(a.name(), "(blank)")),
                        "text", a.value()));
    }

    /**
     * What an empty list of the event record means: the record lists none (the fields are optional), which says nothing
     * of the trace, so the agent is sent to the call that reads the spans.
     */
    private static String notRecorded(String call, String spans) {
        return "_Not recorded on this event (its record lists none; the trace may still hold some): " + call
                + " shows the trace's " + spans + "._";
    }

    /** The event's ids, times and counts, with the ids of the listed items shown; its properties when shown whole. */
    private static Map<String, Object> facts(Event e, int[] shown, boolean propertiesWhole) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("id", e.id());
        facts.put("timestamp", e.timestamp());
        facts.put("received_at", e.receivedAt());
        facts.put("user_id", e.userId());
        facts.put("convo_id", e.convoId());
        List<SignalScore> signals = orEmpty(e.signals()).isEmpty() ? List.of() : EventRenderer.byScore(e.signals());
        facts.put("signals", signals.subList(0, shown[0]).stream().map(s -> {
            Map<String, Object> signal = new LinkedHashMap<>();
            signal.put("id", s.id());
            signal.put("score", s.score());
            return signal;
        }).toList());
        facts.put("tool_calls", orEmpty(e.toolCalls()).subList(0, shown[1]).stream()
                .map(c -> span(c.spanId(), c.status(), c.durationMs(), c.startedAt())).toList());
        facts.put("error_spans", orEmpty(e.errorSpans()).subList(0, shown[2]).stream()
                .map(s -> span(s.spanId(), s.status(), s.durationMs(), s.startedAt())).toList());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("signals", signals.size());
        counts.put("tool_calls", orEmpty(e.toolCalls()).size());
        counts.put("error_spans", orEmpty(e.errorSpans()).size());
        counts.put("input_attachments", orEmpty(e.inputAttachments()).size());
        counts.put("output_attachments", orEmpty(e.outputAttachments()).size());
        facts.put("counts", counts);
        if (propertiesWhole) {
            facts.put("properties", e.properties());
        }
        return facts;
    }

    private static Map<String, Object> span(String spanId, String status, Long durationMs, String startedAt) {
        Map<String, Object> span = new LinkedHashMap<>();
        span.put("span_id", spanId);
        span.put("status", status);
        span.put("duration_ms", durationMs);
        span.put("started_at", startedAt);
        return span;
    }

    private static String status(String status) {
        if (status == null) {
            return "status unknown";
        }
        return "ERROR".equalsIgnoreCase(status) ? "**ERROR**" : Markdown.label(status, "status unknown");
    }

    private static String millis(Long durationMs) {
        return durationMs == null ? "duration unknown" : Markdown.duration(Duration.ofMillis(durationMs));
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
