package com.opstower.raindrop.trace.time;

import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Partitions the wall time between spans: a sweep over every start and end, in which each instant goes to the spans
 * running then that have no child running then, split evenly between them. A running total of "time per owner"
 * lets each span add up its part when it stops owning, so that a change of owners costs O(1), not one step per owner:
 * O(n log n) for the sort, O(n) for the sweep. Spans that take no time take no part.
 */
final class Sweep {

    private Sweep() {
    }

    /**
     * @param timedParent the nearest timed ancestor of each span, by position, -1 for none
     * @param start start of each span inside its timed ancestor, -1 when untimed
     * @param end end of each span inside its timed ancestor
     * @return each span's part of the wall time, by position
     */
    static double[] partition(List<Node> preorder, int[] timedParent, long[] start, long[] end) {
        int n = preorder.size();
        int[] depth = new int[n];
        int events = 0;
        for (Node node : preorder) {
            depth[node.position()] = node.depth();
            if (end[node.position()] > start[node.position()]) {
                events += 2;
            }
        }
        // Event 2i is the start of span i, 2i + 1 its end.
        Integer[] order = new Integer[events];
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (end[i] > start[i]) {
                order[next++] = 2 * i;
                order[next++] = 2 * i + 1;
            }
        }
        // At one instant: ends before starts, so that spans meeting end to end never overlap; a child ends before and
        // starts after its parent.
        Arrays.sort(order, Comparator.<Integer>comparingLong(event -> (event & 1) == 0 ? start[event >> 1] : end[event >> 1])
                .thenComparingInt(event -> (event & 1) == 0 ? 1 : 0)
                .thenComparingInt(event -> (event & 1) == 0 ? depth[event >> 1] : -depth[event >> 1]));
        double[] own = new double[n];
        double[] since = new double[n];
        int[] runningChildren = new int[n];
        double perOwner = 0;
        int owners = 0;
        long previous = events == 0 ? 0 : start[order[0] >> 1];
        for (int event : order) {
            int span = event >> 1;
            boolean starts = (event & 1) == 0;
            long at = starts ? start[span] : end[span];
            if (at > previous && owners > 0) {
                perOwner += (double) (at - previous) / owners;
            }
            previous = at;
            int parent = timedParent[span];
            if (starts) {
                if (parent >= 0 && runningChildren[parent]++ == 0) {
                    own[parent] += perOwner - since[parent];
                    owners--;
                }
                since[span] = perOwner;
                owners++;
            } else {
                own[span] += perOwner - since[span];
                owners--;
                if (parent >= 0 && --runningChildren[parent] == 0) {
                    since[parent] = perOwner;
                    owners++;
                }
            }
        }
        return own;
    }
}
