package com.opstower.raindrop.queryapi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads how long the server asks us to wait: {@code retry-after-ms}, else {@code Retry-After} in seconds or as an HTTP date. */
final class RetryAfter {

    private RetryAfter() {
    }

    /** Longer waits than this are far past any budget; capping them keeps arithmetic safe. */
    private static final Duration LONGEST = Duration.ofDays(1);

    static Optional<Duration> parse(String retryAfterMs, String retryAfter, Instant now) {
        return read(retryAfterMs, retryAfter, now).map(d -> d.compareTo(LONGEST) > 0 ? LONGEST : d);
    }

    private static Optional<Duration> read(String retryAfterMs, String retryAfter, Instant now) {
        Optional<Duration> millis = number(retryAfterMs).map(ms -> Duration.ofNanos((long) (ms * 1_000_000)));
        if (millis.isPresent()) {
            return millis;
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        Optional<Duration> seconds = number(retryAfter).map(s -> Duration.ofNanos((long) (s * 1_000_000_000)));
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            Instant at = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> number(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            double d = Double.parseDouble(value.strip());
            return Double.isFinite(d) && d >= 0 ? Optional.of(Math.min(d, 1e12)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
