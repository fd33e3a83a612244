package com.opstower.raindrop.event;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.opstower.raindrop.testing.ToolCalls.call;
import static com.opstower.raindrop.testing.ToolCalls.withConnection;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opstower.raindrop.testing.QueryApiStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
class GetEventFunctionTest {

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    @Test
    void showsTheWholeTurn() {
        api.stubFor(get(urlPathEqualTo("/v1/events/evt_abc123")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBodyFile("event-get.json")));

        call("get_event", withConnection("\"event_id\":\"evt_abc123\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("### User input\n\n```text\nWhy was I charged twice for order 1042?\n```"))
                .body("text", containsString("- refund_order · **ERROR** · 1.20 s"))
                .body("text", containsString("\"order_id\" : 1042"))
                .body("text", containsString("get_trace with `event_id: \"evt_abc123\"`"))
                .body("data.event.tool_calls[0].span_id", equalTo("7a1f0c2b9d3e4f50"))
                .body("data.event.properties.plan", equalTo("pro"));
    }

    @Test
    void reportsAnUnknownEvent() {
        api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBodyFile("error-404-event.json")));

        call("get_event", withConnection("\"event_id\":\"evt_nope\""))
                .body("error.code", equalTo("NOT_FOUND"))
                .body("text", containsString("Raindrop has no event with id `evt_nope` (HTTP 404: Event not found)."));
    }
}
