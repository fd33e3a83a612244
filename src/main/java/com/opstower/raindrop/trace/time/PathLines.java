package com.opstower.raindrop.trace.time;

import static com.opstower.raindrop.tool.Markdown.code;
import static com.opstower.raindrop.trace.time.TimeRenderer.duration;
import static com.opstower.raindrop.trace.time.TimeRenderer.share;

import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The critical path written as a tree, in chronological order, within a number of lines. A span whose only child on
 * the path takes nearly all of its part shares its line ({@code ai.streamText › ai.streamText.doStream}): the inner
 * span is the outer one's work, not a step of its own. The lines longest on the path are shown, none under 1% of the
 * wall time (an ancestor is never shorter than its descendants, so each shown line's ancestors are shown too); the
 * others are counted under their parent in one line.
 */
final class PathLines {

    /** A child taking at least this part of its parent's part of the path shares the parent's line. */
    private static final double SAME_LINE = 0.9;
    /** Lines taking less of the wall time are counted, not shown: instrumentation and hand-overs of a few ms. */
    private static final double MIN_SHARE = 0.01;

    private final TimeView view;
    private final List<CriticalPath.Entry> path;
    /** The entry whose line each entry is written on: itself, or the parent whose line it shares. */
    private final int[] line;
    /** Indentation of each line; 0 for the whole trace. */
    private final int[] depth;
    /** The next entry on the same line, -1 for none. */
    private final int[] sameLineChild;
    private final boolean[] shown;
    private final long[] foldedNs;
    private final int[] folded;

    private PathLines(TimeView view, int maxLines) {
        this.view = view;
        this.path = view.path;
        int n = path.size();
        int[] children = new int[n];
        for (int i = 1; i < n; i++) {
            children[path.get(i).parent()]++;
        }
        line = new int[n];
        depth = new int[n];
        sameLineChild = new int[n];
        Arrays.fill(sameLineChild, -1);
        for (int i = 1; i < n; i++) {
            int parent = path.get(i).parent();
            boolean sameLine = parent > 0 && children[parent] == 1
                    && path.get(i).onPathNs() >= SAME_LINE * path.get(parent).onPathNs();
            line[i] = sameLine ? line[parent] : i;
            depth[i] = sameLine ? depth[parent] : depth[line[parent]] + 1;
            if (sameLine) {
                sameLineChild[parent] = i;
            }
        }
        Integer[] heads = IntStream.range(1, n).filter(i -> line[i] == i).boxed().toArray(Integer[]::new);
        Arrays.sort(heads, Comparator.comparingLong((Integer i) -> path.get(i).onPathNs()).reversed().thenComparingInt(i -> i));
        shown = new boolean[n];
        shown[0] = true;
        long minNs = (long) (MIN_SHARE * view.times.wallNs());
        for (int k = 0; k < Math.min(maxLines, heads.length) && path.get(heads[k]).onPathNs() >= minNs; k++) {
            shown[heads[k]] = true;
        }
        foldedNs = new long[n];
        folded = new int[n];
        for (Integer head : heads) {
            int parentLine = line[path.get(head).parent()];
            if (!shown[head] && shown[parentLine]) {
                foldedNs[parentLine] += path.get(head).onPathNs();
                folded[parentLine]++;
            }
        }
    }

    static void write(StringBuilder text, TimeView view, int maxLines) {
        text.append("### Critical path: the spans that decided when it ended\n\n");
        new PathLines(view, maxLines).write(text);
        text.append('\n');
    }

    private void write(StringBuilder text) {
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 1; i < path.size(); i++) {
            if (line[i] != i || !shown[i]) {
                continue;
            }
            close(text, open, depth[i]);
            writeLine(text, i);
            open.push(i);
        }
        close(text, open, 1);
        if (folded[0] > 0) {
            foldLine(text, 0, folded[0], foldedNs[0]);
        }
    }

    /** Closes the open lines at or below {@code depth}, each with the count of what was left out under it. */
    private void close(StringBuilder text, Deque<Integer> open, int depth) {
        while (!open.isEmpty() && this.depth[open.peek()] >= depth) {
            int done = open.pop();
            if (folded[done] > 0) {
                foldLine(text, this.depth[done], folded[done], foldedNs[done]);
            }
        }
    }

    private void foldLine(StringBuilder text, int indent, int steps, long ns) {
        TimeRenderer.indent(text, indent).append("- … ").append(steps).append(" shorter ").append(steps == 1 ? "step" : "steps")
                .append(" on the path · ").append(duration(ns)).append(" · ").append(share(ns, view.times.wallNs()))
                .append('\n');
    }

    /** One line: the span and those sharing its line, its part of the path, and its own part when it has steps below. */
    private void writeLine(StringBuilder text, int head) {
        CriticalPath.Entry entry = path.get(head);
        TimeRenderer.indent(text, depth[head] - 1).append("- ");
        long own = 0;
        int last = head;
        int onLine = 0;
        for (int at = head; at >= 0; at = sameLineChild[at]) {
            own += path.get(at).ownNs();
            last = at;
            onLine++;
        }
        // A chain of many spans each nearly all of the one above shows its first two and its last.
        int written = 0;
        for (int at = head; at >= 0; at = sameLineChild[at], written++) {
            if (written < 2 || at == last) {
                Node node = path.get(at).node();
                text.append(at == head ? "" : " › ").append(node.error() ? "❌ " : "")
                        .append(code(Markdown.label(node.span().spanName(), "unnamed span")));
            } else if (written == 2) {
                text.append(" › … ").append(onLine - 3).append(" more");
            }
        }
        TraceSpan lastSpan = path.get(last).node().span();
        text.append(" · ").append(Markdown.label(lastSpan.spanType(), "no type")).append(" · ")
                .append(duration(entry.onPathNs())).append(" (").append(share(entry.onPathNs(), view.times.wallNs()))
                .append(')');
        if (own < entry.onPathNs()) {
            text.append(" · itself ").append(duration(own));
        }
        for (int at = head; at >= 0; at = sameLineChild[at]) {
            if (view.calls.llmCall(path.get(at).node().position())) {
                TimeRenderer.appendCall(text, view, path.get(at).node());
                break;
            }
        }
        text.append(" · span ").append(code(Markdown.label(entry.node().span().spanId(), "id missing"))).append('\n');
    }
}
