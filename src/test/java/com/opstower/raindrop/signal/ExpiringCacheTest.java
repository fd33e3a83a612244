package com.opstower.raindrop.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-24T09:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final TestClock clock = new TestClock();
    final AtomicInteger loads = new AtomicInteger();

    private String load() {
        return "value " + loads.incrementAndGet();
    }

    @Test
    void keepsAValueForItsTimeToLiveThenLoadsAgain() {
        ExpiringCache<String> cache = new ExpiringCache<>(Duration.ofMinutes(5), 4, clock);
        assertEquals("value 1", cache.get("a", this::load));
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertEquals("value 1", cache.get("a", this::load));
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertEquals("value 2", cache.get("a", this::load));
    }

    @Test
    void keepsEachKeyApartAndDropsTheLeastRecentlyUsedPastItsSize() {
        ExpiringCache<String> cache = new ExpiringCache<>(Duration.ofMinutes(5), 2, clock);
        cache.get("a", this::load);
        cache.get("b", this::load);
        cache.get("a", this::load);
        cache.get("c", this::load);
        assertEquals(3, loads.get());
        assertEquals("value 1", cache.get("a", this::load));
        assertEquals("value 4", cache.get("b", this::load));
    }

    @Test
    void aZeroTimeToLiveLoadsEveryTime() {
        ExpiringCache<String> cache = new ExpiringCache<>(Duration.ZERO, 4, clock);
        cache.get("a", this::load);
        assertEquals("value 2", cache.get("a", this::load));
    }

    @Test
    void clearForgetsEveryValue() {
        ExpiringCache<String> cache = new ExpiringCache<>(Duration.ofMinutes(5), 4, clock);
        cache.get("a", this::load);
        cache.get("b", this::load);
        cache.clear();
        assertEquals("value 3", cache.get("a", this::load));
        assertEquals("value 4", cache.get("b", this::load));
    }
}
