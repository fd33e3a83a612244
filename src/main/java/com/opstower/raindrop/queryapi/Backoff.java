package com.opstower.raindrop.queryapi;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter: a uniform wait between zero and a cap that doubles per attempt. */
record Backoff(Duration initial, Duration max) {

    /** The wait after the given failed attempt (1 = the first). */
    Duration after(int attempt) {
        long cap = initial.toMillis();
        for (int i = 1; i < attempt && cap < max.toMillis(); i++) {
            cap *= 2;
        }
        cap = Math.min(cap, max.toMillis());
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
    }
}
