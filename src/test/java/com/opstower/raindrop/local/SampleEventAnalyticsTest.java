package com.opstower.raindrop.local;

import static com.opstower.raindrop.local.SampleApiClient.elements;
import static com.opstower.raindrop.local.SampleApiClient.encode;
import static com.opstower.raindrop.local.SampleApiClient.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.opstower.raindrop.local.SampleModel.Event;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/events/search}, {@code /count}, {@code /timeseries} and {@code /facets} of the sample Query API. */
class SampleEventAnalyticsTest {

    private static SampleApiClient api;
    private static List<Event> events;

    @BeforeAll
    static void start() throws Exception {
        api = new SampleApiClient();
        events = api.workspace.events();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void countsEventsUsersAndConversations() throws Exception {
        assertEquals(events.size(), total("/v1/events/count"));
        assertEquals(events.size(), total("/v1/events/count?count_by=event_id"));
        assertEquals(distinct(events, Event::userId), total("/v1/events/count?count_by=user_id"));
        assertEquals(distinct(events, Event::convoId), total("/v1/events/count?count_by=convo_id"));
        assertEquals(Set.of("total"), fieldNames(api.ok("/v1/events/count").get("data")));
        JsonNode wrong = api.error(400, "/v1/events/count?count_by=users");
        assertEquals("count_by", wrong.at("/details/field").asText());
    }

    @Test
    void countsOverTheEventFilters() throws Exception {
        String toolFailure = SampleSignal.TOOL_FAILURE.id();
        List<Event> failed = events.stream().filter(e -> e.hasSignal(toolFailure)).toList();
        assertEquals(failed.size(), total("/v1/events/count?signal=" + toolFailure));
        assertEquals(distinct(failed, Event::userId), total("/v1/events/count?count_by=user_id&signal=" + toolFailure));

        // A group counts the union of its signals: an event with both of Reliability's signals counts once.
        long reliability = events.stream().filter(e -> e.hasSignal(toolFailure) || e.hasSignal(SampleSignal.HALLUCINATION.id())).count();
        assertEquals(reliability, total("/v1/events/count?signal_group=" + SampleSignal.Group.RELIABILITY.id()));

        long plusAndSlow = events.stream().filter(e -> "plus".equals(e.properties().get("plan"))
                && ((Number) e.properties().get("latency_ms")).longValue() >= 3000).count();
        assertTrue(plusAndSlow > 0);
        assertEquals(plusAndSlow, total("/v1/events/count?properties%5Bplan%5D=plus&properties%5Blatency_ms%5D%5Bgte%5D=3000"));

        assertEquals(events.stream().filter(e -> SampleWorkspace.SAMPLE_USER_ID.equals(e.userId())).count(),
                total("/v1/events/count?user_id=" + SampleWorkspace.SAMPLE_USER_ID));
        assertEquals(6, total("/v1/events/count?convo_id=" + SampleWorkspace.CHECKOUT_CONVERSATION_ID));
        assertEquals(400, api.get("/v1/events/count?signal=tool_failure", null).statusCode());
    }

    @Test
    void timeSeriesBucketsByDayByDefault() throws Exception {
        JsonNode body = api.ok("/v1/events/timeseries");
        assertEquals("day", body.at("/meta/interval").asText());
        List<JsonNode> buckets = elements(body.at("/data/buckets"));
        assertEquals(events.size(), body.at("/data/total").asLong());
        assertEquals(events.size(), buckets.stream().mapToLong(b -> b.get("count").asLong()).sum());
        Instant previous = Instant.MIN;
        for (JsonNode bucket : buckets) {
            assertEquals(Set.of("timestamp", "count"), fieldNames(bucket));
            Instant start = Instant.parse(bucket.get("timestamp").asText());
            assertEquals(0, start.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay(), "midnight UTC");
            assertTrue(start.isAfter(previous), "oldest first, one bucket per day");
            assertTrue(bucket.get("count").asLong() > 0, "only buckets holding events");
            previous = start;
        }
    }

    @Test
    void timeSeriesTakesEveryIntervalAndTheFilters() throws Exception {
        for (String interval : List.of("minute", "hour", "day", "week", "month")) {
            JsonNode body = api.ok("/v1/events/timeseries?interval=" + interval);
            assertEquals(interval, body.at("/meta/interval").asText());
            assertEquals(events.size(), body.at("/data/total").asLong(), interval);
        }
        for (JsonNode bucket : elements(api.ok("/v1/events/timeseries?interval=week").at("/data/buckets"))) {
            assertEquals(DayOfWeek.MONDAY, Instant.parse(bucket.get("timestamp").asText()).atZone(ZoneOffset.UTC).getDayOfWeek());
        }
        Instant since = Instant.now().minus(Duration.ofDays(2));
        JsonNode recentFailures = api.ok("/v1/events/timeseries?interval=hour&signal=" + SampleSignal.TOOL_FAILURE.id()
                + "&timestamp%5Bgte%5D=" + encode(since.toString()));
        long expected = events.stream().filter(e -> e.hasSignal(SampleSignal.TOOL_FAILURE.id()) && !e.timestamp().isBefore(since)).count();
        assertEquals(expected, recentFailures.at("/data/total").asLong());
        assertEquals(400, api.get("/v1/events/timeseries?interval=year", null).statusCode());
    }

    @Test
    void facetsCountTheTopValuesOfAField() throws Exception {
        List<JsonNode> names = list(api.ok("/v1/events/facets"));
        Map<String, Long> expected = events.stream().collect(Collectors.groupingBy(Event::eventName, Collectors.counting()));
        assertEquals(expected, names.stream().collect(Collectors.toMap(f -> f.get("value").asText(), f -> f.get("count").asLong())));
        for (int i = 1; i < names.size(); i++) {
            assertTrue(names.get(i - 1).get("count").asLong() >= names.get(i).get("count").asLong(), "most frequent first");
        }
        assertEquals(Set.of("data"), fieldNames(api.ok("/v1/events/facets")), "no meta, no cursor");

        List<JsonNode> users = list(api.ok("/v1/events/facets?field=user_id&count_by=convo_id&limit=3"));
        assertEquals(3, users.size());
        String topUser = users.get(0).get("value").asText();
        assertEquals(distinct(events.stream().filter(e -> topUser.equals(e.userId())).toList(), Event::convoId),
                users.get(0).get("count").asLong());

        List<JsonNode> signals = list(api.ok("/v1/events/facets?field=signal"));
        Set<String> ids = Set.of(SampleSignal.values()).stream().map(SampleSignal::id).collect(Collectors.toSet());
        assertTrue(signals.stream().allMatch(f -> ids.contains(f.get("value").asText())), "signal facets are signal ids");
    }

    @Test
    void facetsTakeTheirWindowAsDottedKeys() throws Exception {
        Instant since = Instant.now().minus(Duration.ofDays(2));
        Instant until = Instant.now().minus(Duration.ofDays(1));
        List<JsonNode> facets = list(api.ok("/v1/events/facets?timestamp.gte=" + encode(since.toString())
                + "&timestamp.lt=" + encode(until.toString())));
        long inWindow = events.stream().filter(e -> !e.timestamp().isBefore(since) && e.timestamp().isBefore(until)).count();
        assertTrue(inWindow > 0 && inWindow < events.size());
        assertEquals(inWindow, facets.stream().mapToLong(f -> f.get("count").asLong()).sum());

        JsonNode bracketed = api.error(400, "/v1/events/facets?timestamp%5Bgte%5D=" + encode(since.toString()));
        assertEquals("timestamp[gte]", bracketed.at("/details/field").asText());
        JsonNode unknownField = api.error(400, "/v1/events/facets?field=model");
        assertEquals("Invalid field name", unknownField.get("message").asText());
        assertEquals(List.of("event_name", "signal", "user_id"), SampleApiClient.JSON.convertValue(unknownField.at("/details/allowed_fields"), List.class));
    }

    @Test
    void textSearchFindsASubstringInEitherFieldIgnoringCase() throws Exception {
        List<JsonNode> hits = list(api.ok("/v1/events/search?query=refund&limit=100"));
        assertFalse(hits.isEmpty());
        assertEquals(hits, list(api.ok("/v1/events/search?query=REFUND&mode=text&limit=100")));
        for (JsonNode hit : hits) {
            assertTrue(searched(hit, "user_input", "assistant_output").contains("refund"), hit.get("id").asText());
            double score = hit.get("relevance_score").asDouble();
            assertTrue(score > 0 && score <= 1, "score " + score);
        }
        for (int i = 1; i < hits.size(); i++) {
            assertTrue(hits.get(i - 1).get("relevance_score").asDouble() >= hits.get(i).get("relevance_score").asDouble(), "best first");
        }
        List<JsonNode> inInput = list(api.ok("/v1/events/search?query=refund&search_in=user_input&limit=100"));
        assertTrue(inInput.size() < hits.size());
        assertTrue(inInput.stream().allMatch(hit -> searched(hit, "user_input").contains("refund")));
        assertEquals(400, api.get("/v1/events/search?query=refund&search_in=topics", null).statusCode());
    }

    @Test
    void searchAppliesTheEventFiltersAndPages() throws Exception {
        String user = SampleWorkspace.SAMPLE_USER_ID;
        List<JsonNode> own = list(api.ok("/v1/events/search?query=order&limit=100&user_id=" + user));
        assertFalse(own.isEmpty());
        assertTrue(own.stream().allMatch(hit -> hit.get("user_id").asText().equals(user)));
        String frustration = SampleSignal.USER_FRUSTRATION.id();
        List<JsonNode> frustrated = list(api.ok("/v1/events/search?query=order&limit=100&signal=" + frustration));
        assertTrue(frustrated.stream().allMatch(hit -> hit.get("signals").toString().contains(frustration)));
        assertEquals(1, list(api.ok("/v1/events/search?query=order&limit=100&convo_id=" + SampleWorkspace.CHECKOUT_CONVERSATION_ID)).stream()
                .map(hit -> hit.get("convo_id").asText()).distinct().count());

        JsonNode first = api.ok("/v1/events/search?query=order&limit=5");
        assertTrue(first.at("/meta/has_more").asBoolean());
        JsonNode second = api.ok("/v1/events/search?query=order&limit=5&cursor=" + encode(first.at("/meta/cursor").asText()));
        assertEquals(5, second.get("data").size());
        assertFalse(second.get("data").toString().contains(first.at("/data/0/id").asText()));
    }

    @Test
    void searchRefusesAWindowOverFourteenDaysAndBadRequests() throws Exception {
        Instant now = Instant.now();
        JsonNode wide = api.error(400, "/v1/events/search?query=refund&timestamp%5Bgte%5D=" + encode(now.minus(Duration.ofDays(15)).toString())
                + "&timestamp%5Blt%5D=" + encode(now.toString()));
        assertTrue(wide.get("message").asText().contains("Date range"));
        api.ok("/v1/events/search?query=refund&timestamp%5Bgte%5D=" + encode(now.minus(Duration.ofDays(13)).toString()));
        assertEquals("query", api.error(400, "/v1/events/search").at("/details/field").asText());
        assertEquals("mode", api.error(400, "/v1/events/search?query=refund&mode=fuzzy").at("/details/field").asText());
    }

    @Test
    void regexSearchMatchesInLinearTimeAndRefusesAnInvalidPattern() throws Exception {
        List<JsonNode> hits = list(api.ok("/v1/events/search?mode=regex&limit=100&query=" + encode("(?i)double[- ]charge|charged twice")));
        assertFalse(hits.isEmpty());
        assertTrue(hits.stream().allMatch(hit -> searched(hit, "user_input", "assistant_output").matches("(?s).*(double[- ]charge|charged twice).*")));

        // A pattern that backtracking engines take exponential time on: RE2 answers at once.
        api.ok("/v1/events/search?mode=regex&query=" + encode("(a+)+$"));

        JsonNode invalid = api.error(400, "/v1/events/search?mode=regex&query=" + encode("refund(ed"));
        assertEquals("query", invalid.at("/details/field").asText());
        assertTrue(invalid.get("message").asText().startsWith("Invalid regex pattern: "), invalid.get("message").asText());
    }

    @Test
    void semanticSearchScoresTheShareOfTheQuerysWords() throws Exception {
        String query = encode("charged twice for my order");
        List<JsonNode> hits = list(api.ok("/v1/events/search?mode=semantic&limit=100&query=" + query));
        assertFalse(hits.isEmpty());
        assertTrue(hits.stream().allMatch(hit -> hit.get("relevance_score").asDouble() >= EventSearch.DEFAULT_THRESHOLD));
        assertTrue(searched(hits.get(0), "user_input", "assistant_output").contains("charged twice"));
        List<JsonNode> strict = list(api.ok("/v1/events/search?mode=semantic&limit=100&threshold=1&query=" + query));
        assertTrue(strict.size() < hits.size());
        assertTrue(strict.stream().allMatch(hit -> hit.get("relevance_score").asDouble() == 1.0));
        assertEquals("threshold", api.error(400, "/v1/events/search?mode=semantic&threshold=high&query=" + query).at("/details/field").asText());
    }

    private static long total(String pathAndQuery) throws Exception {
        return api.ok(pathAndQuery).at("/data/total").asLong();
    }

    private static long distinct(List<Event> events, Function<Event, String> field) {
        return events.stream().map(field).filter(Objects::nonNull).distinct().count();
    }

    private static String searched(JsonNode hit, String... fields) {
        StringBuilder text = new StringBuilder();
        for (String field : fields) {
            text.append(hit.get(field).asText("")).append('\n');
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    private static Set<String> fieldNames(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).collect(Collectors.toSet());
    }
}
