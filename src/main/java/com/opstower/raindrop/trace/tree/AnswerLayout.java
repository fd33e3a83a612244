package com.opstower.raindrop.trace.tree;

import com.opstower.raindrop.trace.tree.Row.Importance;
import com.opstower.raindrop.trace.tree.Row.LineClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Decides which rows and previews fit in the answer. When everything fits, everything is shown. Otherwise what
 * matters gets the budget first: the lines of unrecovered errors and their paths, with the errors' previews; the lines
 * of LLM calls, tool calls and retrievals and their paths; then the previews of those, LLM calls before tool calls;
 * then routine lines, then routine previews. What is left out is folded into "… N more spans" lines, whose room each
 * shown parent reserves. Every line counted here is whole: the text is never cut mid-line. A row's text is made only
 * when the layout weighs it, so a trace of thousands of spans formats the rows near the answer's bound, not all.
 * Runs in O(n log n).
 */
final class AnswerLayout {

    private static final int OMITTED_COST = SpanLines.PAYLOADS_OMITTED.length();

    /** Characters no row's line comes under: a tree with more rows than the budget holds of these cannot show all. */
    private static final int SHORTEST_LINE = 40;

    /**
     * Lines reveal paths to unrecovered errors first, then paths to what matters, then the rest; within each, shallow
     * before deep, small subtrees before large.
     */
    private static final Comparator<Row> REVEAL_ORDER = Comparator
            .comparing(Row::lineClass)
            .thenComparingInt(Row::depth)
            .thenComparingInt(Row::subtreeRows)
            .thenComparingInt(Row::position);

    /** Previews of the most telling rows first, then in reading order. */
    private static final Comparator<Row> PREVIEW_ORDER = Comparator
            .comparing(Row::importance, Comparator.reverseOrder())
            .thenComparingInt(Row::position);

    private final boolean[] shown;
    private final boolean[] payloadsShown;
    private final int shownSpans;
    private final long plannedChars;

    private AnswerLayout(boolean[] shown, boolean[] payloadsShown, int shownSpans, long plannedChars) {
        this.shown = shown;
        this.payloadsShown = payloadsShown;
        this.shownSpans = shownSpans;
        this.plannedChars = plannedChars;
    }

    /**
     * @param rows every row, in reading order
     * @param overhead characters of the answer besides the rows when all are shown: header and hint at their longest
     * @param foldedOverhead the same when rows are folded away, with the header's "showing X of Y" and the top-level
     *        fold line
     */
    static AnswerLayout fit(List<Row> rows, List<Row> roots, int overhead, int foldedOverhead, int budget) {
        if ((long) rows.size() * SHORTEST_LINE + overhead <= budget && total(rows, overhead, false) <= budget) {
            // Likely all fit: chat payloads, which would all be shown, are read to know for sure.
            long total = total(rows, overhead, true);
            if (total <= budget) {
                boolean[] all = new boolean[rows.size()];
                Arrays.fill(all, true);
                int spans = 0;
                for (Row row : rows) {
                    spans += row.spans();
                }
                return new AnswerLayout(all, all, spans, total);
            }
        }
        return new Budget(rows.size(), foldedOverhead, budget).spend(roots);
    }

    private static long total(List<Row> rows, int overhead, boolean exact) {
        long total = overhead;
        for (Row row : rows) {
            total += row.lineCost() + (exact ? row.payloadCost() : row.payloadCostEstimate());
        }
        return total;
    }

    /** Whether the row's line is in the answer, by position. */
    boolean shown(int position) {
        return shown[position];
    }

    /** Whether the row's previews are in the answer; when false, its line says the payloads were omitted. */
    boolean payloadsShown(int position) {
        return payloadsShown[position];
    }

    /** Spans the shown rows stand for. */
    int shownSpans() {
        return shownSpans;
    }

    /** An upper bound of the answer's length, to size its buffer. */
    long plannedChars() {
        return plannedChars;
    }

    /** The greedy spending of a budget too small for everything, in the order the class comment gives. */
    private static final class Budget {
        private final boolean[] shown;
        private final boolean[] payloadsShown;
        private final int budget;
        private final List<Row> revealed = new ArrayList<>();
        private long used;
        private int shownSpans;
        private boolean linesFull;

        Budget(int rows, int overhead, int budget) {
            this.shown = new boolean[rows];
            this.payloadsShown = new boolean[rows];
            this.used = overhead;
            this.budget = budget;
        }

        AnswerLayout spend(List<Row> roots) {
            PriorityQueue<Row> frontier = new PriorityQueue<>(Math.max(1, roots.size()), REVEAL_ORDER);
            frontier.addAll(roots);
            revealLines(frontier, LineClass.MATTERS);
            showPreviews(Importance.TOOL_CALL);
            revealLines(frontier, LineClass.ROUTINE);
            showPreviews(Importance.ROUTINE);
            return new AnswerLayout(shown, payloadsShown, shownSpans, used);
        }

        /**
         * Reveals rows from the frontier, down to {@code lowest} class, while they fit; a revealed row with children
         * also reserves its fold line at its longest, since any of its descendants may stay hidden. Once a line does
         * not fit, no later line is revealed, so that no routine line takes the place of one that matters.
         */
        private void revealLines(PriorityQueue<Row> frontier, LineClass lowest) {
            while (!linesFull && !frontier.isEmpty() && frontier.peek().lineClass().compareTo(lowest) <= 0) {
                Row row = frontier.poll();
                long cost = row.lineCost() + foldLineReserve(row) + (row.hasPayloads() ? OMITTED_COST : 0);
                if (used + cost > budget) {
                    linesFull = true;
                    return;
                }
                used += cost;
                shown[row.position()] = true;
                shownSpans += row.spans();
                revealed.add(row);
                frontier.addAll(row.children());
                if (row.importance() == Importance.ERROR) {
                    // An error's previews usually hold the error itself.
                    showPreview(row);
                }
            }
        }

        /** Shows the previews of revealed rows down to {@code lowest} importance, most telling first, where they fit. */
        private void showPreviews(Importance lowest) {
            List<Row> waiting = new ArrayList<>();
            for (Row row : revealed) {
                if (row.hasPayloads() && !payloadsShown[row.position()] && row.importance().compareTo(lowest) >= 0) {
                    waiting.add(row);
                }
            }
            waiting.sort(PREVIEW_ORDER);
            for (Row row : waiting) {
                showPreview(row);
            }
        }

        private void showPreview(Row row) {
            long extra = row.payloadCost() - OMITTED_COST;
            if (used + extra <= budget) {
                used += extra;
                payloadsShown[row.position()] = true;
            }
        }

        private static int foldLineReserve(Row row) {
            if (row.children().isEmpty()) {
                return 0;
            }
            return SpanLines.folded(row.depth() + 1, row.subtreeSpans() - row.spans(),
                    row.subtreeErrors() - row.openErrors()).length() + 1;
        }
    }
}
