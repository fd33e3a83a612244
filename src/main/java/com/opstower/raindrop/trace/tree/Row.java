package com.opstower.raindrop.trace.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the tree and what hangs below it: a span with its previews ({@link SpanLines}), or a run of
 * instrumentation spans folded into one line ({@link FoldedRun}). Rows form a forest of their own, in the order the
 * tree is read; the layout weighs them and the writer writes them. A row's text is made when first asked for, so that
 * a trace of thousands of spans formats only the rows the layout looks at.
 */
abstract sealed class Row permits SpanLines, FoldedRun {

    /** Whose line comes first when not every line fits: paths to unrecovered errors, then what matters, then the rest. */
    enum LineClass {
        PATH_TO_ERROR, MATTERS, ROUTINE
    }

    /** Whose previews go first when the answer is too long: routine spans, then tool calls, LLM calls, errors. */
    enum Importance {
        ROUTINE, TOOL_CALL, LLM_CALL, ERROR
    }

    private Row parent;
    private List<Row> children = List.of();
    private int depth;
    private int position;
    private int subtreeRows = 1;
    private int subtreeSpans;
    private int subtreeErrors;
    private LineClass lineClass = LineClass.ROUTINE;

    /** Spans the row stands for: 1 for a span, the run's spans for a fold. */
    abstract int spans();

    /** Unrecovered error spans among {@link #spans()}. */
    abstract int openErrors();

    /** Characters the row's line costs in the answer, indentation and newline included. */
    abstract int lineCost();

    /** Whether preview items hang under the line. */
    abstract boolean hasPayloads();

    /** Characters the preview items cost, 0 when there are none; may parse a payload, so asked only of rows shown. */
    abstract int payloadCost();

    /**
     * {@link #payloadCost()} as far as it is known without reading any payload whole: exact for a text's preview, an
     * estimate for a chat payload's not yet read.
     */
    abstract int payloadCostEstimate();

    abstract Importance importance();

    /** Writes the line and, when shown, the previews below it; else the line says they were omitted. */
    abstract void appendTo(StringBuilder text, boolean payloadsShown);

    /** Appends {@code child}, which follows this row's subtree so far in reading order. */
    void adopt(Row child) {
        if (children.isEmpty()) {
            children = new ArrayList<>(4);
        }
        children.add(child);
        child.parent = this;
        child.depth = depth + 1;
    }

    /** Sets the row's place in reading order, once every row is built. */
    void place(int position) {
        this.position = position;
    }

    /** Folds a child's counts into this row, children last to first. */
    void count(Row child) {
        subtreeRows += child.subtreeRows;
        subtreeSpans += child.subtreeSpans;
        subtreeErrors += child.subtreeErrors;
        if (child.lineClass.compareTo(lineClass) < 0) {
            lineClass = child.lineClass;
        }
    }

    /** Starts the counts with the row's own, and its own class. */
    void countSelf(LineClass own) {
        subtreeSpans += spans();
        subtreeErrors += openErrors();
        if (own.compareTo(lineClass) < 0) {
            lineClass = own;
        }
    }

    Row parent() {
        return parent;
    }

    List<Row> children() {
        return children;
    }

    int depth() {
        return depth;
    }

    /** Index in reading order; a subtree occupies {@code [position, position + subtreeRows)}. */
    int position() {
        return position;
    }

    int subtreeRows() {
        return subtreeRows;
    }

    /** Spans in this row's subtree, folded ones included. */
    int subtreeSpans() {
        return subtreeSpans;
    }

    /** Unrecovered error spans in this row's subtree. */
    int subtreeErrors() {
        return subtreeErrors;
    }

    /** The most telling class in the row's subtree: a row is worth what its descendants are. */
    LineClass lineClass() {
        return lineClass;
    }

    /** Two spaces per level make a line a nested markdown list item. */
    static StringBuilder appendIndent(StringBuilder text, int depth) {
        for (int i = 0; i < depth; i++) {
            text.append("  ");
        }
        return text;
    }
}
