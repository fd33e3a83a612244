package com.opstower.raindrop.trace.compare;

import static com.opstower.raindrop.tool.Markdown.code;
import static com.opstower.raindrop.tool.Markdown.count;

import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.trace.compare.Differences.Item;
import com.opstower.raindrop.trace.compare.Differences.Kind;
import com.opstower.raindrop.trace.compare.TraceAlignment.Step;
import com.opstower.raindrop.trace.focus.Focus;
import com.opstower.raindrop.trace.message.ChatPayload;
import com.opstower.raindrop.trace.message.MessageParting;
import com.opstower.raindrop.trace.message.MessagePreview;
import com.opstower.raindrop.trace.read.ErrorReason;
import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceSummary;
import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * compare_traces' answer: two runs side by side, then what differs, by kind: steps only one run has, renamed steps,
 * status changes, models, payloads (where each pair first parts), own-time changes and tokens; beside them what
 * differs in the events' records ({@link EventRecords}). Bounded: the items of
 * each kind are taken in turn, one kind after another, while they fit, so that every kind is shown when the answer
 * cannot hold them all, and the cut is announced. Pure: the two traces as read in, {@link ToolResult} out.
 */
public final class CompareRenderer {

    /**
     * @param maxAnswerChars upper bound of the whole markdown
     * @param truncLen the {@code trunc_len} sent upstream, for the note on payloads cut there
     */
    public record Options(int maxAnswerChars, Focus focus, int truncLen) {
    }

    /** Models listed in the table; the others are counted. */
    static final int LISTED_MODELS = 3;
    /** Entries of the lists in {@code data}. */
    static final int LISTED_PAIRS = 100;
    static final int LISTED_SPANS = 50;

    private static final Map<Kind, String> TITLES = titles();

    private static Map<Kind, String> titles() {
        Map<Kind, String> titles = new EnumMap<>(Kind.class);
        titles.put(Kind.STEP, "Steps only one run has");
        titles.put(Kind.RENAMED, "Steps renamed or replaced (the same type, in the same place)");
        titles.put(Kind.STATUS, "Status changes");
        titles.put(Kind.MODEL, "Models and providers that changed");
        titles.put(Kind.PAYLOAD, "Inputs and outputs that differ, where they part, tool call ids masked");
        titles.put(Kind.OWN_TIME, "Own time (a span's time less its children's), largest changes first");
        titles.put(Kind.TOKENS, "Tokens per LLM call");
        return titles;
    }

    private CompareRenderer() {
    }

    /** The events' records take at most this share of the answer's bound: 1/8. */
    private static final int RECORDS_SHARE = 8;

    public static ToolResult render(ComparedTrace baseline, ComparedTrace run, EventRecords records, Options options) {
        String recordsSection = records.section(options.maxAnswerChars() / RECORDS_SHARE);
        if (baseline.empty() || run.empty()) {
            return empty(baseline, run, records, recordsSection);
        }
        TraceAlignment alignment = TraceAlignment.of(baseline.tree, run.tree);
        Differences differences = Differences.of(alignment, baseline, run);
        Lines lines = new Lines(baseline, run);
        StringBuilder text = new StringBuilder(16_384);
        text.append("## Compare traces · run ").append(code(run.eventId)).append(" against baseline ")
                .append(code(baseline.eventId)).append("\n\n");
        focusLine(text, baseline, run, options);
        table(text, baseline.summary, run.summary);
        text.append('\n').append(recordsSection).append('\n').append(pairing(alignment)).append("\n\n");
        if (differences.total() == 0) {
            text.append(identical(baseline, run)).append("\n\n").append(NEXT).append('\n');
            return ToolResult.ok(text.toString(), data(baseline, run, records, alignment, differences, 0, options));
        }
        sameArguments(text, differences, lines);
        String fullSummary = summaryLine(differences, differences.total());
        String cutSummary = summaryLine(differences, differences.total() - 1);
        int budget = options.maxAnswerChars() - text.length() - Math.max(fullSummary.length(), cutSummary.length())
                - NEXT.length() - 8;
        Map<Kind, List<String>> shown = choose(differences, lines, budget);
        int shownCount = shown.values().stream().mapToInt(List::size).sum();
        text.append(summaryLine(differences, shownCount)).append("\n\n");
        for (Kind kind : Kind.values()) {
            List<String> items = shown.get(kind);
            if (items.isEmpty()) {
                continue;
            }
            text.append(sectionTitle(kind, items.size(), differences.of(kind).size())).append('\n');
            for (String item : items) {
                text.append(item).append('\n');
            }
            text.append('\n');
        }
        text.append(NEXT).append('\n');
        return ToolResult.ok(text.toString(), data(baseline, run, records, alignment, differences, shownCount, options));
    }

