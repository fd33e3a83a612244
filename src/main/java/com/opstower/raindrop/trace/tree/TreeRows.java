package com.opstower.raindrop.trace.tree;

import com.opstower.raindrop.trace.read.TraceTree;
import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The rows of a tree in reading order: one per span, except that in the whole tree each run of sibling
 * instrumentation spans ({@link Salience#FOLDING_RULE}) becomes one {@link FoldedRun}. Built in one pass over the
 * forest's reading order, without recursion, so that a chain of any depth is safe.
 *
 * @param rows every row, in reading order
 * @param roots the rows without a parent row
 * @param foldedSpans spans standing in fold lines
 * @param foldLines the fold lines they stand in
 */
record TreeRows(List<Row> rows, List<Row> roots, int foldedSpans, int foldLines) {

    /** Runs shorter than this keep their lines: a fold line is no shorter than the span's own. */
    static final int MIN_RUN = 2;

    /**
     * @param salience what each span means; null to give every span a row of its own, as focused trees do
     * @param neverFolded by position, the spans that keep their rows whatever they are; null for none
     * @param lines each span's row
     */
    static TreeRows of(TraceTree tree, Salience salience, boolean[] neverFolded, long traceStartNs,
            Function<Node, SpanLines> lines) {
        List<Node> preorder = tree.preorder();
        List<List<Node>> runs = salience == null ? null : runs(tree, salience, neverFolded);
        Row[] rowOf = new Row[preorder.size()];
        List<Row> rows = new ArrayList<>(preorder.size());
        List<Row> roots = new ArrayList<>();
        int foldedSpans = 0;
        int foldLines = 0;
        int position = 0;
        while (position < preorder.size()) {
            Node node = preorder.get(position);
            List<Node> run = runs == null ? null : runs.get(position);
            Row row;
            if (run == null) {
                row = lines.apply(node);
                rowOf[position] = row;
                position++;
            } else {
                row = new FoldedRun(run, preorder, traceStartNs);
                foldedSpans += row.spans();
                foldLines++;
                position += row.spans();
            }
            row.countSelf(row.openErrors() > 0 ? Row.LineClass.PATH_TO_ERROR
                    : row.importance() == Row.Importance.ROUTINE ? Row.LineClass.ROUTINE : Row.LineClass.MATTERS);
            Row parent = node.parent() == null ? null : rowOf[node.parent().position()];
            if (parent == null) {
                roots.add(row);
            } else {
                parent.adopt(row);
            }
            row.place(rows.size());
            rows.add(row);
        }
        // Children come after their parent: one backward pass folds each row's subtree into its parent.
        for (int i = rows.size() - 1; i >= 0; i--) {
            Row row = rows.get(i);
            if (row.parent() != null) {
                row.parent().count(row);
            }
        }
        return new TreeRows(rows, roots, foldedSpans, foldLines);
    }

    /** For the first span of each foldable run, by position, the run; null elsewhere. */
    private static List<List<Node>> runs(TraceTree tree, Salience salience, boolean[] neverFolded) {
        List<List<Node>> runs = new ArrayList<>(Collections.nCopies(tree.preorder().size(), null));
        markRuns(tree.roots(), salience, neverFolded, runs);
        for (Node node : tree.preorder()) {
            // A run inside a folded run is never read: its first span is skipped with the outer run.
            markRuns(node.children(), salience, neverFolded, runs);
        }
        return runs;
    }

    private static void markRuns(List<Node> siblings, Salience salience, boolean[] neverFolded, List<List<Node>> runs) {
        int start = 0;
        while (start < siblings.size()) {
            int end = start;
            while (end < siblings.size() && salience.instrumentation(siblings.get(end))
                    && (neverFolded == null || !neverFolded[siblings.get(end).position()])) {
                end++;
            }
            if (end - start >= MIN_RUN) {
                runs.set(siblings.get(start).position(), siblings.subList(start, end));
            }
            start = Math.max(end, start + 1);
        }
    }
}
