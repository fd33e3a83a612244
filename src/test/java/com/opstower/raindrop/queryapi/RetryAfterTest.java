package com.opstower.raindrop.queryapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void readsSecondsAndFractions() {
        assertEquals(Optional.of(Duration.ofSeconds(12)), RetryAfter.parse(null, "12", NOW));
        assertEquals(Optional.of(Duration.ofMillis(1500)), RetryAfter.parse(null, " 1.5 ", NOW));
    }

    @Test
    void readsAnHttpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse(null, "Thu, 26 Nov 2026 12:00:30 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(null, "Thu, 26 Nov 2026 11:00:00 GMT", NOW));
    }

    @Test
    void prefersMilliseconds() {
        assertEquals(Optional.of(Duration.ofMillis(250)), RetryAfter.parse("250", "30", NOW));
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", "later", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", "-1", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("NaN", "Infinity", NOW));
    }

    @Test
    void capsAbsurdValues() {
        assertEquals(Optional.of(Duration.ofDays(1)), RetryAfter.parse(null, "1e300", NOW));
    }
}