    private static final String NEXT = "Next: get_span with either `event_id` and a span id above reads a span in full (an "
            + "`offset` near a payload's parting point shows it); get_trace with `view: \"time\"` shows where each run's "
            + "time went.";

    /**
     * The items of each kind, taken in turn while they fit: first items of all kinds, then the second ones, and so
     * on; a kind whose next item does not fit is done.
     */
    private static Map<Kind, List<String>> choose(Differences differences, Lines lines, int budget) {
        Map<Kind, List<String>> shown = new EnumMap<>(Kind.class);
        Set<Kind> open = new LinkedHashSet<>();
        for (Kind kind : Kind.values()) {
            shown.put(kind, new ArrayList<>());
            if (!differences.of(kind).isEmpty()) {
                open.add(kind);
            }
        }
        long used = 0;
        while (!open.isEmpty()) {
            for (Kind kind : List.copyOf(open)) {
                List<String> taken = shown.get(kind);
                List<Item> items = differences.of(kind);
                String item = lines.item(items.get(taken.size()));
                // A section costs its title (at its longest, "showing n − 1 of n") and a blank line when its first item
                // is taken.
                long cost = item.length() + 1 + (taken.isEmpty() ? sectionTitle(kind, items.size() - 1, items.size()).length() + 1 : 0);
                if (used + cost > budget) {
                    open.remove(kind);
                    continue;
                }
                used += cost;
                taken.add(item);
                if (taken.size() == items.size()) {
                    open.remove(kind);
                }
            }
        }
        return shown;
    }

    private static String sectionTitle(Kind kind, int shown, int total) {
        return "### " + TITLES.get(kind) + " (" + (shown < total ? "showing " + shown + " of " + total : Integer.toString(total))
                + ")" + (kind == Kind.OWN_TIME ? "\n\nChanges of " + Differences.MIN_OWN_TIME_CHANGE_NS / 1_000_000 + " ms and "
                        + Math.round(100 * Differences.MIN_OWN_TIME_CHANGE_SHARE) + "% or more.\n" : "\n");
    }

    private static String summaryLine(Differences differences, int shown) {
        List<String> parts = new ArrayList<>();
        long onlyRun = differences.of(Kind.STEP).stream().filter(item -> item.step().run() != null).count();
        long onlyBaseline = differences.of(Kind.STEP).size() - onlyRun;
        if (onlyRun > 0) {
            parts.add(count(onlyRun, "step") + " only in the run");
        }
        if (onlyBaseline > 0) {
            parts.add(count(onlyBaseline, "step") + " only in the baseline");
        }
        String[][] words = {{"RENAMED", "renamed step"}, {"STATUS", "status change"}, {"MODEL", "model change"},
            {"PAYLOAD", "payload that differs"}, {"OWN_TIME", "own-time change"}, {"TOKENS", "token change"}};
        for (String[] word : words) {
            int n = differences.of(Kind.valueOf(word[0])).size();
            if (n > 0) {
                parts.add(n + " " + (n == 1 ? word[1] : plural(word[1])));
            }
        }
        String line = "**" + count(differences.total(), "difference") + "**: " + String.join(", ", parts);
        return shown < differences.total()
                ? line + " (showing " + shown + " of " + count(differences.total(), "difference") + " to fit the answer)."
                : line + ".";
    }

    private static String plural(String words) {
        return words.replace("payload that differs", "payloads that differ").replace("step", "steps")
                .replace("change", "changes");
    }

    /** Characters the line of tool calls with unchanged arguments takes at most. */
    private static final int SAME_ARGUMENTS_LENGTH = 300;

