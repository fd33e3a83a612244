package com.opstower.raindrop.trace.time;

import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The chain of spans that decided when a trace ended. Walking back from the end of a span: the child whose end is
 * latest (a child still running at that point counts as ending there) is on the path; then, before that child's
 * start, the child ending latest again, and so on; the time between them is the span's own. Each child on the path is
 * walked the same way. Children that ran in parallel with one on the path are off it, and so are spans that take no
 * time and untimed ones. The roots are walked as the children of the whole trace, whose own time is the time no span
 * ran. O(n log n), without recursion whatever the depth.
 */
final class CriticalPath {

    /**
     * One span on the path.
     *
     * @param node the span; null for the whole trace
     * @param parent the index of the entry it is on the path under; -1 for the whole trace
     * @param depth 0 for the whole trace, 1 for a root, and so on
     * @param fromNs where its part of the path starts: its start
     * @param toNs where its part ends: its end, or where a later sibling on the path had already taken over
     * @param ownNs the part of its part on which none of its children is on the path
     */
    public record Entry(Node node, int parent, int depth, long fromNs, long toNs, long ownNs) {
        public long onPathNs() {
            return toNs - fromNs;
        }
    }

    private CriticalPath() {
    }

    /**
     * The path: the whole trace first, then each entry after its parent, siblings in chronological order. Empty when
     * no span takes time.
     */
    public static List<Entry> of(SpanTimes times) {
        if (times.wallNs() <= 0) {
            return List.of();
        }
        List<Walk> walked = new ArrayList<>();
        Deque<Walk> stack = new ArrayDeque<>();
        Walk whole = new Walk(times, null, times.firstStartNs(), times.firstStartNs() + times.wallNs());
        walked.add(whole);
        stack.push(whole);
        while (!stack.isEmpty()) {
            Walk walk = stack.peek();
            Node child = walk.nextChild();
            if (child == null) {
                walk.own += walk.cursor - walk.from;
                stack.pop();
                continue;
            }
            long childTo = Math.min(times.endNs(child.position()), walk.cursor);
            long childFrom = times.startNs(child.position());
            walk.own += walk.cursor - childTo;
            walk.cursor = childFrom;
            Walk inner = new Walk(times, child, childFrom, childTo);
            walk.onPath.add(inner);
            walked.add(inner);
            stack.push(inner);
        }
        return chronological(whole, walked.size());
    }

    /** The entries in preorder, each walk's children reversed: they were found latest first. */
    private static List<Entry> chronological(Walk whole, int size) {
        List<Entry> entries = new ArrayList<>(size);
        Deque<Walk> pending = new ArrayDeque<>();
        Deque<Integer> parents = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        pending.push(whole);
        parents.push(-1);
        depths.push(0);
        while (!pending.isEmpty()) {
            Walk walk = pending.pop();
            int parent = parents.pop();
            int depth = depths.pop();
            int index = entries.size();
            entries.add(new Entry(walk.node, parent, depth, walk.from, walk.to, walk.own));
            // Found latest first, so pushed in that order they come off the stack earliest first.
            for (Walk child : walk.onPath) {
                pending.push(child);
                parents.push(index);
                depths.push(depth + 1);
            }
        }
        return Collections.unmodifiableList(entries);
    }

    /** The walk of one span back from the end of its part of the path. */
    private static final class Walk {
        final SpanTimes times;
        final Node node;
        final long from;
        final long to;
        /** Its timed children taking time, latest end first. */
        final List<Node> byEnd;
        /** Children ending at or after the cursor, earliest start first: the cursor falls inside those that started before it. */
        final PriorityQueue<Node> reaching;
        final List<Walk> onPath = new ArrayList<>(2);
        int next;
        long cursor;
        long own;

        Walk(SpanTimes times, Node node, long from, long to) {
            this.times = times;
            this.node = node;
            this.from = from;
            this.to = to;
            this.cursor = to;
            List<Node> children = new ArrayList<>();
            for (Node child : times.timedChildren(node)) {
                if (times.durationNs(child.position()) > 0) {
                    children.add(child);
                }
            }
            children.sort(Comparator.comparingLong((Node child) -> times.endNs(child.position())).reversed());
            this.byEnd = children;
            this.reaching = new PriorityQueue<>(Math.max(1, Math.min(children.size(), 16)),
                    Comparator.comparingLong((Node child) -> times.startNs(child.position())));
        }

        /** The child on the path before the cursor: one still running there, else the one ending latest before it. */
        Node nextChild() {
            while (next < byEnd.size() && times.endNs(byEnd.get(next).position()) >= cursor) {
                reaching.add(byEnd.get(next++));
            }
            // Cursors only move back: a child starting at or after one never qualifies again.
            while (!reaching.isEmpty() && times.startNs(reaching.peek().position()) >= cursor) {
                reaching.poll();
            }
            if (!reaching.isEmpty()) {
                return reaching.poll();
            }
            return next < byEnd.size() ? byEnd.get(next++) : null;
        }
    }
}
