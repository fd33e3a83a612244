package com.opstower.raindrop.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The one source of chance behind the sample workspace: seeded, so that every run produces the same data. */
final class SampleRandom {

    private final Random random;

    SampleRandom(long seed) {
        this.random = new Random(seed);
    }

    /** Lowercase hex digits, as in span ids (16), trace ids (32) and the sample's object ids. */
    String hex(int digits) {
        StringBuilder out = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    String digits(int count) {
        StringBuilder out = new StringBuilder(count);
        out.append(1 + random.nextInt(9));
        for (int i = 1; i < count; i++) {
            out.append(random.nextInt(10));
        }
        return out.toString();
    }

    /** A value in {@code [min, max]}. */
    long between(long min, long max) {
        return min + (long) (random.nextDouble() * (max - min + 1));
    }

    double between(double min, double max) {
        return min + random.nextDouble() * (max - min);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** Up to {@code count} distinct elements, in a random order. */
    <T> List<T> sample(List<T> options, int count) {
        List<T> shuffled = new ArrayList<>(options);
        Collections.shuffle(shuffled, random);
        return List.copyOf(shuffled.subList(0, Math.min(count, shuffled.size())));
    }
}
