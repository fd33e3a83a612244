package com.opstower.raindrop.local;

import com.opstower.raindrop.local.SampleEndpoints.Data;
import com.opstower.raindrop.local.SampleModel.Event;
import com.opstower.raindrop.local.SampleModel.SignalScore;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Aggregates over the {@code /v1/events} filters: {@code /v1/events/count}, {@code /v1/events/timeseries} and
 * {@code /v1/events/facets}. Unlike the event list, none of them caps the window at 14 days. Facets read their window
 * from the dotted keys {@code timestamp.gte} and {@code timestamp.lt}, as Raindrop's spec spells them; a bracketed
 * key there is refused, so that a client sending the list's spelling finds out instead of counting everything.
 */
final class AnalyticsEndpoints {

    static final int DEFAULT_FACET_LIMIT = 20;

    /** What {@code count_by} counts distinct values of. */
    private static final Map<String, Function<Event, String>> COUNT_BY = Map.of(
            "event_id", Event::id, "user_id", Event::userId, "convo_id", Event::convoId);
    /** Start of the UTC bucket an instant falls in; weeks start on Monday. */
    private static final Map<String, UnaryOperator<Instant>> INTERVALS = Map.of(
            "minute", t -> t.truncatedTo(ChronoUnit.MINUTES),
            "hour", t -> t.truncatedTo(ChronoUnit.HOURS),
            "day", t -> t.truncatedTo(ChronoUnit.DAYS),
            "week", t -> t.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant(),
            "month", t -> t.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS)
                    .with(TemporalAdjusters.firstDayOfMonth()).toInstant());
    /** The values an event has for a facet field; an event carries several signals, or none. */
    private static final Map<String, Function<Event, Stream<String>>> FACET_FIELDS = Map.of(
            "event_name", e -> Stream.of(e.eventName()),
            "user_id", e -> Stream.ofNullable(e.userId()),
            "signal", e -> e.signals().stream().map(SignalScore::id));

    private final SampleWorkspace workspace;

    AnalyticsEndpoints(SampleWorkspace workspace) {
        this.workspace = workspace;
    }

    record Total(long total) {
    }

    record Bucket(Instant timestamp, long count) {
    }

    record Series(List<Bucket> buckets, long total) {
    }

    record SeriesMeta(String interval) {
    }

    record SeriesBody(Series data, SeriesMeta meta) {
    }

    record Facet(String value, long count) {
    }

    Data count(QueryParams params) {
        Function<Event, String> countBy = COUNT_BY.get(params.oneOf("count_by", "event_id", COUNT_BY.keySet()));
        return new Data(new Total(distinct(matching(params, TimeRange.of(params, "timestamp")).stream(), countBy)));
    }

    /**
     * Events per bucket, oldest first. Only buckets holding events are sent, as in the shared example: whether
     * upstream sends empty ones is unpublished, so clients must fill gaps themselves.
     */
    SeriesBody timeseries(QueryParams params) {
        String interval = params.oneOf("interval", "day", INTERVALS.keySet());
        UnaryOperator<Instant> bucketOf = INTERVALS.get(interval);
        List<Event> events = matching(params, TimeRange.of(params, "timestamp"));
        Map<Instant, Long> counts = events.stream()
                .collect(Collectors.groupingBy(e -> bucketOf.apply(e.timestamp()), TreeMap::new, Collectors.counting()));
        List<Bucket> buckets = counts.entrySet().stream().map(b -> new Bucket(b.getKey(), b.getValue())).toList();
        return new SeriesBody(new Series(buckets, events.size()), new SeriesMeta(interval));
    }

    /** The field's most frequent values, each with its count of distinct {@code count_by} values. */
    Data facets(QueryParams params) {
        String field = params.text("field").orElse("event_name");
        Function<Event, Stream<String>> values = FACET_FIELDS.get(field);
        if (values == null) {
            throw ApiError.badRequest("field", "Invalid field name", FACET_FIELDS.keySet().stream().sorted().toList());
        }
        Function<Event, String> countBy = COUNT_BY.get(params.oneOf("count_by", "event_id", COUNT_BY.keySet()));
        int limit = params.integer("limit", DEFAULT_FACET_LIMIT, 1, SampleEndpoints.MAX_LIST_LIMIT);
        params.names().stream().filter(name -> name.startsWith("timestamp[")).findFirst().ifPresent(name -> {
            throw ApiError.badRequest(name, "Facets take their window as timestamp.gte and timestamp.lt, not " + name);
        });
        Map<String, List<Event>> byValue = matching(params, TimeRange.dotted(params, "timestamp")).stream()
                .flatMap(event -> values.apply(event).map(value -> Map.entry(value, event)))
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        List<Facet> facets = byValue.entrySet().stream()
                .map(entry -> new Facet(entry.getKey(), distinct(entry.getValue().stream(), countBy)))
                .sorted(Comparator.comparingLong(Facet::count).reversed().thenComparing(Facet::value))
                .limit(limit).toList();
        return new Data(facets);
    }

    private List<Event> matching(QueryParams params, TimeRange window) {
        return workspace.events().stream().filter(Filters.events(params, window)).toList();
    }

    private static long distinct(Stream<Event> events, Function<Event, String> field) {
        return events.map(field).filter(Objects::nonNull).distinct().count();
    }
}
