package com.opstower.raindrop.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The bracket filters on one timestamp field: {@code field[gte]}, {@code field[gt]}, {@code field[lte]},
 * {@code field[lt]}; or, where the spec spells them with dots, {@code field.gte} and {@code field.lt}.
 */
record TimeRange(Optional<Instant> gte, Optional<Instant> gt, Optional<Instant> lte, Optional<Instant> lt) {

    static TimeRange of(QueryParams params, String field) {
        return new TimeRange(params.instant(field + "[gte]"), params.instant(field + "[gt]"),
                params.instant(field + "[lte]"), params.instant(field + "[lt]"));
    }

    /** The dotted keys {@code /v1/events/facets} takes instead of brackets. */
    static TimeRange dotted(QueryParams params, String field) {
        return new TimeRange(params.instant(field + ".gte"), Optional.empty(), Optional.empty(), params.instant(field + ".lt"));
    }

    boolean contains(Instant instant) {
        return gte.map(bound -> !instant.isBefore(bound)).orElse(true)
                && gt.map(instant::isAfter).orElse(true)
                && lte.map(bound -> !instant.isAfter(bound)).orElse(true)
                && lt.map(instant::isBefore).orElse(true);
    }

    /**
     * How wide the window is, an open upper end reaching {@code now}; empty without a lower bound, since then the
     * upstream picks the window itself.
     */
    Optional<Duration> width(Instant now) {
        Optional<Instant> from = gte.or(() -> gt);
        Instant to = lte.or(() -> lt).orElse(now);
        return from.map(start -> Duration.between(start, to));
    }
}
