package com.opstower.raindrop.event;

import com.opstower.raindrop.tool.ToolFailure;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The buckets of a time series on a UTC grid: every bucket of the window, so that a bucket the Query API leaves out
 * shows as 0. An interval that would give more than the bound is coarsened, and the timeline says from what. Pure.
 *
 * @param starts      each bucket's start, in order; the last bucket ends at {@code end}
 * @param coarsenedFrom the interval asked for when it was coarsened, else null
 */
record Timeline(Interval interval, Instant start, Instant end, List<Instant> starts, Interval coarsenedFrom) {

    /** The intervals of {@code /v1/events/timeseries}, finest first, each with the window used when none is given. */
    enum Interval {
        MINUTE(Duration.ofHours(1), "yyyy-MM-dd HH:mm"),
        HOUR(Duration.ofDays(1), "yyyy-MM-dd HH:mm"),
        DAY(Duration.ofDays(14), "yyyy-MM-dd"),
        WEEK(Duration.ofDays(12 * 7), "yyyy-MM-dd"),
        MONTH(Duration.ofDays(365), "yyyy-MM");

        final Duration defaultWindow;
        private final DateTimeFormatter label;

        Interval(Duration defaultWindow, String label) {
            this.defaultWindow = defaultWindow;
            this.label = DateTimeFormatter.ofPattern(label, Locale.ROOT).withZone(ZoneOffset.UTC);
        }

        /** The argument's and the Query API's name: {@code day}. */
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Interval of(String wireName) {
            return valueOf(wireName.toUpperCase(Locale.ROOT));
        }

        /** The start of the bucket holding {@code t}: weeks start on Monday, months on the 1st, all in UTC. */
        Instant floor(Instant t) {
            ZonedDateTime z = t.atZone(ZoneOffset.UTC);
            return switch (this) {
                case MINUTE -> z.truncatedTo(ChronoUnit.MINUTES).toInstant();
                case HOUR -> z.truncatedTo(ChronoUnit.HOURS).toInstant();
                case DAY -> z.truncatedTo(ChronoUnit.DAYS).toInstant();
                case WEEK -> z.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
                case MONTH -> z.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
            };
        }

        Instant next(Instant bucketStart) {
            ZonedDateTime z = bucketStart.atZone(ZoneOffset.UTC);
            return switch (this) {
                case MINUTE -> z.plusMinutes(1).toInstant();
                case HOUR -> z.plusHours(1).toInstant();
                case DAY -> z.plusDays(1).toInstant();
                case WEEK -> z.plusWeeks(1).toInstant();
                case MONTH -> z.plusMonths(1).toInstant();
            };
        }

        String label(Instant bucketStart) {
            return label.format(bucketStart);
        }
    }

    /**
     * The timeline of a window: from {@code after} (else the interval's default window, on the grid) to
     * {@code before} (else now), in at most {@code maxBuckets} buckets.
     */
    static Timeline of(Interval asked, Instant after, Instant before, Instant now, int maxBuckets) {
        Instant end = before == null ? now : before;
        Instant start = after == null ? asked.floor(end.minus(asked.defaultWindow)) : after;
        if (!start.isBefore(end)) {
            throw ToolFailure.invalidArgument("`timestamp_after` (" + start + ") is not before the end of the window ("
                    + (before == null ? "now" : end.toString()) + "): a time series needs a window.",
                    "Give a `timestamp_after` in the past, or leave it out for the interval's default window.");
        }
        Interval interval = asked;
        while (buckets(interval, start, end, maxBuckets + 1L) > maxBuckets) {
            if (interval == Interval.MONTH) {
                throw ToolFailure.invalidArgument("The window from " + start + " to " + end + " holds more than "
                        + maxBuckets + " months.", "Give a narrower window with timestamp_after and timestamp_before.");
            }
            interval = Interval.values()[interval.ordinal() + 1];
        }
        List<Instant> starts = new ArrayList<>();
        for (Instant t = interval.floor(start); t.isBefore(end); t = interval.next(t)) {
            starts.add(t);
        }
        return new Timeline(interval, start, end, List.copyOf(starts), interval == asked ? null : asked);
    }

    /** How many buckets of {@code interval} the window spans, counted up to {@code stopAt}. */
    private static long buckets(Interval interval, Instant start, Instant end, long stopAt) {
        long n = 0;
        for (Instant t = interval.floor(start); t.isBefore(end) && n < stopAt; t = interval.next(t)) {
            n++;
        }
        return n;
    }

    /** The index of the bucket holding {@code t}, or -1 outside the window. */
    int indexOf(Instant t) {
        if (t.isBefore(starts.get(0)) || !t.isBefore(end)) {
            return -1;
        }
        int found = Collections.binarySearch(starts, t);
        return found >= 0 ? found : -found - 2;
    }
}
