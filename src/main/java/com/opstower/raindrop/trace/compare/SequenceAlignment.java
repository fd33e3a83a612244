package com.opstower.raindrop.trace.compare;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aligns two sequences of keys as a diff does: the longest common subsequence, so that one inserted element does not
 * shift every later one; the first elements and the last are paired when they can be, whatever is added between.
 * Myers' greedy algorithm after the common prefix and suffix, in O((n + m) · d) time for d
 * insertions and deletions, keeping each round's frontier to trace the path back (O(d²) memory). Past
 * {@link #MAX_EDITS} edits the sequences have little in common and the cost would grow towards (n + m)²: then each key's
 * k-th occurrence in one is paired with its k-th occurrence in the other, and the longest run of pairs in order in
 * both is kept, in O((n + m) log (n + m)).
 */
final class SequenceAlignment {

    /** The most insertions and deletions Myers' algorithm looks for: past it, O(n log n) pairing by occurrence. */
    static final int MAX_EDITS = 1_000;

    private SequenceAlignment() {
    }

    /**
     * For each element of {@code a}, the index of the element of {@code b} it is aligned with, or -1. Aligned elements
     * have equal keys, and their indices increase in both sequences.
     */
    static int[] align(int[] a, int[] b) {
        int[] match = new int[a.length];
        Arrays.fill(match, -1);
        int shorter = Math.min(a.length, b.length);
        int prefix = 0;
        while (prefix < shorter && a[prefix] == b[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < shorter && a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
            suffix++;
        }
        if (prefix + suffix > shorter) {
            // The shorter sequence is all matched, and what the longer one adds could sit anywhere in a run of equal
            // keys: it goes as late as it can with the last elements still paired, as the last steps of two runs
            // (an answer, a call that worked after a retry) are the same step.
            prefix = Math.min(prefix, shorter - 1);
            suffix = shorter - prefix;
        }
        for (int i = 0; i < prefix; i++) {
            match[i] = i;
        }
        for (int i = 1; i <= suffix; i++) {
            match[a.length - i] = b.length - i;
        }
        int n = a.length - prefix - suffix;
        int m = b.length - prefix - suffix;
        if (n > 0 && m > 0 && !myers(a, b, prefix, n, m, match)) {
            byOccurrence(a, b, prefix, n, m, match);
        }
        joinReplacements(a, b.length, match);
        return match;
    }

    /**
     * Myers' shortest edit script of {@code a[from, from + n)} into {@code b[from, from + m)}, its matches written into
     * {@code match}; false, writing nothing, when it needs more than {@link #MAX_EDITS} edits.
     */
    private static boolean myers(int[] a, int[] b, int from, int n, int m, int[] match) {
        int max = Math.min(n + m, MAX_EDITS);
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        // frontiers.get(d)[k + d]: the furthest x on diagonal k after d edits.
        List<int[]> frontiers = new ArrayList<>();
        for (int d = 0; d <= max; d++) {
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || k != d && v[offset + k - 1] < v[offset + k + 1] ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[from + x] == b[from + y]) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    frontiers.add(Arrays.copyOfRange(v, offset - d, offset + d + 1));
                    traceBack(frontiers, n, m, from, match);
                    return true;
                }
            }
            frontiers.add(Arrays.copyOfRange(v, offset - d, offset + d + 1));
        }
        return false;
    }

    /** Walks the frontiers back from the end, writing the matches of each diagonal run ("snake"). */
    private static void traceBack(List<int[]> frontiers, int n, int m, int from, int[] match) {
        int x = n;
        int y = m;
        for (int d = frontiers.size() - 1; d > 0; d--) {
            int[] previous = frontiers.get(d - 1);
            int k = x - y;
            boolean down = k == -d || k != d && previous[k - 1 + d - 1] < previous[k + 1 + d - 1];
            int previousK = down ? k + 1 : k - 1;
            int previousX = previous[previousK + d - 1];
            int snakeStart = down ? previousX : previousX + 1;
            while (x > snakeStart) {
                x--;
                y--;
                match[from + x] = from + y;
            }
            x = previousX;
            y = previousX - previousK;
        }
        while (x > 0) {
            x--;
            y--;
            match[from + x] = from + y;
        }
    }

    /**
     * Each key's k-th occurrence in {@code a} paired with its k-th in {@code b}, then the longest chain of pairs
     * increasing in both (patience sorting), in O((n + m) log (n + m)).
     */
    private static void byOccurrence(int[] a, int[] b, int from, int n, int m, int[] match) {
        Map<Integer, ArrayDeque<Integer>> inB = new HashMap<>();
        for (int j = 0; j < m; j++) {
            inB.computeIfAbsent(b[from + j], key -> new ArrayDeque<>()).add(j);
        }
        int[] pairA = new int[Math.min(n, m)];
        int[] pairB = new int[pairA.length];
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            ArrayDeque<Integer> occurrences = inB.get(a[from + i]);
            if (occurrences != null && !occurrences.isEmpty()) {
                pairA[pairs] = i;
                pairB[pairs++] = occurrences.poll();
            }
        }
        // tails[l]: the pair ending the best chain of length l + 1 found so far, the one with the smallest b.
        int[] tails = new int[pairs];
        int[] before = new int[pairs];
        int length = 0;
        for (int p = 0; p < pairs; p++) {
            int low = 0;
            int high = length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (pairB[tails[mid]] < pairB[p]) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            before[p] = low > 0 ? tails[low - 1] : -1;
            tails[low] = p;
            length = Math.max(length, low + 1);
        }
        for (int p = length == 0 ? -1 : tails[length - 1]; p >= 0; p = before[p]) {
            match[from + pairA[p]] = from + pairB[p];
        }
    }

    /** How far a run of unmatched elements is moved, at most, to meet the other sequence's: a bound per run. */
    static final int MAX_SLIDE = 64;

    /**
     * Moves each run of unmatched elements of {@code a} within a run of equal keys, where any place is as good, to the
     * nearest place where {@code b} has unmatched elements too, so that the two meet: {@code [u S S S g]} against
     * {@code [u S' S S g]} leaves out the first {@code S}, where {@code S'} is, rather than the last, and the two read as
     * one step changed. At most {@link #MAX_SLIDE} places either way: linear in all.
     */
    private static void joinReplacements(int[] a, int bLength, int[] match) {
        int i = 0;
        while (i < a.length) {
            if (match[i] >= 0) {
                i++;
                continue;
            }
            int from = i;
            while (i < a.length && match[i] < 0) {
                i++;
            }
            int to = i;
            if (partnerAfter(match, to - 1, bLength) - partnerBefore(match, from) > 1) {
                continue;
            }
            for (int k = 1; k <= MAX_SLIDE && from - k >= 0 && match[from - k] >= 0 && a[from - k] == a[to - k]; k++) {
                // Moved up by k, the run lies between the element before it and the one that takes over the partner
                // of the first element moved.
                if (match[from - k] - partnerBefore(match, from - k) > 1) {
                    slide(match, from - k, from, to - k);
                    break;
                }
            }
            if (match[from] >= 0) {
                continue;
            }
            for (int k = 1; k <= MAX_SLIDE && to + k - 1 < a.length && match[to + k - 1] >= 0
                    && a[from + k - 1] == a[to + k - 1]; k++) {
                if (partnerAfter(match, to + k - 1, bLength) - match[to + k - 1] > 1) {
                    slide(match, to, to + k, from);
                    i = to + k;
                    break;
                }
            }
        }
    }

    /** The partner of the nearest matched element before {@code index}; -1 for none. */
    private static int partnerBefore(int[] match, int index) {
        for (int at = index - 1; at >= 0; at--) {
            if (match[at] >= 0) {
                return match[at];
            }
        }
        return -1;
    }

    /** The partner of the nearest matched element after {@code index}; {@code bLength} for none. */
    private static int partnerAfter(int[] match, int index, int bLength) {
        for (int at = index + 1; at < match.length; at++) {
            if (match[at] >= 0) {
                return match[at];
            }
        }
        return bLength;
    }

    /** Gives the partners of the matched elements {@code [movedFrom, movedTo)} to those from {@code target} on, in order. */
    private static void slide(int[] match, int movedFrom, int movedTo, int target) {
        int[] partners = Arrays.copyOfRange(match, movedFrom, movedTo);
        Arrays.fill(match, Math.min(movedFrom, target), Math.max(movedTo, target + partners.length), -1);
        System.arraycopy(partners, 0, match, target, partners.length);
    }
}