    /**
     * {@code Tool calls with the same arguments in both: `quote_shipping` (another result), `get_cart` (same result).}:
     * what a list of differences says only by leaving it out, that a changed result did not come from changed
     * arguments. Those with another result come first.
     */
    private static void sameArguments(StringBuilder text, Differences differences, Lines lines) {
        if (differences.sameArguments().isEmpty()) {
            return;
        }
        List<String> calls = new ArrayList<>();
        for (boolean sameResult : new boolean[] {false, true}) {
            for (Differences.SameArguments same : differences.sameArguments()) {
                if (same.sameResult() == sameResult) {
                    calls.add(lines.callName(same.step()) + (sameResult ? " (same result)" : " (another result)"));
                }
            }
        }
        text.append("Tool calls with the same arguments in both: ").append(Markdown.joined(calls, SAME_ARGUMENTS_LENGTH))
                .append(".\n\n");
    }

    private static String pairing(TraceAlignment alignment) {
        int onlyRun = 0;
        int onlyBaseline = 0;
        for (Step step : alignment.steps()) {
            if (step.kind() == TraceAlignment.Kind.ONLY_RUN) {
                onlyRun += step.run().subtreeSize();
            } else if (step.kind() == TraceAlignment.Kind.ONLY_BASELINE) {
                onlyBaseline += step.baseline().subtreeSize();
            }
        }
        return "Spans paired by their path of names from the root, siblings of the same name in order, the last with the "
                + "last: "
                + count(alignment.pairs(), "pair") + "; " + count(onlyRun, "span") + " only in the run, "
                + count(onlyBaseline, "span") + " only in the baseline.";
    }

    private static void focusLine(StringBuilder text, ComparedTrace baseline, ComparedTrace run, Options options) {
        Focus focus = options.focus();
        if (focus.isNone()) {
            return;
        }
        text.append("Compared: the spans matching ").append(code(focus.describe())).append(" (")
                .append(baseline.matched).append(" of ").append(baseline.spans()).append(" in the baseline, ")
                .append(run.matched).append(" of ").append(run.spans()).append(" in the run), with their ancestors.");
        int cut = baseline.payloadsCutUpstream + run.payloadsCutUpstream;
        if (cut > 0) {
            text.append(' ').append(count(cut, "payload")).append(" reached `trunc_len` ").append(options.truncLen())
                    .append(" upstream and was searched only that far.");
        }
        text.append("\n\n");
    }

    // ---- the table ---------------------------------------------------------------------------------------------------

    private static void table(StringBuilder text, TraceSummary baseline, TraceSummary run) {
        text.append("| | baseline | run | change |\n|---|---:|---:|---:|\n");
        row(text, "spans", baseline.spans(), run.spans());
        row(text, "LLM calls", baseline.llmCalls(), run.llmCalls());
        row(text, "tool calls", baseline.toolCalls(), run.toolCalls());
        row(text, "errors", baseline.errors(), run.errors());
        Long before = baseline.wallTimeNs();
        Long after = run.wallTimeNs();
        text.append("| wall time | ").append(before == null ? "unknown" : duration(before)).append(" | ")
                .append(after == null ? "unknown" : duration(after)).append(" | ")
                .append(before == null || after == null ? "—" : change(before, after)).append(" |\n");
        List<String> models = models(baseline, run);
        for (String model : models.subList(0, Math.min(LISTED_MODELS, models.size()))) {
            TraceSummary.Tokens left = baseline.tokensByModel().get(model);
            TraceSummary.Tokens right = run.tokensByModel().get(model);
            text.append("| tokens ").append(cell(code(Markdown.label(model, "(blank)")))).append(" | ")
                    .append(tokens(left)).append(" | ").append(tokens(right)).append(" | ")
                    .append(tokenChange(left, right)).append(" |\n");
        }
        if (models.size() > LISTED_MODELS) {
            text.append("| tokens of ").append(count(models.size() - LISTED_MODELS, "more model")).append(" | | | |\n");
        }
    }

