package com.opstower.raindrop.trace.tree;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Writes the rows a layout chose, in reading order, and closes each shown row's subtree with one line counting
 * what was left out below it. A hidden row's whole subtree is hidden (the layout only reveals children of shown
 * rows), so it is skipped in one step.
 */
final class TreeWriter {

    private final StringBuilder text;
    private final List<Row> rows;
    private final AnswerLayout layout;
    private final int[] foldedSpans;
    private final int[] foldedErrors;
    private final Deque<Row> open = new ArrayDeque<>();
    private int foldedRootSpans;
    private int foldedRootErrors;

    private TreeWriter(StringBuilder text, List<Row> rows, AnswerLayout layout) {
        this.text = text;
        this.rows = rows;
        this.layout = layout;
        this.foldedSpans = new int[rows.size()];
        this.foldedErrors = new int[rows.size()];
    }

    /** Appends the tree, one line per shown row, fold line and preview, each ending with a newline. */
    static void write(StringBuilder text, List<Row> rows, AnswerLayout layout) {
        new TreeWriter(text, rows, layout).write();
    }

    private void write() {
        int position = 0;
        while (position < rows.size()) {
            closeSubtreesBefore(position);
            Row row = rows.get(position);
            if (layout.shown(position)) {
                row.appendTo(text, layout.payloadsShown(position));
                open.push(row);
                position++;
            } else {
                countFolded(row);
                position += row.subtreeRows();
            }
        }
        closeSubtreesBefore(Integer.MAX_VALUE);
        if (foldedRootSpans > 0) {
            text.append(SpanLines.folded(0, foldedRootSpans, foldedRootErrors)).append('\n');
        }
    }

    private void countFolded(Row row) {
        Row parent = row.parent();
        if (parent == null) {
            foldedRootSpans += row.subtreeSpans();
            foldedRootErrors += row.subtreeErrors();
        } else {
            foldedSpans[parent.position()] += row.subtreeSpans();
            foldedErrors[parent.position()] += row.subtreeErrors();
        }
    }

    /** Closes the shown rows whose subtrees end before {@code position}, writing their fold lines. */
    private void closeSubtreesBefore(int position) {
        while (!open.isEmpty() && position >= open.peek().position() + open.peek().subtreeRows()) {
            Row done = open.pop();
            if (foldedSpans[done.position()] > 0) {
                text.append(SpanLines.folded(done.depth() + 1, foldedSpans[done.position()], foldedErrors[done.position()]))
                        .append('\n');
            }
        }
    }
}
