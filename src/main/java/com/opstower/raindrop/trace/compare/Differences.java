package com.opstower.raindrop.trace.compare;

import com.opstower.raindrop.trace.compare.TraceAlignment.Step;
import com.opstower.raindrop.trace.read.TraceSpan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What differs between two aligned runs, by kind, each list in the order the answer gives it: steps in the order of
 * the merged tree, own-time changes largest first. Models, tokens and payloads are compared for LLM calls (an LLM
 * span with none above it, so that a provider span repeating its SDK span's call is not counted twice) and payloads
 * for tool calls.
 */
final class Differences {

    /** The kinds, in the order of the answer's sections. */
    enum Kind {
        /** A step only one run has. */
        STEP,
        RENAMED,
        STATUS,
        MODEL,
        PAYLOAD,
        OWN_TIME,
        TOKENS
    }

    /**
     * One difference.
     *
     * @param field {@code input} or {@code output} for a payload; else null
     * @param deltaNs the change of own time, for {@link Kind#OWN_TIME}
     */
    record Item(Kind kind, Step step, String field, long deltaNs) {
    }

    /** A paired tool call whose arguments are the same in both runs, and whether its result is too. */
    record SameArguments(Step step, boolean sameResult) {
    }

    /** An own time counts as changed past both: runs of the same step vary by less. */
    static final long MIN_OWN_TIME_CHANGE_NS = 50_000_000L;
    static final double MIN_OWN_TIME_CHANGE_SHARE = 0.2;

    private final Map<Kind, List<Item>> byKind;
    private final List<SameArguments> sameArguments;
    private final int total;

    private Differences(Map<Kind, List<Item>> byKind, List<SameArguments> sameArguments) {
        this.byKind = byKind;
        this.sameArguments = sameArguments;
        this.total = byKind.values().stream().mapToInt(List::size).sum();
    }

    static Differences of(TraceAlignment alignment, ComparedTrace baseline, ComparedTrace run) {
        Map<Kind, List<Item>> byKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            byKind.put(kind, new ArrayList<>());
        }
        List<SameArguments> sameArguments = new ArrayList<>();
        for (Step step : alignment.steps()) {
            if (!step.paired()) {
                byKind.get(Kind.STEP).add(new Item(Kind.STEP, step, null, 0));
                continue;
            }
            if (step.kind() == TraceAlignment.Kind.RENAMED) {
                byKind.get(Kind.RENAMED).add(new Item(Kind.RENAMED, step, null, 0));
            }
            TraceSpan left = step.baseline().span();
            TraceSpan right = step.run().span();
            if (!upper(left.status()).equals(upper(right.status()))) {
                byKind.get(Kind.STATUS).add(new Item(Kind.STATUS, step, null, 0));
            }
            boolean llmCalls = baseline.llmCall(step.baseline()) && run.llmCall(step.run());
            if (llmCalls) {
                compareLlmCalls(step, baseline, run, byKind);
            }
            boolean toolCalls = step.baseline().toolCall() && step.run().toolCall();
            if (llmCalls || toolCalls) {
                int before = byKind.get(Kind.PAYLOAD).size();
                comparePayloads(step, baseline.payloads(step.baseline()), run.payloads(step.run()), byKind);
                List<Item> found = byKind.get(Kind.PAYLOAD).subList(before, byKind.get(Kind.PAYLOAD).size());
                if (toolCalls && found.stream().noneMatch(item -> "input".equals(item.field()))) {
                    sameArguments.add(new SameArguments(step, found.isEmpty()));
                }
            }
            if (baseline.timed(step.baseline()) && run.timed(step.run())) {
                long before = baseline.selfNs(step.baseline());
                long after = run.selfNs(step.run());
                long delta = after - before;
                if (Math.abs(delta) >= MIN_OWN_TIME_CHANGE_NS
                        && Math.abs(delta) >= MIN_OWN_TIME_CHANGE_SHARE * Math.max(before, after)) {
                    byKind.get(Kind.OWN_TIME).add(new Item(Kind.OWN_TIME, step, null, delta));
                }
            }
        }
        byKind.get(Kind.OWN_TIME).sort(Comparator.comparingLong((Item item) -> Math.abs(item.deltaNs())).reversed());
        byKind.replaceAll((kind, items) -> Collections.unmodifiableList(items));
        return new Differences(byKind, List.copyOf(sameArguments));
    }

    private static void compareLlmCalls(Step step, ComparedTrace baseline, ComparedTrace run, Map<Kind, List<Item>> byKind) {
        TraceSpan modelBefore = baseline.modelOf(step.baseline());
        TraceSpan modelAfter = run.modelOf(step.run());
        if (!upper(modelBefore == null ? null : modelBefore.model()).equals(upper(modelAfter == null ? null : modelAfter.model()))
                || !upper(modelBefore == null ? null : modelBefore.provider())
                        .equals(upper(modelAfter == null ? null : modelAfter.provider()))) {
            byKind.get(Kind.MODEL).add(new Item(Kind.MODEL, step, null, 0));
        }
        TraceSpan tokensBefore = baseline.tokensOf(step.baseline());
        TraceSpan tokensAfter = run.tokensOf(step.run());
        if (!Objects.equals(tokensBefore == null ? null : tokensBefore.inputTokens(), tokensAfter == null ? null : tokensAfter.inputTokens())
                || !Objects.equals(tokensBefore == null ? null : tokensBefore.outputTokens(),
                        tokensAfter == null ? null : tokensAfter.outputTokens())) {
            byKind.get(Kind.TOKENS).add(new Item(Kind.TOKENS, step, null, 0));
        }
    }

    private static void comparePayloads(Step step, CallPayloads.Kept before, CallPayloads.Kept after,
            Map<Kind, List<Item>> byKind) {
        if (differ(before == null ? null : before.input(), after == null ? null : after.input())) {
            byKind.get(Kind.PAYLOAD).add(new Item(Kind.PAYLOAD, step, "input", 0));
        }
        if (differ(before == null ? null : before.output(), after == null ? null : after.output())) {
            byKind.get(Kind.PAYLOAD).add(new Item(Kind.PAYLOAD, step, "output", 0));
        }
    }

    private static boolean differ(PayloadText before, PayloadText after) {
        if (before == null || after == null) {
            return before != after;
        }
        return !before.sameAs(after);
    }

    private static String upper(String value) {
        return value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    }

    List<Item> of(Kind kind) {
        return byKind.get(kind);
    }

    int total() {
        return total;
    }

    /** The paired tool calls whose arguments did not change, in the order of the merged tree. */
    List<SameArguments> sameArguments() {
        return sameArguments;
    }
}
