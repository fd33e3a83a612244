package com.opstower.raindrop.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.Queries.EventFilter;
import com.opstower.raindrop.queryapi.Wire.Facet;
import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.Single;
import com.opstower.raindrop.queryapi.Wire.Timeseries;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.AnswerBound;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.ToolResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The markdown the agent reads for counts, pinned whole. */
class CountRendererTest {

    private static final int BOUND = AnswerBound.TOOL_TEXT_CHARS;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOV_24 = Instant.parse("2026-11-24T00:00:00Z");
    private static final Instant NOV_28 = Instant.parse("2026-11-28T00:00:00Z");

    private static <T> T read(String resource, TypeReference<T> type) throws Exception {
        return JSON.readValue(Snapshots.resource(resource), type);
    }

    private static EventFilter filter(String signal, Instant after, Instant before) {
        return new EventFilter(null, null, null, signal, null, Map.of("properties[plan]", "plus"), after, before);
    }

    private static Timeseries series() throws Exception {
        return read("wiremock/__files/events-timeseries.json", new TypeReference<Single<Timeseries>>() {
        }).data();
    }

    @Test
    void aTotal() {
        Snapshots.assertMatches("count/total.md", CountRenderer.total(128, CountBy.USERS,
                filter("2f6c1a90-5d0e-4b7e-9a51-3c7e2b1d4f10", NOV_24, null)).text());
    }

    @Test
    void aTimeSeriesWithEveryBucketAndTheGapAsZero() throws Exception {
        Timeline days = Timeline.of(Timeline.Interval.DAY, NOV_24, NOV_28, NOV_28, 200);
        ToolResult result = CountRenderer.timeseries(series(), days, filter(null, NOV_24, NOV_28));
        Snapshots.assertMatches("count/timeseries-day.md", result.text());
        assertEquals(68L, result.data().get("total"));
    }

    @Test
    void aCoarsenedTimeSeriesSaysFromWhat() throws Exception {
        Timeline coarsened = Timeline.of(Timeline.Interval.HOUR, NOV_28.minusSeconds(30L * 86400), NOV_28, NOV_28, 200);
        assertEquals(Timeline.Interval.DAY, coarsened.interval());
        assertEquals(30, coarsened.starts().size());
        Snapshots.assertMatches("count/timeseries-coarsened.md",
                CountRenderer.timeseries(series(), coarsened, filter(null, coarsened.start(), NOV_28)).text());
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirst() {
        Instant wednesday = Instant.parse("2026-11-25T13:10:00Z");
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), Timeline.Interval.WEEK.floor(wednesday));
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), Timeline.Interval.MONTH.floor(wednesday));
        Timeline months = Timeline.of(Timeline.Interval.MONTH, null, wednesday, wednesday, 200);
        assertEquals(13, months.starts().size());
        assertEquals(Instant.parse("2025-11-01T00:00:00Z"), months.starts().get(0));
    }

    @Test
    void aWindowStartingInTheFutureIsRefused() {
        ToolFailure failure = assertThrows(ToolFailure.class,
                () -> Timeline.of(Timeline.Interval.DAY, NOV_28, null, NOV_24, 200));
        assertEquals(ErrorCode.INVALID_ARGUMENT, failure.code());
    }

    @Test
    void topValuesWithSignalNames() throws Exception {
        List<Facet> facets = read("wiremock/__files/events-facets-signals.json", new TypeReference<Page<Facet>>() {
        }).items();
        Snapshots.assertMatches("count/facets-signals.md", CountRenderer.facets(facets, "signal", CountBy.EVENTS,
                filter(null, NOV_24, NOV_28), Map.of("2f6c1a90-5d0e-4b7e-9a51-3c7e2b1d4f10", "user_frustration",
                        "c41e8b27-93fa-4d16-b0a8-5e2f7d9c1a64", "refund|request"), BOUND).text());
    }

    @Test
    void topValuesOfEventNames() throws Exception {
        List<Facet> facets = read("wiremock/__files/events-facets.json", new TypeReference<Page<Facet>>() {
        }).items();
        Snapshots.assertMatches("count/facets-event-names.md",
                CountRenderer.facets(facets, "event_name", CountBy.CONVERSATIONS, filter(null, null, null), Map.of(), BOUND)
                        .text());
    }

    @Test
    void topValuesFitByRowsWithEveryValueBounded() {
        List<Facet> facets = IntStream.rangeClosed(1, 40)
                .mapToObj(i -> new Facet("checkout|assist " + i + " line\n".repeat(300), 100L - i)).toList();
        ToolResult result = CountRenderer.facets(facets, "event_name", CountBy.EVENTS, filter(null, null, null), Map.of(),
                2500);
        Snapshots.assertMatches("count/facets-fitted.md", result.text());
        assertTrue(result.text().length() <= 2500, "length " + result.text().length());
    }
}
