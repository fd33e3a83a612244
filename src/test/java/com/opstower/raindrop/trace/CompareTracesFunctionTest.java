package com.opstower.raindrop.trace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.opstower.raindrop.testing.ToolCalls.call;
import static com.opstower.raindrop.testing.ToolCalls.withConnection;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.opstower.raindrop.testing.QueryApiStandIn;
import com.opstower.raindrop.testing.ToolCalls;
import com.opstower.raindrop.trace.TraceFixtures.Span;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** compare_traces over HTTP: two traces fetched from the stand-in and compared. */
@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
class CompareTracesFunctionTest {

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    private void upstreamSends(String eventId, byte[] body) {
        api.stubFor(get(urlPathEqualTo("/v1/traces")).withQueryParam("event_id", WireMock.equalTo(eventId))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** The contract's example trace, and the same with its refund succeeding on a slower model. */
    private void stubTwoRuns() {
        List<Span> baseline = new ArrayList<>();
        List<Span> run = new ArrayList<>();
        for (Span span : TraceFixtures.supportAgentRun(2)) {
            baseline.add(span);
            run.add(span.spanName().equals("get_order") ? new Span(span.traceId(), span.spanId(), span.parentSpanId(),
                    span.spanName(), span.spanType(), "ERROR", span.startTimeNs(), span.endTimeNs(), span.durationNs(),
                    span.input(), "404 order not found", null, null, null, null, Map.of()) : span);
        }
        upstreamSends("evt_base", TraceFixtures.body(baseline).toArray());
        upstreamSends("evt_run", TraceFixtures.body(run).toArray());
        eventIs("evt_base", "control");
        eventIs("evt_run", "variant-b");
    }

    /** The event's record: the same feature and user on one arm of an experiment. */
    private void eventIs(String eventId, String arm) {
        api.stubFor(get(urlPathEqualTo("/v1/events/" + eventId)).willReturn(okJson("{\"data\":{\"id\":\"" + eventId
                + "\",\"event_name\":\"support_chat\",\"user_id\":\"user_4711\",\"model\":\"gpt-5\","
                + "\"feature_flags\":{\"checkout_agent\":\"" + arm + "\"},\"properties\":{\"plan\":\"pro\"}}}")));
    }

    @Test
    void fetchesBothTracesWithWholePayloadsAndSaysWhatDiffers() {
        stubTwoRuns();
        call("compare_traces", withConnection("\"event_id\":\"evt_run\",\"baseline_event_id\":\"evt_base\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("## Compare traces · run `evt_run` against baseline `evt_base`"))
                .body("text", containsString("`get_order` · TOOL_CALL · OK → **ERROR**"))
                .body("text", containsString("  - run: `«404 order not found»`"))
                .body("data.identical", equalTo(false))
                .body("data.differences.status", equalTo(1))
                .body("data.differing_pairs", hasSize(1))
                .body("data.differing_pairs[0].kinds", equalTo(List.of("status", "output")))
                .body("text", containsString("**The events' records**: name `support_chat` in both · user `user_4711` in "
                        + "both · 1 difference among model, feature flags and properties:\n- feature flag `checkout_agent` "
                        + "`control` → `variant-b`\n"))
                .body("data.event_records.compared", equalTo(true))
                .body("data.event_records.differences.feature_flags", equalTo(1));
        for (String event : List.of("evt_run", "evt_base")) {
            api.verify(1, getRequestedFor(urlPathEqualTo("/v1/events/" + event))
                    .withHeader("Authorization", WireMock.equalTo("Bearer " + ToolCalls.KEY)));
            api.verify(getRequestedFor(urlPathEqualTo("/v1/traces"))
                    .withQueryParam("event_id", WireMock.equalTo(event))
                    .withQueryParam("limit", WireMock.equalTo("1000"))
                    .withQueryParam("trunc_len", WireMock.equalTo("50000"))
                    .withHeader("Authorization", WireMock.equalTo("Bearer " + ToolCalls.KEY)));
        }
    }

    @Test
    void comparesTheTracesWhenAnEventRecordCannotBeReadAndSaysSo() {
        stubTwoRuns();
        api.stubFor(get(urlPathEqualTo("/v1/events/evt_run")).willReturn(aResponse().withStatus(503)));
        api.stubFor(get(urlPathEqualTo("/v1/events/evt_base")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"Event not found\"}}")));
        call("compare_traces", withConnection("\"event_id\":\"evt_run\",\"baseline_event_id\":\"evt_base\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("**The events' records** (model, feature flags, properties) are not compared: "
                        + "The run's event `evt_run` could not be read (UPSTREAM_UNAVAILABLE): "))
                .body("text", containsString(" The baseline's event `evt_base` could not be read (NOT_FOUND): "))
                .body("text", containsString("The traces are compared below."))
                .body("text", containsString("`get_order` · TOOL_CALL · OK → **ERROR**"))
                .body("data.event_records.compared", equalTo(false))
                .body("data.event_records.unread", equalTo(List.of("run", "baseline")))
                .body("data.differences.status", equalTo(1));
        api.verify(4, getRequestedFor(urlPathEqualTo("/v1/events/evt_run")));
    }

    @Test
    void comparesOnlyTheFocusedSpans() {
        stubTwoRuns();
        call("compare_traces", withConnection("\"event_id\":\"evt_run\",\"baseline_event_id\":\"evt_base\","
                + "\"span_type\":\"LLM_GENERATION_STREAM\",\"trunc_len\":900"))
                .body("is_error", equalTo(false))
                .body("data.identical", equalTo(true))
                .body("text", containsString("Compared: the spans matching `span_type=LLM_GENERATION_STREAM`"));
        api.verify(2, getRequestedFor(urlPathEqualTo("/v1/traces")).withQueryParam("trunc_len", WireMock.equalTo("900")));
    }

    @Test
    void refusesTheSameEventTwiceBeforeAnyCall() {
        call("compare_traces", withConnection("\"event_id\":\"evt_run\",\"baseline_event_id\":\"evt_run\""))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`event_id` and `baseline_event_id` are both `evt_run`"))
                .body("text", containsString("Next step: Call compare_traces with another run as `baseline_event_id`"));
        call("compare_traces", withConnection("\"event_id\":\"evt_run\""))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`baseline_event_id` is required."));
        assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void saysWhichSideIsUnknown() {
        stubTwoRuns();
        api.stubFor(get(urlPathEqualTo("/v1/traces")).withQueryParam("event_id", WireMock.equalTo("evt_gone"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Event not found\"}}")));
        call("compare_traces", withConnection("\"event_id\":\"evt_run\",\"baseline_event_id\":\"evt_gone\""))
                .body("error.code", equalTo("NOT_FOUND"))
                .body("text", containsString("The baseline `evt_gone` (`baseline_event_id`): Raindrop has no trace"));
        upstreamSends("evt_empty", "{\"data\":[]}".getBytes(StandardCharsets.UTF_8));
        call("compare_traces", withConnection("\"event_id\":\"evt_empty\",\"baseline_event_id\":\"evt_base\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("Nothing to compare: Raindrop returned no spans for the run `evt_empty`"));
    }

    @Test
    void refusesATraceOverTheCapAndSaysWhichOne() {
        stubTwoRuns();
        StringBuilder huge = new StringBuilder("{\"data\":[{\"span_id\":\"a\",\"input\":\"");
        byte[] body = huge.append("x".repeat(26_214_400)).append("\"}]}").toString().getBytes(StandardCharsets.UTF_8);
        // Announced, so that it is refused unread: a read up to the cap is GetTraceFileTest's, and its time on a busy
        // machine is not what this test is about.
        api.stubFor(get(urlPathEqualTo("/v1/traces")).withQueryParam("event_id", WireMock.equalTo("evt_huge"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("Content-Length", Integer.toString(body.length)).withBody(body)));
        call("compare_traces", withConnection("\"event_id\":\"evt_run\",\"baseline_event_id\":\"evt_huge\""))
                .body("error.code", equalTo("TRACE_TOO_LARGE"))
                .body("text", containsString("The baseline `evt_huge` (`baseline_event_id`): The trace of event `evt_huge` is "
                        + "larger than 25.0 MB"))
                .body("text", containsString("Next step: Call compare_traces again with a smaller `trunc_len`, such as 10000."));
    }

    @Test
    void reportsAMalformedBodyOnEitherSide() {
        stubTwoRuns();
        api.stubFor(get(urlPathEqualTo("/v1/traces")).withQueryParam("event_id", WireMock.equalTo("evt_bad"))
                .willReturn(okJson("{\"data\":{\"not\":\"a list\"}}")));
        call("compare_traces", withConnection("\"event_id\":\"evt_bad\",\"baseline_event_id\":\"evt_base\""))
                .body("error.code", equalTo("UPSTREAM_BAD_RESPONSE"))
                .body("text", containsString("The run `evt_bad` (`event_id`): Raindrop's trace body is not the JSON"));
    }
}
