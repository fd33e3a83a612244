package com.opstower.raindrop.trace.tree;

import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Decides which spans and previews fit in the answer. First everything; then previews go, least telling spans
 * first; then whole subtrees fold into "… N more spans" lines, deepest and largest first, paths to ERROR spans
 * last. Every line counted here is whole: the text is never cut mid-line. Runs in O(n log n).
 */
final class AnswerLayout {

    /** Whose previews go first when the answer is too long: routine spans, then tool calls, LLM calls, errors. */
    enum Importance {
        ROUTINE, TOOL_CALL, LLM_CALL, ERROR
    }

    /** How telling a span is: errors first, then LLM calls, tool calls, the rest. */
    static Importance importance(Node node) {
        if (node.error()) {
            return Importance.ERROR;
        }
        if (node.llmCall()) {
            return Importance.LLM_CALL;
        }
        return node.toolCall() ? Importance.TOOL_CALL : Importance.ROUTINE;
    }

    private static final int OMITTED_COST = SpanLines.PAYLOADS_OMITTED.length();

    /** Least telling first; among equals the largest previews, which free the most room per span. */
    private static final Comparator<SpanLines> PREVIEW_DROP_ORDER = Comparator
            .comparing((SpanLines span) -> importance(span.node()))
            .thenComparing(Comparator.comparingInt(SpanLines::payloadCost).reversed())
            .thenComparingInt(span -> span.node().position());

    /** Folding reveals spans on a path to an error first, then shallow before deep, small subtrees before large. */
    private static final Comparator<Node> REVEAL_ORDER = Comparator
            .comparing((Node node) -> node.subtreeErrors() == 0)
            .thenComparingInt(Node::depth)
            .thenComparingInt(Node::subtreeSize)
            .thenComparingInt(Node::position);

    private final boolean[] shown;
    private final boolean[] payloadsShown;
    private final int shownCount;
    private final long plannedChars;

    private AnswerLayout(boolean[] shown, boolean[] payloadsShown, int shownCount, long plannedChars) {
        this.shown = shown;
        this.payloadsShown = payloadsShown;
        this.shownCount = shownCount;
        this.plannedChars = plannedChars;
    }

    /**
     * @param spans every span's text, in {@link TraceTree#preorder()} order
     * @param overhead characters of the answer besides the spans when all are shown: header and hint at their longest
     * @param foldedOverhead the same when spans are folded away, with the header's "showing X of Y" and the top-level
     *        fold line
     */
    static AnswerLayout fit(List<SpanLines> spans, List<Node> roots, int overhead, int foldedOverhead, int budget) {
        boolean[] payloadsShown = new boolean[spans.size()];
        Arrays.fill(payloadsShown, true);
        long total = overhead;
        for (SpanLines span : spans) {
            total += span.lineCost() + span.payloadCost();
        }
        total = dropPreviews(spans, payloadsShown, total, budget);
        if (total <= budget) {
            boolean[] shown = new boolean[spans.size()];
            Arrays.fill(shown, true);
            return new AnswerLayout(shown, payloadsShown, spans.size(), total);
        }
        return fold(spans, roots, foldedOverhead, budget);
    }

    /** Whether the span's line is in the answer, by preorder position. */
    boolean shown(int position) {
        return shown[position];
    }

    /** Whether the span's previews are in the answer; when false, its line says the payloads were omitted. */
    boolean payloadsShown(int position) {
        return payloadsShown[position];
    }

    int shownCount() {
        return shownCount;
    }

    /** An upper bound of the answer's length, to size its buffer. */
    long plannedChars() {
        return plannedChars;
    }

    private static long dropPreviews(List<SpanLines> spans, boolean[] payloadsShown, long total, int budget) {
        if (total <= budget) {
            return total;
        }
        List<SpanLines> droppable = new ArrayList<>();
        for (SpanLines span : spans) {
            if (span.payloadCost() > OMITTED_COST) {
                droppable.add(span);
            }
        }
        droppable.sort(PREVIEW_DROP_ORDER);
        long remaining = total;
        for (SpanLines span : droppable) {
            if (remaining <= budget) {
                break;
            }
            payloadsShown[span.node().position()] = false;
            remaining -= span.payloadCost() - OMITTED_COST;
        }
        return remaining;
    }

    /**
     * Reveals spans from the roots down in {@link #REVEAL_ORDER} while they fit. A revealed span with children also
     * reserves its fold line at its longest, since any of its descendants may stay hidden. ERROR spans keep their
     * previews, which usually hold the error itself; every other span shows its line only.
     */
    private static AnswerLayout fold(List<SpanLines> spans, List<Node> roots, int overhead, int budget) {
        boolean[] shown = new boolean[spans.size()];
        boolean[] payloadsShown = new boolean[spans.size()];
        int shownCount = 0;
        long used = overhead;
        PriorityQueue<Node> frontier = new PriorityQueue<>(Math.max(1, roots.size()), REVEAL_ORDER);
        frontier.addAll(roots);
        while (!frontier.isEmpty()) {
            Node node = frontier.poll();
            SpanLines span = spans.get(node.position());
            boolean keepPayloads = node.error();
            long cost = span.lineCost() + foldLineReserve(node)
                    + (keepPayloads ? span.payloadCost() : span.payloadCost() > 0 ? OMITTED_COST : 0);
            if (used + cost > budget) {
                break;
            }
            used += cost;
            shown[node.position()] = true;
            payloadsShown[node.position()] = keepPayloads;
            shownCount++;
            frontier.addAll(node.children());
        }
        return new AnswerLayout(shown, payloadsShown, shownCount, used);
    }

    private static int foldLineReserve(Node node) {
        if (node.children().isEmpty()) {
            return 0;
        }
        int descendantErrors = node.subtreeErrors() - (node.error() ? 1 : 0);
        return SpanLines.folded(node.depth() + 1, node.subtreeSize() - 1, descendantErrors).length() + 1;
    }
}
