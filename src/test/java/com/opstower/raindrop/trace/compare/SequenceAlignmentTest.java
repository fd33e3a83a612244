package com.opstower.raindrop.trace.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequenceAlignmentTest {

    @Test
    void alignsAroundAnInsertedElement() {
        // llm, tool_a, llm, tool_b, llm  against  llm, tool_a, llm, tool_c, llm, tool_b, llm
        int[] baseline = {1, 2, 1, 3, 1};
        int[] run = {1, 2, 1, 4, 1, 3, 1};
        int[] match = SequenceAlignment.align(baseline, run);
        assertEquals(5, matched(match));
        assertValid(baseline, run, match);
        assertEquals(5, match[3]);
    }

    @Test
    void findsALongestCommonSubsequenceOnRandomSequences() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 3_000; round++) {
            int[] a = random.ints(random.nextInt(0, 14), 0, 1 + random.nextInt(4)).toArray();
            int[] b = random.ints(random.nextInt(0, 14), 0, 1 + random.nextInt(4)).toArray();
            int[] match = SequenceAlignment.align(a, b);
            assertValid(a, b, match);
            assertEquals(lcs(a, b), matched(match), () -> java.util.Arrays.toString(a) + " " + java.util.Arrays.toString(b));
        }
    }

    @Test
    void pairsByOccurrenceWhenTheSequencesHaveLittleInCommon() {
        int n = 5_000;
        int[] a = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
            b[i] = n + i;
        }
        b[10] = 42;
        b[20] = 43;
        int[] match = SequenceAlignment.align(a, b);
        assertValid(a, b, match);
        assertEquals(2, matched(match));
        assertEquals(10, match[42]);
    }

    @Test
    void leavesOutTheElementWhereTheOtherSequenceHasOneOfItsOwn() {
        // u S S S g against u S' S S g: the first S is the one replaced.
        int[] match = SequenceAlignment.align(new int[] {0, 1, 1, 1, 2}, new int[] {0, 9, 1, 1, 2});
        assertArrayEquals(new int[] {0, -1, 2, 3, 4}, match);
        // u S S S g against u S S S' g: the last.
        assertArrayEquals(new int[] {0, 1, 2, -1, 4}, SequenceAlignment.align(new int[] {0, 1, 1, 1, 2}, new int[] {0, 1, 1, 9, 2}));
    }

    @Test
    void keepsEveryMatchOfIdenticalSequences() {
        int[] a = {3, 3, 1, 2};
        assertArrayEquals(new int[] {0, 1, 2, 3}, SequenceAlignment.align(a, a.clone()));
    }

    static int matched(int[] match) {
        int count = 0;
        for (int j : match) {
            count += j >= 0 ? 1 : 0;
        }
        return count;
    }

    static void assertValid(int[] a, int[] b, int[] match) {
        int last = -1;
        for (int i = 0; i < a.length; i++) {
            if (match[i] >= 0) {
                assertTrue(match[i] > last, "increasing");
                assertEquals(a[i], b[match[i]]);
                last = match[i];
            }
        }
    }

    static int lcs(int[] a, int[] b) {
        int[][] table = new int[a.length + 1][b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                table[i][j] = a[i - 1] == b[j - 1] ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
            }
        }
        return table[a.length][b.length];
    }
}
