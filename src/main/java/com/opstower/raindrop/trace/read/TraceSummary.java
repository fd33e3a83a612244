package com.opstower.raindrop.trace.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The totals of a trace, over every span of the response whether or not the answer shows it.
 *
 * @param firstStartNs the earliest known start, 0 when no span has one
 * @param wallTimeNs from the earliest start to the latest end, null when either is unknown
 * @param tokensByModel token sums by model name, sorted by name; spans with tokens but no model count under
 *        {@link #NO_MODEL}. Tokens below an LLM span that reported tokens are not added again: instrumentations
 *        such as the Vercel AI SDK repeat a call's usage on its inner provider span ({@code ai.streamText.doStream}
 *        under {@code ai.streamText}), and summing both would double the count.
 */
public record TraceSummary(List<String> traceIds, int spans, int llmCalls, int toolCalls, int retrievals, int errors,
        long firstStartNs, Long wallTimeNs, Map<String, Tokens> tokensByModel) {

    private static final String NO_MODEL = "(no model)";

    /** Token sums; a side stays null when no span reported it, so that "unknown" never reads as 0. */
    public record Tokens(Long input, Long output) {
        Tokens plus(Tokens other) {
            return new Tokens(sum(input, other.input), sum(output, other.output));
        }

        public long total() {
            return (input == null ? 0 : input) + (output == null ? 0 : output);
        }

        /** {@code 812 in / 41 out}, or the one side known. */
        public String text() {
            if (input == null || output == null) {
                return input == null ? output + " out" : input + " in";
            }
            return input + " in / " + output + " out";
        }

        /** Written out: in {@code a == null ? b : b == null ? a : a + b} the nested {@code long} unboxes a null b. */
        private static Long sum(Long a, Long b) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            return a + b;
        }
    }

    /** Trace ids in the order the tree is read, so the main trace comes first. */
    public static TraceSummary of(List<TraceTree.Node> preorder) {
        boolean[] tokensCounted = new boolean[preorder.size()];
        Set<String> traceIds = new LinkedHashSet<>();
        int llmCalls = 0;
        int toolCalls = 0;
        int retrievals = 0;
        int errors = 0;
        long firstStart = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;
        Map<String, Tokens> tokensByModel = new TreeMap<>();
        for (TraceTree.Node node : preorder) {
            TraceSpan span = node.span();
            if (span.traceId() != null) {
                traceIds.add(span.traceId());
            }
            llmCalls += node.llmCall() ? 1 : 0;
            toolCalls += node.toolCall() ? 1 : 0;
            retrievals += node.retrieval() ? 1 : 0;
            errors += node.error() ? 1 : 0;
            if (span.startTimeNs() > 0) {
                firstStart = Math.min(firstStart, span.startTimeNs());
            }
            long end = SpanFacts.endNs(span);
            if (end > 0) {
                lastEnd = Math.max(lastEnd, end);
            }
            boolean hasTokens = span.inputTokens() != null || span.outputTokens() != null;
            boolean countedAbove = node.parent() != null && tokensCounted[node.parent().position()];
            tokensCounted[node.position()] = countedAbove || hasTokens && node.llmCall();
            if (hasTokens && !countedAbove) {
                tokensByModel.merge(span.model() == null ? NO_MODEL : span.model(),
                        new Tokens(span.inputTokens(), span.outputTokens()), Tokens::plus);
            }
        }
        boolean timed = firstStart != Long.MAX_VALUE && lastEnd != Long.MIN_VALUE;
        return new TraceSummary(List.copyOf(traceIds), preorder.size(), llmCalls, toolCalls, retrievals, errors,
                firstStart == Long.MAX_VALUE ? 0 : firstStart, timed ? lastEnd - firstStart : null,
                Collections.unmodifiableMap(tokensByModel));
    }

    /** The models with the most tokens first, at most {@code max} of them. */
    public List<Map.Entry<String, Tokens>> topModels(int max) {
        List<Map.Entry<String, Tokens>> models = new ArrayList<>(tokensByModel.entrySet());
        models.sort(Map.Entry.<String, Tokens>comparingByValue(
                (a, b) -> Long.compare(b.total(), a.total())).thenComparing(Map.Entry.comparingByKey()));
        return models.subList(0, Math.min(max, models.size()));
    }
}
