package com.opstower.raindrop.event;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.opstower.raindrop.testing.ToolCalls.call;
import static com.opstower.raindrop.testing.ToolCalls.withConnection;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.opstower.raindrop.testing.QueryApiStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
class ListEventsFunctionTest {

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
        api.stubFor(get(urlPathEqualTo("/v1/events")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBodyFile("events-list.json")));
    }

    @Test
    void readsAConversationsTurnsOldestFirst() {
        call("list_events", withConnection("\"convo_id\":\"conv_8f2c1a\",\"limit\":5,\"cursor\":\"c2\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("1 event (conversation `conv_8f2c1a`), oldest first, in turn order:"))
                .body("text", containsString("- `evt_abc123` · 2026-11-24 09:19:40 UTC · support_chat · user `user_4711`"))
                .body("text", containsString("  - signals: user_frustration 0.91"))
                .body("data.events[0].id", equalTo("evt_abc123"));

        api.verify(getRequestedFor(urlPathEqualTo("/v1/events"))
                .withQueryParam("convo_id", WireMock.equalTo("conv_8f2c1a"))
                .withQueryParam("order_by", WireMock.equalTo("timestamp"))
                .withQueryParam("limit", WireMock.equalTo("5"))
                .withQueryParam("cursor", WireMock.equalTo("c2")));
    }

    @Test
    void sendsEveryFilterAndTheWindowNewestFirst() {
        call("list_events", withConnection("""
                "user_id":"user_4711","event_name":"support_chat","signal":"3d6f7a52-9a0e-4a8e-9a37-1f2b8c0d4e11",
                "signal_group":"7a1d3e52-0c4b-4f2a-8e6d-91b0c2a4e5f3","timestamp_after":"2026-11-20T00:00:00Z","timestamp_before":"2026-11-25T00:00:00Z"
                """))
                .body("is_error", equalTo(false));
        // Ids are sent as they are: no signal had to be looked up.
        api.verify(0, getRequestedFor(urlPathEqualTo("/v1/signals")));

        api.verify(getRequestedFor(urlPathEqualTo("/v1/events"))
                .withQueryParam("user_id", WireMock.equalTo("user_4711"))
                .withQueryParam("event_name", WireMock.equalTo("support_chat"))
                .withQueryParam("signal", WireMock.equalTo("3d6f7a52-9a0e-4a8e-9a37-1f2b8c0d4e11"))
                .withQueryParam("signal_group", WireMock.equalTo("7a1d3e52-0c4b-4f2a-8e6d-91b0c2a4e5f3"))
                .withQueryParam("timestamp[gte]", WireMock.equalTo("2026-11-20T00:00:00Z"))
                .withQueryParam("timestamp[lt]", WireMock.equalTo("2026-11-25T00:00:00Z"))
                .withQueryParam("order_by", WireMock.equalTo("-timestamp"))
                .withQueryParam("limit", WireMock.equalTo("20"))
                .withoutQueryParam("convo_id"));
    }

    @Test
    void resolvesSignalAndGroupNamesInAnyCaseThroughEveryPageOfSignals() {
        QueryApiStandIn.stubSignals(api);
        call("list_events", withConnection("\"signal\":\"Tool_Failure\",\"signal_group\":\"experience\""))
                .body("is_error", equalTo(false));

        // tool_failure is on the second page of signals.
        assertEquals(List.of("/v1/signals?limit=100", "/v1/signals?limit=100&cursor=eyJvZmZzZXQiOjJ9"),
                urls("/v1/signals"));
        assertEquals(List.of("/v1/events?signal=b1c9e0f4-22aa-4f71-8d0e-5c3a9b7e6d20&signal_group=7a1d3e52-0c4b-4f2a-8e6d-91b0c2a4e5f3"
                + "&order_by=-timestamp&limit=20"), urls("/v1/events"));
    }

    @Test
    void refusesAnUnknownSignalNameListingTheKnownOnesClosestFirst() {
        QueryApiStandIn.stubSignals(api);
        call("list_events", withConnection("\"signal\":\"user_frustrated\""))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`signal`: no signal is named `user_frustrated`. Known signals, closest first: "
                        + "`user_frustration`, `tool_failure`, `refund_request`."))
                .body("text", containsString("Next step: Call again with one of these names (any case) or an id"));
        api.verify(0, getRequestedFor(urlPathEqualTo("/v1/events")));
    }

    @Test
    void sendsPropertyFiltersAsBracketParameters() {
        call("list_events", withConnection("""
                "properties":{"plan":"plus","latency_ms":{"gte":1000,"lt":2500.5},"beta":true,"tier":{"neq":3}}
                """))
                .body("is_error", equalTo(false));
        assertEquals(List.of("/v1/events?properties%5Bplan%5D=plus&properties%5Blatency_ms%5D%5Bgte%5D=1000"
                + "&properties%5Blatency_ms%5D%5Blt%5D=2500.5&properties%5Bbeta%5D=true&properties%5Btier%5D%5Bneq%5D=3"
                + "&order_by=-timestamp&limit=20"), urls("/v1/events"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a[b]\":\"x\"}                 | the property name `a[b]` has brackets",
            "{\"latency_ms\":{\"between\":1}}   | property `latency_ms` has the unknown operator `between`",
            "{\"latency_ms\":{\"gte\":\"1000\"}} | property `latency_ms`: `gte` compares with a number, not a string",
            "{\"plan\":null}                  | property `plan` must be a string, number, boolean or object of operators, not null",
            "{\"plan\":[\"plus\"]}              | property `plan` must be a string, number, boolean or object of operators, not a list",
            "{\"plan\":{}}                    | property `plan` has an empty object: it names no operator",
            "{\"tab\\tkey\":1}                 | a property name must be 1 to 200 characters without control characters"})
    void refusesAPropertyFilterTheQueryApiWouldMisread(String properties, String message) {
        call("list_events", withConnection("\"properties\":" + properties))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`properties`: " + message))
                .body("text", containsString("Next step: Give each property its value"));
        assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void refusesAPropertyNameOfMoreThan200Characters() {
        call("list_events", withConnection("\"properties\":{\"" + "k".repeat(201) + "\":1}"))
                .body("error.code", equalTo("INVALID_ARGUMENT"));
        call("list_events", withConnection("\"properties\":{\"" + "k".repeat(200) + "\":1}"))
                .body("is_error", equalTo(false));
    }

    private List<String> urls(String path) {
        return api.findAll(getRequestedFor(urlPathEqualTo(path))).stream().map(r -> r.getUrl()).toList();
    }

    @Test
    void refusesAWindowWiderThanFourteenDaysBeforeAnyCall() {
        call("list_events", withConnection("\"timestamp_after\":\"2026-10-01T00:00:00Z\",\"timestamp_before\":\"2026-10-31T00:00:00Z\""))
                .body("error.code", equalTo("DATE_RANGE_LIMIT"))
                .body("text", containsString("spans 30 days; Raindrop allows at most 14 days."))
                .body("text", containsString("`timestamp_after: \"2026-10-17T00:00:00Z\"` and `timestamp_before: \"2026-10-31T00:00:00Z\"`"));
        assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void measuresAnOpenWindowUpToNow() {
        Instant twentyDaysAgo = Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        call("list_events", withConnection("\"timestamp_after\":\"" + twentyDaysAgo + "\""))
                .body("error.code", equalTo("DATE_RANGE_LIMIT"))
                .body("text", containsString("to now spans 20 days"))
                // A whole hour, late enough to stay within 14 days while "now" moves on.
                .body("text", matchesPattern("(?s).*`timestamp_after: \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00Z\"`.*"));
        assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void mapsTheServersDateRangeRefusal() {
        api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"BAD_REQUEST\",\"message\":\"Date range cannot exceed 14 days\"}}")));

        call("list_events", withConnection("\"timestamp_after\":\"" + Instant.now().minus(2, ChronoUnit.DAYS) + "\""))
                .body("error.code", equalTo("DATE_RANGE_LIMIT"))
                .body("text", containsString("Date range cannot exceed 14 days"));
    }

    @Test
    void refusesAnUnreadableTimestamp() {
        call("list_events", withConnection("\"timestamp_after\":\"last tuesday\""))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`timestamp_after` must be an ISO-8601 time"));
    }

    /** A page of {@code count} events, evt_001 first, each as long as the list shows one at most. */
    private static String longEvents(int count) {
        StringBuilder body = new StringBuilder("{\"data\":[");
        for (int i = 1; i <= count; i++) {
            String text = "word ".repeat(200);
            body.append(i == 1 ? "" : ",").append("""
                    {"id":"evt_%03d","event_name":"%s","user_id":"user_4711","timestamp":"2026-11-24T09:19:40Z",\
                    "model":"%s","user_input":"%s","assistant_output":"%s"}""".formatted(i, text, text, text, text));
        }
        return body.append("],\"meta\":{\"cursor\":\"c_after\",\"has_more\":true}}").toString();
    }

    @Test
    void aPageThatDoesNotFitHandsOutACursorThatReadsTheSamePageOnFromTheFirstEventNotShown() {
        api.stubFor(get(urlPathEqualTo("/v1/events")).atPriority(1).willReturn(okJson(longEvents(100))));
        String first = call("list_events", withConnection("\"limit\":100,\"cursor\":\"c_page\""))
                .body("is_error", equalTo(false))
                .body("text", matchesPattern("(?s)Showing \\d+ of 100 events on this page.*"))
                .extract().path("data.next_cursor");
        int shown = Integer.parseInt(first.split(":")[1]);
        assertEquals("skip:" + shown + ":c_page", first);

        call("list_events", withConnection("\"limit\":100,\"cursor\":\"" + first + "\""))
                .body("is_error", equalTo(false))
                .body("text", matchesPattern("(?s)(Showing \\d+ of )?" + (100 - shown) + " events on this page.*"))
                .body("data.events[0].id", equalTo("evt_%03d".formatted(shown + 1)));
        // The same upstream page both times: its cursor and as many events as the first call asked for.
        api.verify(2, getRequestedFor(urlPathEqualTo("/v1/events"))
                .withQueryParam("cursor", WireMock.equalTo("c_page"))
                .withQueryParam("limit", WireMock.equalTo("100")));
    }

    @Test
    void aCursorThatSkipsPartOfTheFirstPageAsksForTheSkippedEventsAndAFullPageMore() {
        call("list_events", withConnection("\"limit\":20,\"cursor\":\"skip:14:\""))
                .body("is_error", equalTo(false));
        api.verify(getRequestedFor(urlPathEqualTo("/v1/events"))
                .withQueryParam("limit", WireMock.equalTo("34"))
                .withoutQueryParam("cursor"));
    }

    @Test
    void refusesACursorSkippingMoreThanAPageHolds() {
        call("list_events", withConnection("\"cursor\":\"skip:100:c\""))
                .body("is_error", equalTo(true))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`cursor` skips 100 items"));
        api.verify(0, getRequestedFor(urlPathEqualTo("/v1/events")));
    }
}
