package com.opstower.raindrop.trace.time;

import java.util.Arrays;
import java.util.Comparator;

/** Whole percentages of a total that add up to 100, as a person expects of shares: the largest remainders round up. */
final class Shares {

    private Shares() {
    }

    /** Each part as a whole percentage of their sum; all 0 when the sum is 0. */
    static long[] percentages(double[] parts) {
        double total = Arrays.stream(parts).sum();
        long[] percent = new long[parts.length];
        if (total <= 0) {
            return percent;
        }
        double[] exact = new double[parts.length];
        long given = 0;
        for (int i = 0; i < parts.length; i++) {
            exact[i] = 100 * parts[i] / total;
            percent[i] = (long) Math.floor(exact[i]);
            given += percent[i];
        }
        Integer[] byRemainder = new Integer[parts.length];
        for (int i = 0; i < parts.length; i++) {
            byRemainder[i] = i;
        }
        Arrays.sort(byRemainder, Comparator.comparingDouble((Integer i) -> exact[i] - percent[i]).reversed());
        for (int k = 0; given < 100 && k < parts.length; k++) {
            percent[byRemainder[k]]++;
            given++;
        }
        return percent;
    }
}
