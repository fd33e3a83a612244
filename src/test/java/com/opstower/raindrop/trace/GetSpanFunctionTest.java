package com.opstower.raindrop.trace;

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
import com.github.tomakehurst.wiremock.client.WireMock;
import com.opstower.raindrop.testing.QueryApiStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** get_span over HTTP: one span of the trace, read at the largest trunc_len. */
@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
class GetSpanFunctionTest {

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
        api.stubFor(get(urlPathEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBodyFile("traces-list.json")));
    }

    @Test
    void showsOneSpanReadAtTheLargestTruncation() {
        call("get_span", withConnection("\"event_id\":\"evt_abc123\",\"span_id\":\"7a1f0c2b9d3e4f50\",\"field\":\"attributes\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("`refund_order` · TOOL_CALL · **ERROR**"))
                .body("text", containsString("ai.toolCall.name"))
                .body("data.span_id", equalTo("7a1f0c2b9d3e4f50"))
                .body("data.fields[0].field", equalTo("attributes"));

        api.verify(getRequestedFor(urlPathEqualTo("/v1/traces"))
                .withQueryParam("event_id", WireMock.equalTo("evt_abc123"))
                .withQueryParam("limit", WireMock.equalTo("1000"))
                .withQueryParam("trunc_len", WireMock.equalTo("100000")));
    }

    @Test
    void outlinesAChatInputLongerThanTheWindowUnlessAnOffsetIsGiven() {
        String span = "\"event_id\":\"evt_abc123\",\"span_id\":\"53995c3f42cd8ad8\",\"field\":\"input\",\"max_chars\":100";
        call("get_span", withConnection(span))
                .body("is_error", equalTo(false))
                .body("text", containsString("### input · 2 chat messages in 128 characters"))
                .body("text", containsString("- `/0/content` system · 28 chars · `You are a billing assistant.`"))
                .body("data.fields[0].outlined", equalTo(true));
        call("get_span", withConnection(span + ",\"offset\":0"))
                .body("text", containsString("### input · characters 0–100 of 128"))
                .body("data.fields[0].offset", equalTo(0));
    }

    @Test
    void answersAnUnknownSpanWithTheNextStep() {
        call("get_span", withConnection("\"event_id\":\"evt_abc123\",\"span_id\":\"a/b/../c\""))
                .body("error.code", equalTo("NOT_FOUND"))
                .body("text", containsString("`a/b/../c`"))
                .body("text", containsString("get_trace"));
    }

    @Test
    void refusesBadWindowsAndPointersBeforeAnyCall() {
        call("get_span", withConnection("\"event_id\":\"evt_abc123\",\"span_id\":\"x\",\"offset\":-1"))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`offset`"));
        call("get_span", withConnection("\"event_id\":\"evt_abc123\",\"span_id\":\"x\",\"max_chars\":40001"))
                .body("error.code", equalTo("INVALID_ARGUMENT"));
        call("get_span", withConnection("\"event_id\":\"evt_abc123\",\"span_id\":\"x\",\"pointer\":\"/a\""))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("needs `field`"));
        assertEquals(0, api.getAllServeEvents().size());
    }
}
