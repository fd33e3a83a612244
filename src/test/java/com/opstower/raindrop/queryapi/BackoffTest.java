package com.opstower.raindrop.queryapi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8));

    @Test
    void staysWithinADoublingCap() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            long cap = Math.min(8000, 500L << (attempt - 1));
            for (int i = 0; i < 200; i++) {
                long wait = backoff.after(attempt).toMillis();
                assertTrue(wait >= 0 && wait <= cap, "attempt " + attempt + " waited " + wait + " ms, cap " + cap);
            }
        }
    }

    @Test
    void spreadsWaitsOverTheWholeRange() {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 500; i++) {
            long wait = backoff.after(3).toMillis();
            min = Math.min(min, wait);
            max = Math.max(max, wait);
        }
        assertTrue(min < 400 && max > 1600, "full jitter over 0..2000 ms, saw " + min + ".." + max);
    }
}
