package com.opstower.raindrop.trace.tree;

import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Writes the span lines a layout chose, in preorder, and closes each shown span's subtree with one line counting
 * what was folded away below it. A hidden span's whole subtree is hidden (the layout only reveals children of shown
 * spans), so it is skipped in one step.
 */
final class TreeWriter {

    private final StringBuilder text;
    private final List<SpanLines> spans;
    private final AnswerLayout layout;
    private final int[] foldedSpans;
    private final int[] foldedErrors;
    private final Deque<Node> open = new ArrayDeque<>();
    private int foldedRootSpans;
    private int foldedRootErrors;

    private TreeWriter(StringBuilder text, List<SpanLines> spans, AnswerLayout layout) {
        this.text = text;
        this.spans = spans;
        this.layout = layout;
        this.foldedSpans = new int[spans.size()];
        this.foldedErrors = new int[spans.size()];
    }

    /** Appends the tree, one line per shown span, fold line and preview, each ending with a newline. */
    static void write(StringBuilder text, List<SpanLines> spans, AnswerLayout layout) {
        new TreeWriter(text, spans, layout).write();
    }

    private void write() {
        int position = 0;
        while (position < spans.size()) {
            closeSubtreesBefore(position);
            SpanLines span = spans.get(position);
            Node node = span.node();
            if (layout.shown(position)) {
                span.appendTo(text, layout.payloadsShown(position));
                open.push(node);
                position++;
            } else {
                countFolded(node);
                position += node.subtreeSize();
            }
        }
        closeSubtreesBefore(Integer.MAX_VALUE);
        if (foldedRootSpans > 0) {
            text.append(SpanLines.folded(0, foldedRootSpans, foldedRootErrors)).append('\n');
        }
    }

    private void countFolded(Node node) {
        Node parent = node.parent();
        if (parent == null) {
            foldedRootSpans += node.subtreeSize();
            foldedRootErrors += node.subtreeErrors();
        } else {
            foldedSpans[parent.position()] += node.subtreeSize();
            foldedErrors[parent.position()] += node.subtreeErrors();
        }
    }

    /** Closes the shown spans whose subtrees end before {@code position}, writing their fold lines. */
    private void closeSubtreesBefore(int position) {
        while (!open.isEmpty() && position >= open.peek().position() + open.peek().subtreeSize()) {
            Node done = open.pop();
            if (foldedSpans[done.position()] > 0) {
                text.append(SpanLines.folded(done.depth() + 1, foldedSpans[done.position()], foldedErrors[done.position()]))
                        .append('\n');
            }
        }
    }
}