    /** The models of both runs, the most tokens first. */
    private static List<String> models(TraceSummary baseline, TraceSummary run) {
        Map<String, Long> totals = new LinkedHashMap<>();
        baseline.tokensByModel().forEach((model, tokens) -> totals.merge(model, tokens.total(), Math::max));
        run.tokensByModel().forEach((model, tokens) -> totals.merge(model, tokens.total(), Math::max));
        List<String> models = new ArrayList<>(totals.keySet());
        models.sort((a, b) -> totals.get(b).equals(totals.get(a)) ? a.compareTo(b) : Long.compare(totals.get(b), totals.get(a)));
        return models;
    }

    private static void row(StringBuilder text, String label, int before, int after) {
        text.append("| ").append(label).append(" | ").append(before).append(" | ").append(after).append(" | ")
                .append(signed(after - before)).append(" |\n");
    }

    private static String tokens(TraceSummary.Tokens tokens) {
        return tokens == null ? "—" : tokens.text();
    }

    private static String tokenChange(TraceSummary.Tokens before, TraceSummary.Tokens after) {
        Long in = delta(before == null ? null : before.input(), after == null ? null : after.input());
        Long out = delta(before == null ? null : before.output(), after == null ? null : after.output());
        if (in == null && out == null) {
            return "—";
        }
        return (in == null ? "" : signed(in) + " in") + (in != null && out != null ? " / " : "") + (out == null ? "" : signed(out) + " out");
    }

    private static Long delta(Long before, Long after) {
        if (before == null && after == null) {
            return null;
        }
        return (after == null ? 0 : after) - (before == null ? 0 : before);
    }

    /** A GFM table cell: a pipe would end it, even inside code. */
    private static String cell(String value) {
        return value.replace("|", "\\|");
    }

    // ---- identical traces, empty traces ------------------------------------------------------------------------------

    private static String identical(ComparedTrace baseline, ComparedTrace run) {
        return "**Identical**: both runs have the same " + count(run.tree.preorder().size(), "span")
                + " in the same tree, with the same names, types and statuses; their LLM calls the same models, tokens, "
                + "inputs and outputs; their tool calls the same inputs and outputs; no span's own time changed by "
                + Differences.MIN_OWN_TIME_CHANGE_NS / 1_000_000 + " ms and "
                + Math.round(100 * Differences.MIN_OWN_TIME_CHANGE_SHARE) + "% or more.";
    }

    private static ToolResult empty(ComparedTrace baseline, ComparedTrace run, EventRecords records, String recordsSection) {
        List<String> sides = new ArrayList<>(2);
        if (run.empty()) {
            sides.add("the run " + code(run.eventId) + " (`event_id`)");
        }
        if (baseline.empty()) {
            sides.add("the baseline " + code(baseline.eventId) + " (`baseline_event_id`)");
        }
        String text = "## Compare traces · run " + code(run.eventId) + " against baseline " + code(baseline.eventId)
                + "\n\nNothing to compare: Raindrop returned no spans for " + String.join(" nor for ", sides)
                + ". An unknown event id reads as an event without spans; an event may also pre-date the SDK's "
                + "OpenTelemetry instrumentation, or its spans were dropped.\n\n" + recordsSection
                + "\nNext: check the id with get_event; list_events with the feature's `event_name` finds other runs to "
                + "compare with.\n";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_id", run.eventId);
        data.put("baseline_event_id", baseline.eventId);
        data.put("identical", false);
        data.put("counts", Map.of("baseline", Map.of("spans", baseline.spans()), "run", Map.of("spans", run.spans())));
        data.put("event_records", records.data());
        return ToolResult.ok(text, data);
    }

    // ---- the data ----------------------------------------------------------------------------------------------------

