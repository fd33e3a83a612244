package com.opstower.raindrop.event;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.opstower.raindrop.testing.ToolCalls.call;
import static com.opstower.raindrop.testing.ToolCalls.withConnection;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opstower.raindrop.testing.QueryApiStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
class SearchEventsFunctionTest {

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
        QueryApiStandIn.stubSignals(api);
        api.stubFor(get(urlPathEqualTo("/v1/events/search")).willReturn(QueryApiStandIn.okFile("events-search.json")));
    }

    private List<String> searches() {
        return api.findAll(getRequestedFor(urlPathEqualTo("/v1/events/search"))).stream().map(r -> r.getUrl()).toList();
    }

    @Test
    void sendsTheQueryWithEveryFilterAndTheSignalsIdForItsName() {
        call("search_events", withConnection("""
                "query":"charged twice","search_in":"user_input","signal":"USER_FRUSTRATION","user_id":"user_4711",
                "convo_id":"conv_8f2c1a","timestamp_after":"2026-11-20","timestamp_before":"2026-11-25T00:00:00Z","limit":5
                """))
                .body("is_error", equalTo(false))
                .body("text", containsString("1 event matched `charged twice` (text search in user input) (conversation `conv_8f2c1a`, "
                        + "user_id `user_4711`, signal `2f6c1a90-5d0e-4b7e-9a51-3c7e2b1d4f10`, from 2026-11-20 00:00:00 UTC"))
                .body("text", containsString("  - relevance 0.82 · match in input: \"Why was I charged twice for order 1042?\""))
                .body("data.events[0].relevance_score", equalTo(0.82f));
        assertEquals(List.of("/v1/events/search?query=charged+twice&mode=text&search_in=user_input"
                + "&signal=2f6c1a90-5d0e-4b7e-9a51-3c7e2b1d4f10&user_id=user_4711&convo_id=conv_8f2c1a"
                + "&timestamp%5Bgte%5D=2026-11-20T00%3A00%3A00Z&timestamp%5Blt%5D=2026-11-25T00%3A00%3A00Z&limit=5"), searches());
    }

    @Test
    void searchesBothSidesAsTextByDefault() {
        call("search_events", withConnection("\"query\":\"refund tool\",\"mode\":\"semantic\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("(semantic search in user input and assistant output)"));
        assertEquals(List.of("/v1/events/search?query=refund+tool&mode=semantic&search_in=user_input%2Cassistant_output&limit=20"),
                searches());
    }

    @Test
    void refusesAWindowOverFourteenDaysBeforeCalling() {
        call("search_events", withConnection("\"query\":\"refund\",\"timestamp_after\":\"2026-10-01\",\"timestamp_before\":\"2026-10-31\""))
                .body("error.code", equalTo("DATE_RANGE_LIMIT"))
                .body("text", containsString("spans 30 days; Raindrop allows at most 14 days."))
                .body("text", containsString("Next step: Call search_events with `timestamp_after: \"2026-10-17T00:00:00Z\"`"));
        assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void refusesAPatternNoRegexEngineReadsBeforeCalling() {
        call("search_events", withConnection("\"query\":\"refund (order\",\"mode\":\"regex\""))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`query` is not a valid regular expression: Unclosed group"))
                .body("text", containsString("or search with `mode: \"text\"`"));
        assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void wordsTheQueryApisRefusalOfARegex() {
        api.stubFor(get(urlPathEqualTo("/v1/events/search")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"Invalid regex: lookahead is not supported\"}}")));
        call("search_events", withConnection("\"query\":\"refund(?=ed)\",\"mode\":\"regex\""))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("Raindrop could not run `query` as a regular expression. Raindrop refused the "
                        + "request (HTTP 400: Invalid regex: lookahead is not supported)."))
                .body("text", containsString("Next step: Fix the pattern"));
        assertEquals(1, searches().size());
    }

    @Test
    void aRateLimitPastTheRetriesSaysHowLongToWaitAndSearchsOwnLimit() {
        api.stubFor(get(urlPathEqualTo("/v1/events/search")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        call("search_events", withConnection("\"query\":\"refund\""))
                .body("error.code", equalTo("RATE_LIMITED"))
                .body("error.retry_after_seconds", equalTo(120))
                .body("text", containsString("Raindrop allows 50 searches a minute per key"));
        assertEquals(1, searches().size());
    }

    @Test
    void aRateLimitWithinTheRetriesIsRetried() {
        api.stubFor(get(urlPathEqualTo("/v1/events/search")).inScenario("429").willReturn(aResponse().withStatus(429)
                .withHeader("retry-after-ms", "50")).willSetStateTo("then ok"));
        api.stubFor(get(urlPathEqualTo("/v1/events/search")).inScenario("429").whenScenarioStateIs("then ok")
                .willReturn(QueryApiStandIn.okFile("events-search.json")));
        call("search_events", withConnection("\"query\":\"refund\"")).body("is_error", equalTo(false));
        assertEquals(2, searches().size());
    }

    @Test
    void refusesAnUnknownSignalName() {
        call("search_events", withConnection("\"query\":\"refund\",\"signal\":\"refund_requests\""))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("Known signals, closest first: `refund_request`,"));
        assertEquals(0, searches().size());
    }
}
