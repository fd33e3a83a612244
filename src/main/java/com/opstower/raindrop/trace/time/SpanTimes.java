package com.opstower.raindrop.trace.time;

import com.opstower.raindrop.trace.read.SpanFacts;
import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceTree;
import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * When each span of a trace ran, as far as its times can be trusted, and how much of the wall time is its own. Every
 * span is kept inside its nearest timed ancestor: a child reaching outside its parent (clock skew between processes)
 * is clipped to it, a span ending before it starts counts as taking no time, and a span without a start or an end
 * takes no part. Built in O(n log n), without recursion. Indexed by {@link Node#position()}.
 *
 * <p>Two measures of a span's own time. {@link #selfNs}: its time minus the time any of its children ran, overlapping
 * children counted once; what a span itself did, the measure two runs are compared by. {@link #exclusiveNs}: the
 * wall time partitioned, each instant given to the deepest spans running then and split evenly between them when
 * several run in parallel; so that the shares of all spans and of the gaps add up to the wall time.
 */
public final class SpanTimes {

    private final TraceTree tree;
    private final long[] start;
    private final long[] end;
    private final long[] self;
    private final double[] exclusive;
    private final long firstStartNs;
    private final long lastEndNs;
    private final int untimed;
    private final int clipped;
    private final int backwards;

    private SpanTimes(TraceTree tree, long[] start, long[] end, long[] self, double[] exclusive, int untimed,
            int clipped, int backwards) {
        this.tree = tree;
        this.start = start;
        this.end = end;
        this.self = self;
        this.exclusive = exclusive;
        this.untimed = untimed;
        this.clipped = clipped;
        this.backwards = backwards;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < start.length; i++) {
            if (timed(i)) {
                first = Math.min(first, start[i]);
                last = Math.max(last, end[i]);
            }
        }
        this.firstStartNs = first == Long.MAX_VALUE ? 0 : first;
        this.lastEndNs = last == Long.MIN_VALUE ? 0 : last;
    }

    public static SpanTimes of(TraceTree tree) {
        List<Node> preorder = tree.preorder();
        int n = preorder.size();
        long[] start = new long[n];
        long[] end = new long[n];
        // The nearest timed ancestor of each span, by position; -1 for none. Parents come first in preorder.
        int[] timedParent = new int[n];
        int untimed = 0;
        int clipped = 0;
        int backwards = 0;
        for (Node node : preorder) {
            int at = node.position();
            Node parent = node.parent();
            timedParent[at] = parent == null ? -1
                    : start[parent.position()] >= 0 ? parent.position() : timedParent[parent.position()];
            TraceSpan span = node.span();
            long s = span.startTimeNs();
            long e = SpanFacts.endNs(span);
            if (s <= 0 || e <= 0) {
                start[at] = -1;
                end[at] = -1;
                untimed++;
                continue;
            }
            if (e < s) {
                e = s;
                backwards++;
            }
            int bound = timedParent[at];
            if (bound >= 0) {
                long from = start[bound];
                long to = end[bound];
                long clippedStart = Math.min(Math.max(s, from), to);
                long clippedEnd = Math.min(Math.max(e, from), to);
                if (clippedStart != s || clippedEnd != e) {
                    clipped++;
                }
                s = clippedStart;
                e = clippedEnd;
            }
            start[at] = s;
            end[at] = e;
        }
        long[] self = selfTimes(preorder, start, end);
        double[] exclusive = Sweep.partition(preorder, timedParent, start, end);
        return new SpanTimes(tree, start, end, self, exclusive, untimed, clipped, backwards);
    }

    /** Each span's time less the union of its timed children's, which are in start order and inside it. */
    private static long[] selfTimes(List<Node> preorder, long[] start, long[] end) {
        long[] self = new long[preorder.size()];
        for (Node node : preorder) {
            int at = node.position();
            if (start[at] < 0) {
                continue;
            }
            long covered = 0;
            long reach = Long.MIN_VALUE;
            for (Node child : timedChildren(node.children(), start)) {
                long s = Math.max(start[child.position()], reach);
                long e = end[child.position()];
                if (e > s) {
                    covered += e - s;
                }
                reach = Math.max(reach, e);
            }
            self[at] = end[at] - start[at] - covered;
        }
        return self;
    }

    /**
     * The spans a span's time is shared with: its timed children, and in place of each untimed child that child's own
     * timed children, found the same way; for null, the timed spans at the top of the trace. In start order.
     */
    List<Node> timedChildren(Node node) {
        return timedChildren(node == null ? tree.roots() : node.children(), start);
    }

    private static List<Node> timedChildren(List<Node> children, long[] start) {
        boolean allTimed = true;
        for (Node child : children) {
            allTimed &= start[child.position()] >= 0;
        }
        if (allTimed) {
            return children;
        }
        List<Node> timed = new ArrayList<>();
        Deque<Node> pending = new ArrayDeque<>(children);
        while (!pending.isEmpty()) {
            Node child = pending.poll();
            if (start[child.position()] >= 0) {
                timed.add(child);
            } else {
                child.children().forEach(pending::add);
            }
        }
        timed.sort(Comparator.comparingLong(child -> start[child.position()]));
        return timed;
    }

    TraceTree tree() {
        return tree;
    }

    /** Whether the span has a start and an end. */
    public boolean timed(int position) {
        return start[position] >= 0;
    }

    /** Start, kept inside its parent; -1 when untimed. */
    long startNs(int position) {
        return start[position];
    }

    /** End, kept inside its parent; -1 when untimed. */
    long endNs(int position) {
        return end[position];
    }

    /** How long the span ran, kept inside its parent; 0 when untimed. */
    public long durationNs(int position) {
        return timed(position) ? end[position] - start[position] : 0;
    }

    /** The span's time less the time its children ran, overlapping children counted once; 0 when untimed. */
    public long selfNs(int position) {
        return self[position];
    }

    /** The span's part of the wall time, each instant split between the spans running in parallel then. */
    double exclusiveNs(int position) {
        return exclusive[position];
    }

    /** The earliest start, 0 when no span is timed. */
    long firstStartNs() {
        return firstStartNs;
    }

    /** From the earliest start to the latest end; 0 when no span is timed. */
    long wallNs() {
        return lastEndNs - firstStartNs;
    }

    /** The wall time no span was running in: between root spans, or where the trace has none. */
    double idleNs() {
        return Math.max(0, wallNs() - Arrays.stream(exclusive).sum());
    }

    /** Spans without a start or an end time. */
    int untimed() {
        return untimed;
    }

    /** Spans reaching outside their parent's time, clipped to it. */
    int clipped() {
        return clipped;
    }

    /** Spans ending before they start, counted as taking no time. */
    int backwards() {
        return backwards;
    }
}