    private static Map<String, Object> data(ComparedTrace baseline, ComparedTrace run, EventRecords records,
            TraceAlignment alignment, Differences differences, int shown, Options options) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_id", run.eventId);
        data.put("baseline_event_id", baseline.eventId);
        data.put("identical", differences.total() == 0);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("baseline", counts(baseline.summary));
        counts.put("run", counts(run.summary));
        data.put("counts", counts);
        data.put("event_records", records.data());
        data.put("pairs", alignment.pairs());
        Map<String, Object> kinds = new LinkedHashMap<>();
        kinds.put("total", differences.total());
        kinds.put("shown", shown);
        for (Kind kind : Kind.values()) {
            kinds.put(kind.name().toLowerCase(Locale.ROOT), differences.of(kind).size());
        }
        data.put("differences", kinds);
        Map<Step, List<String>> byStep = new IdentityHashMap<>();
        for (Kind kind : Kind.values()) {
            for (Item item : differences.of(kind)) {
                List<String> names = byStep.computeIfAbsent(item.step(), step -> new ArrayList<>(2));
                String name = item.field() == null ? kind.name().toLowerCase(Locale.ROOT) : item.field();
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        List<Map<String, Object>> pairs = new ArrayList<>();
        List<String> onlyRun = new ArrayList<>();
        List<String> onlyBaseline = new ArrayList<>();
        for (Step step : alignment.steps()) {
            List<String> names = byStep.get(step);
            if (names == null) {
                continue;
            }
            if (step.paired() && pairs.size() < LISTED_PAIRS) {
                Map<String, Object> pair = new LinkedHashMap<>();
                pair.put("baseline_span_id", id(step.baseline()));
                pair.put("run_span_id", id(step.run()));
                pair.put("kinds", names);
                pairs.add(pair);
            } else if (step.kind() == TraceAlignment.Kind.ONLY_RUN && onlyRun.size() < LISTED_SPANS) {
                onlyRun.add(id(step.run()));
            } else if (step.kind() == TraceAlignment.Kind.ONLY_BASELINE && onlyBaseline.size() < LISTED_SPANS) {
                onlyBaseline.add(id(step.baseline()));
            }
        }
        data.put("differing_pairs", pairs);
        data.put("only_in_run_span_ids", onlyRun);
        data.put("only_in_baseline_span_ids", onlyBaseline);
        if (!options.focus().isNone()) {
            data.put("focus", Map.of("filters", options.focus().describe(), "baseline_matched_spans", baseline.matched,
                    "run_matched_spans", run.matched));
        }
        return data;
    }

    private static Map<String, Object> counts(TraceSummary summary) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("spans", summary.spans());
        counts.put("llm_calls", summary.llmCalls());
        counts.put("tool_calls", summary.toolCalls());
        counts.put("errors", summary.errors());
        counts.put("wall_time_ns", summary.wallTimeNs());
        return counts;
    }

    private static String id(Node node) {
        return Markdown.label(node.span().spanId(), "id missing");
    }

    // ---- words -------------------------------------------------------------------------------------------------------

    static String duration(long ns) {
        return ns < 0 ? "-" + Markdown.duration(Duration.ofNanos(-ns)) : Markdown.duration(Duration.ofNanos(ns));
    }

    /** {@code +2.28 s (+81%)}. */
    static String change(long before, long after) {
        long delta = after - before;
        if (delta == 0) {
            return "±0";
        }
        String sign = delta > 0 ? "+" : "−";
        String text = sign + Markdown.duration(Duration.ofNanos(Math.abs(delta)));
        return before > 0 ? text + String.format(Locale.ROOT, " (%s%.0f%%)", sign, Math.abs(100.0 * delta / before)) : text;
    }

    static String signed(long delta) {
        return delta > 0 ? "+" + delta : delta < 0 ? "−" + -delta : "±0";
    }

    /** The item of one difference as the answer writes it. */
    static final class Lines {
        private final ComparedTrace baseline;
        private final ComparedTrace run;

        Lines(ComparedTrace baseline, ComparedTrace run) {
            this.baseline = baseline;
            this.run = run;
        }

        /** A paired step's name in the run, with its place among same-named siblings when it has some. */
        String callName(Step step) {
            return code(label(step.run())) + run.ordinal(step.run());
        }

