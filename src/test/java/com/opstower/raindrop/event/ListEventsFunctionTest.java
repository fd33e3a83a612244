package com.opstower.raindrop.event;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
                "signal_group":"quality","timestamp_after":"2026-11-20T00:00:00Z","timestamp_before":"2026-11-25T00:00:00Z"
                """))
                .body("is_error", equalTo(false));

        api.verify(getRequestedFor(urlPathEqualTo("/v1/events"))
                .withQueryParam("user_id", WireMock.equalTo("user_4711"))
                .withQueryParam("event_name", WireMock.equalTo("support_chat"))
                .withQueryParam("signal", WireMock.equalTo("3d6f7a52-9a0e-4a8e-9a37-1f2b8c0d4e11"))
                .withQueryParam("signal_group", WireMock.equalTo("quality"))
                .withQueryParam("timestamp[gte]", WireMock.equalTo("2026-11-20T00:00:00Z"))
                .withQueryParam("timestamp[lt]", WireMock.equalTo("2026-11-25T00:00:00Z"))
                .withQueryParam("order_by", WireMock.equalTo("-timestamp"))
                .withQueryParam("limit", WireMock.equalTo("20"))
                .withoutQueryParam("convo_id"));
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
}
