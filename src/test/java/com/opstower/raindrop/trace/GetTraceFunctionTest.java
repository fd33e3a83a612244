package com.opstower.raindrop.trace;

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
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.opstower.raindrop.testing.QueryApiStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** get_trace in its default mode: the markdown tree. */
@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
class GetTraceFunctionTest {

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
        api.stubFor(get(urlPathEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBodyFile("traces-list.json")));
    }

    @Test
    void rendersTheSpanTreeWithTheDefaultTruncationAndLimit() {
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("`00f067aa0ba902b7`"))
                .body("text", containsString("`53995c3f42cd8ad8`"))
                .body("text", containsString("refund_order"))
                .body("text", containsString("ERROR"))
                .body("data.counts.spans", equalTo(3))
                .body("data.counts.errors", equalTo(1))
                .body("data.error_span_ids", equalTo(List.of("7a1f0c2b9d3e4f50")));

        api.verify(getRequestedFor(urlPathEqualTo("/v1/traces"))
                .withQueryParam("event_id", WireMock.equalTo("evt_abc123"))
                .withQueryParam("limit", WireMock.equalTo("1000"))
                .withQueryParam("trunc_len", WireMock.equalTo("50000"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + com.opstower.raindrop.testing.ToolCalls.KEY)));
    }

    @Test
    void passesTheAgentsTruncationAndLimit() {
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"trunc_len\":100,\"limit\":3"))
                .body("is_error", equalTo(false))
                .body("text", containsString("limit"));

        api.verify(getRequestedFor(urlPathEqualTo("/v1/traces"))
                .withQueryParam("limit", WireMock.equalTo("3"))
                .withQueryParam("trunc_len", WireMock.equalTo("100")));
    }

    /** The trace cap, raindrop.trace-files.max-bytes, at its default. */
    private static final int CAP = 26_214_400;

    /** A body one byte past the cap; announced, so that the client refuses it unread. */
    private static byte[] pastTheCap() {
        byte[] body = new byte[CAP + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[CAP] = '}';
        return body;
    }

    private void pastTheCapAt(String truncLen) {
        api.stubFor(get(urlPathEqualTo("/v1/traces")).withQueryParam("trunc_len", WireMock.equalTo(truncLen))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(pastTheCap())));
    }

    /**
     * The {@code trunc_len} of each request for the event, newest first. By event, because WireMock logs a request
     * once its answer is sent, and a body the client refused may still be on its way when the next test starts.
     */
    private List<String> truncLensAskedFor(String eventId) {
        return api.getAllServeEvents().stream()
                .filter(event -> eventId.equals(event.getRequest().queryParameter("event_id").firstValue()))
                .map(event -> event.getRequest().queryParameter("trunc_len").firstValue()).toList();
    }

    /** Asserts the requests for the event, waiting up to 10 s for them to be logged. */
    private void assertAskedFor(String eventId, List<String> truncLens, String message) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!truncLensAskedFor(eventId).equals(truncLens) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(truncLens, truncLensAskedFor(eventId), message);
    }

    @Test
    void readsATracePastTheCapAtTheDefaultAgainAtTheSmallTruncLenAndSaysSo() throws InterruptedException {
        pastTheCapAt("50000");

        call("get_trace", withConnection("\"event_id\":\"evt_past_cap\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("**Payloads read at `trunc_len` 4,000**: at 50,000 this trace passes 25.0 MB, "
                        + "the most of a trace that is read, so it was read again at 4,000, and a payload longer than that "
                        + "holds only its first 4,000 characters; get_span, which reads at 100,000, cannot read this trace. "
                        + "In further calls on it give `trunc_len`: 4000 skips the read that fails"))
                .body("text", not(containsString("get_span reads")))
                .body("data.trunc_len", equalTo(4000))
                .body("data.past_cap_at_trunc_len", equalTo(50000))
                .body("data.counts.spans", equalTo(3));
        assertAskedFor("evt_past_cap", List.of("4000", "50000"), "the default, then the small trunc_len");

        call("get_trace", withConnection("\"event_id\":\"evt_past_cap_searched\",\"search\":\"refund\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("**Payloads read at `trunc_len` 4,000**"))
                .body("data.focus.matched_spans", equalTo(1));
        assertAskedFor("evt_past_cap_searched", List.of("4000", "50000"), "a search without trunc_len is read again too");
    }

    @Test
    void answersTraceTooLargeForATruncLenOfTheAgentsOrInFileModeOrWhenTheSmallReadPassesTheCapToo() throws InterruptedException {
        pastTheCapAt("50000");
        call("get_trace", withConnection("\"event_id\":\"evt_explicit\",\"trunc_len\":50000"))
                .body("error.code", equalTo("TRACE_TOO_LARGE"))
                .body("text", containsString("larger than 25.0 MB (26214400 bytes) with trunc_len 50000 and limit 1000"));
        call("get_trace", withConnection("\"event_id\":\"evt_as_file\",\"getAsFile\":true"))
                .body("error.code", equalTo("TRACE_TOO_LARGE"));

        pastTheCapAt("4000");
        call("get_trace", withConnection("\"event_id\":\"evt_past_cap_twice\""))
                .body("error.code", equalTo("TRACE_TOO_LARGE"))
                .body("text", containsString("with trunc_len 4000 and limit 1000"))
                .body("text", containsString("a smaller `trunc_len`, such as 800, or a smaller `limit`, such as 500"));

        assertAskedFor("evt_explicit", List.of("50000"), "an explicit trunc_len is read once");
        assertAskedFor("evt_as_file", List.of("50000"), "file mode stores the trace as asked or not at all");
        assertAskedFor("evt_past_cap_twice", List.of("4000", "50000"), "the default, then the small trunc_len");
    }

    @Test
    void explainsAnEventWithoutSpans() {
        api.stubFor(get(anyUrl()).willReturn(okJson("{\"data\":[]}")));
        call("get_trace", withConnection("\"event_id\":\"evt_old\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("OpenTelemetry"))
                .body("text", containsString("Raindrop UI"));
    }

    @Test
    void refusesTruncationOutOfRangeBeforeAnyCall() {
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"trunc_len\":0"))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`trunc_len` must be an integer from 1 to 100000; got number 0."));
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"limit\":1001"))
                .body("error.code", equalTo("INVALID_ARGUMENT"));
        assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void focusesOnTheSpansAskedForAndSearchesWholePayloads() {
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"status\":\"error\",\"search\":\"/refund/\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("**1 of 3 spans match** `status=error, search=/refund/`"))
                .body("text", containsString(" · context"))
                .body("data.focus.matched_spans", equalTo(1));

        api.verify(getRequestedFor(urlPathEqualTo("/v1/traces")).withQueryParam("trunc_len", WireMock.equalTo("50000")));
    }

    @Test
    void takesOneSpanTypeOrAList() {
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"span_type\":\"tool_call\""))
                .body("text", containsString("**1 of 3 spans match** `span_type=tool_call`"));
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"span_type\":[\"TOOL_CALL\",\"LLM_GENERATION\"]"))
                .body("text", containsString("**2 of 3 spans match** `span_type=TOOL_CALL|LLM_GENERATION`"));
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"span_type\":[]"))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`span_type` must be a non-empty string of at most 4096 characters without "
                        + "control characters, or a list of 1 to 20 such strings; got"));
    }

    @Test
    void refusesFocusInFileModeAndAnUnknownSpan() {
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"getAsFile\":true,\"status\":\"ERROR\""))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`getAsFile: true`"));
        assertEquals(0, api.getAllServeEvents().size());
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"span_id\":\"a/b\""))
                .body("error.code", equalTo("NOT_FOUND"))
                .body("text", containsString("`a/b`"));
    }

    @Test
    void reportsAMalformedTraceBody() {
        api.stubFor(get(anyUrl()).willReturn(okJson("{\"data\":{\"not\":\"a list\"}}")));
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\""))
                .body("error.code", equalTo("UPSTREAM_BAD_RESPONSE"));
    }

    @Test
    void accountsForTheWallTimeInTheTimeViewReadingPayloadsOnlyAFewCharactersDeep() {
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"view\":\"time\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("## Where the time went · event `evt_abc123`"))
                .body("text", containsString("❌ `refund_order` · TOOL_CALL · 1.20 s (49%)"))
                .body("data.view", equalTo("time"))
                .body("data.wall_time_ns", equalTo(2_450_000_000L))
                .body("data.slowest_tool_span_ids", equalTo(java.util.List.of("7a1f0c2b9d3e4f50")));
        api.verify(getRequestedFor(urlPathEqualTo("/v1/traces")).withQueryParam("trunc_len", WireMock.equalTo("100")));
    }

    @Test
    void focusesTheTimeViewOnOneSpansSubtree() {
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"view\":\"time\",\"span_id\":\"7a1f0c2b9d3e4f50\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("## Where the time went · span `7a1f0c2b9d3e4f50` (`refund_order`) of event `evt_abc123`"))
                .body("data.wall_time_ns", equalTo(1_203_000_000));
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"view\":\"time\",\"getAsFile\":true"))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("it has no `view: \"time\"`"));
        call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"view\":\"flame\""))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`view` must be one of `tree`, `time` (default `tree`)"));
    }
}