        String item(Item item) {
            Step step = item.step();
            StringBuilder line = new StringBuilder(256).append("- ");
            switch (item.kind()) {
                case STEP -> {
                    boolean inRun = step.run() != null;
                    Node node = step.shown();
                    ComparedTrace side = inRun ? run : baseline;
                    line.append(inRun ? "**+ only in the run**: " : "**− only in the baseline**: ");
                    name(line, side, node).append(" · ").append(status(node.span()));
                    if (side.timed(node)) {
                        line.append(" · ").append(duration(side.durationNs(node)));
                    }
                    if (node.subtreeSize() > 1) {
                        line.append(" · with ").append(count(node.subtreeSize() - 1, "span")).append(" below");
                    }
                    ids(line, step);
                    CallPayloads.Kept kept = side.payloads(node);
                    if (kept != null) {
                        boolean messages = node.llmCall();
                        preview(line, "input", kept.input(), messages);
                        preview(line, "output", kept.output(), messages);
                    }
                    return line.toString();
                }
                case RENAMED -> {
                    line.append(code(label(step.baseline()))).append(" → ");
                    name(line, run, step.run());
                }
                case STATUS -> name(line, run, step.run()).append(" · ").append(status(step.baseline().span()))
                        .append(" → ").append(status(step.run().span()));
                case MODEL -> name(line, run, step.run()).append(" · ").append(model(baseline.modelOf(step.baseline())))
                        .append(" → ").append(model(run.modelOf(step.run())));
                case TOKENS -> tokens(name(line, run, step.run()).append(" · "), step);
                case OWN_TIME -> {
                    name(line, run, step.run()).append(" · own time ").append(duration(baseline.selfNs(step.baseline())))
                            .append(" → ").append(duration(run.selfNs(step.run()))).append(": ")
                            .append(change(baseline.selfNs(step.baseline()), run.selfNs(step.run())));
                    if (baseline.durationNs(step.baseline()) != baseline.selfNs(step.baseline())
                            || run.durationNs(step.run()) != run.selfNs(step.run())) {
                        line.append(" · took ").append(duration(baseline.durationNs(step.baseline()))).append(" → ")
                                .append(duration(run.durationNs(step.run())));
                    }
                }
                case PAYLOAD -> {
                    return payload(name(line, run, step.run()).append(" · "), item);
                }
            }
            return ids(line, step).toString();
        }

        private String payload(StringBuilder line, Item item) {
            Step step = item.step();
            PayloadText before = field(baseline.payloads(step.baseline()), item.field());
            PayloadText after = field(run.payloads(step.run()), item.field());
            line.append(item.field());
            if (before == null || after == null) {
                PayloadText only = before == null ? after : before;
                line.append(": only the ").append(before == null ? "run" : "baseline").append(" has one (")
                        .append(count(only.length(), "character")).append(")");
                return ids(line, step).toString();
            }
            Parting parting = Parting.of(before, after);
            if (parting.beyondKept()) {
                line.append(": the first ").append(String.format(Locale.ROOT, "%,d", PayloadText.KEPT))
                        .append(" characters agree; they part after them (")
                        .append(String.format(Locale.ROOT, "%,d → %,d characters", before.length(), after.length())).append(")");
                return ids(line, step).toString();
            }
            line.append(" parts at character ").append(String.format(Locale.ROOT, "%,d", parting.at())).append(" (")
                    .append(String.format(Locale.ROOT, "%,d → %,d characters", before.length(), after.length())).append(")");
            appendMessage(line, before, after);
            ids(line, step).append("\n  - baseline: ").append(code(parting.baseline())).append("\n  - run: ")
                    .append(code(parting.run()));
            return line.toString();
        }

        /** Characters of a payload previewed under a step only one run has; a chat payload's messages take twice as many. */
        static final int PREVIEW_CHARS = 200;

        /**
         * {@code - input: `head` (1,234 chars)} under a step only one run has, as the tree previews it: an LLM call's
         * chat payload as its messages; nothing when the span has no such payload.
         */
        private static void preview(StringBuilder line, String field, PayloadText payload, boolean messages) {
            if (payload == null) {
                return;
            }
            line.append("\n  - ").append(field).append(": ");
            Optional<ChatPayload> chat = messages ? ChatPayload.parse(payload.kept()) : Optional.empty();
            if (chat.isPresent()) {
                line.append(code(MessagePreview.of(chat.get(), 2 * PREVIEW_CHARS)));
            } else {
                Markdown.Preview head = Markdown.preview(payload.kept(), PREVIEW_CHARS);
                if (head.text().isEmpty()) {
                    line.append("(blank)");
                    return;
                }
                line.append(code(head.text()));
                if (!head.clipped() && payload.whole()) {
                    return;
                }
            }
            line.append(" (").append(Markdown.grouped(payload.length())).append(" chars)");
        }

        /** For two chat payloads: the message where they part, what in it, and where in that. */
        private static void appendMessage(StringBuilder line, PayloadText before, PayloadText after) {
            Optional<ChatPayload> left = ChatPayload.parse(before.kept());
            Optional<ChatPayload> right = ChatPayload.parse(after.kept());
            if (left.isEmpty() || right.isEmpty()) {
                return;
            }
            Optional<MessageParting> found = MessageParting.between(before.kept(), after.kept());
            if (found.isEmpty()) {
                return;
            }
            MessageParting parting = found.get();
            int number = parting.index() + 1;
            if (parting.what().equals("end")) {
                line.append(", where ").append(parting.leftPointer() == null ? "the run" : "the baseline")
                        .append(" goes on with message ").append(number).append(" (")
                        .append(left.get().total()).append(" → ").append(count(right.get().total(), "message")).append(")");
                return;
            }
            line.append(", in message ").append(number).append(" of ").append(left.get().total()).append(" → ")
                    .append(right.get().total()).append(": its ").append(MESSAGE_PARTS.getOrDefault(parting.what(), parting.what()));
            if (parting.offset() > 0) {
                line.append(" from character ").append(String.format(Locale.ROOT, "%,d", parting.offset()));
            }
            line.append(" (").append(code(parting.rightPointer())).append(')');
        }

        /** What of a message two chat payloads part in, as {@link MessageParting#what()} names it. */
        private static final Map<String, String> MESSAGE_PARTS = Map.of("tool call", "tool call", "tool result",
                "tool result", "parts", "parts (one has more)", "message", "other fields");

        private static PayloadText field(CallPayloads.Kept kept, String field) {
            return kept == null ? null : "input".equals(field) ? kept.input() : kept.output();
        }

        private void tokens(StringBuilder line, Step step) {
            TraceSpan before = baseline.tokensOf(step.baseline());
            TraceSpan after = run.tokensOf(step.run());
            TraceSummary.Tokens was = new TraceSummary.Tokens(before == null ? null : before.inputTokens(),
                    before == null ? null : before.outputTokens());
            TraceSummary.Tokens now = new TraceSummary.Tokens(after == null ? null : after.inputTokens(),
                    after == null ? null : after.outputTokens());
            line.append(was.input() == null && was.output() == null ? "no tokens" : was.text())
                    .append(" → ").append(now.input() == null && now.output() == null ? "no tokens" : now.text())
                    .append(" (").append(tokenChange(was, now)).append(")");
        }

        /**
         * The span's name, its place among same-named siblings when it has some, its type, and its path below the root,
         * each step of it with its place too.
         */
        private StringBuilder name(StringBuilder line, ComparedTrace side, Node node) {
            line.append(node.error() ? "❌ " : "").append(code(label(node))).append(side.ordinal(node)).append(" · ")
                    .append(Markdown.label(node.span().spanType(), "no type"));
            if (node.depth() >= 2) {
                List<String> names = new ArrayList<>();
                for (Node at = node.parent(); at != null && at.parent() != null; at = at.parent()) {
                    names.add(0, code(label(at)) + side.ordinal(at));
                }
                line.append(" · under ").append(names.size() > 2 ? "… › " : "")
                        .append(String.join(" › ", names.subList(Math.max(0, names.size() - 2), names.size())));
            }
            return line;
        }

        private static StringBuilder ids(StringBuilder line, Step step) {
            if (step.paired()) {
                return line.append(" · spans ").append(code(id(step.baseline()))).append(" → ").append(code(id(step.run())));
            }
            return line.append(" · span ").append(code(id(step.shown())));
        }

        private static String label(Node node) {
            return Markdown.label(node.span().spanName(), "unnamed span");
        }

        private static String status(TraceSpan span) {
            String status = Markdown.label(span.status(), "no status");
            return "ERROR".equalsIgnoreCase(span.status()) ? "**" + status + "**" + ErrorReason.note(span) : status;
        }

        private static String model(TraceSpan span) {
            if (span == null) {
                return "no model";
            }
            String model = Markdown.label(span.model(), "no model");
            String provider = Markdown.label(span.provider(), null);
            return provider == null ? model : model + " (" + provider + ")";
        }
    }
}
