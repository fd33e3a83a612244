package com.opstower.raindrop.raindrop;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.opstower.raindrop.testing.ToolCalls.call;
import static com.opstower.raindrop.testing.ToolCalls.withConnection;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.opstower.raindrop.testing.QueryApiStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retries, budgets and the mapping of every upstream failure, through a real tool call. */
@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
class UpstreamFailuresTest {

    private static final String EMPTY_PAGE = "{\"data\":[],\"meta\":{\"cursor\":null,\"has_more\":false}}";

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    /** Answers {@code failures} times with the given response, then an empty page. */
    private void failThenSucceed(int failures, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
        String state = Scenario.STARTED;
        for (int i = 1; i <= failures; i++) {
            api.stubFor(get(anyUrl()).inScenario("flaky").whenScenarioStateIs(state)
                    .willReturn(failure).willSetStateTo("failed " + i));
            state = "failed " + i;
        }
        api.stubFor(get(anyUrl()).inScenario("flaky").whenScenarioStateIs(state).willReturn(okJson(EMPTY_PAGE)));
    }

    private long timed(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Test
    void honoursRetryAfterInSecondsThenSucceeds() {
        failThenSucceed(1, aResponse().withStatus(429).withHeader("Retry-After", "1"));
        long ms = timed(() -> call("list_conversations", withConnection("")).body("is_error", equalTo(false)));
        api.verify(2, getRequestedFor(anyUrl()));
        assertTrue(ms >= 1000, "waited the server's Retry-After, took " + ms + " ms");
    }

    @Test
    void honoursRetryAfterAsAnHttpDate() {
        String inOneSecond = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        failThenSucceed(1, aResponse().withStatus(429).withHeader("Retry-After", inOneSecond));
        long ms = timed(() -> call("list_conversations", withConnection("")).body("is_error", equalTo(false)));
        api.verify(2, getRequestedFor(anyUrl()));
        assertTrue(ms >= 500, "waited until the server's date, took " + ms + " ms");
    }

    @Test
    void honoursRetryAfterMs() {
        failThenSucceed(2, aResponse().withStatus(429).withHeader("retry-after-ms", "150"));
        call("list_events", withConnection("")).body("is_error", equalTo(false));
        api.verify(3, getRequestedFor(anyUrl()));
    }

    @Test
    void backsOffWithoutRetryAfterThenSucceeds() {
        failThenSucceed(3, aResponse().withStatus(429));
        call("list_conversations", withConnection("")).body("is_error", equalTo(false));
        api.verify(4, getRequestedFor(anyUrl()));
    }

    @Test
    void givesUpOnEndless429sWithinTheAttemptBound() {
        api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
        long ms = timed(() -> call("list_conversations", withConnection(""))
                .body("error.code", equalTo("RATE_LIMITED"))
                .body("error.retryable", equalTo(true))
                .body("error.retry_after_seconds", equalTo(1))
                .body("text", containsString("Tried 4 times."))
                .body("text", containsString("Next step: Wait")));
        api.verify(4, getRequestedFor(anyUrl()));
        assertTrue(ms < 3000, "stayed within the 3 s test budget, took " + ms + " ms");
    }

    @Test
    void doesNotSleepARetryAfterLongerThanTheBudget() {
        api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        long ms = timed(() -> call("list_conversations", withConnection(""))
                .body("error.code", equalTo("RATE_LIMITED"))
                .body("error.retry_after_seconds", equalTo(120))
                .body("text", containsString("the next wait would pass this call's time budget")));
        api.verify(1, getRequestedFor(anyUrl()));
        assertTrue(ms < 1000, "answered at once, took " + ms + " ms");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void retriesServerErrorsThenReportsTheOutage(int status) {
        api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(status)));
        call("get_event", withConnection("\"event_id\":\"evt_1\""))
                .body("error.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("error.retryable", equalTo(true))
                .body("error.retry_after_seconds", nullValue())
                .body("text", containsString("answered HTTP " + status));
        api.verify(4, getRequestedFor(anyUrl()));
    }

    @Test
    void recoversFromAServerErrorSequence() {
        failThenSucceed(2, aResponse().withStatus(503));
        call("list_conversations", withConnection("")).body("is_error", equalTo(false));
        api.verify(3, getRequestedFor(anyUrl()));
    }

    @Test
    void retriesAResetConnection() {
        failThenSucceed(1, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        call("list_conversations", withConnection("")).body("is_error", equalTo(false));
        api.verify(2, getRequestedFor(anyUrl()));
    }

    @Test
    void reportsAnUpstreamThatNeverAnswersInTime() {
        api.stubFor(get(anyUrl()).willReturn(okJson(EMPTY_PAGE).withFixedDelay(2500)));
        long ms = timed(() -> call("list_conversations", withConnection(""))
                .body("error.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("text", containsString("could not be reached or did not answer in time")));
        assertTrue(ms < 5000, "bounded by the read timeout and the budget, took " + ms + " ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"data\": [", "<html><body>Bad gateway</body></html>", "", "[1,2,3]", "{\"data\":{\"id\":1}}"})
    void reportsABodyThatIsNotTheContract(String body) {
        api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
        call("list_conversations", withConnection(""))
                .body("error.code", equalTo("UPSTREAM_BAD_RESPONSE"))
                .body("text", containsString("not the JSON its contract describes"));
    }

    @Test
    void toleratesUnknownFieldsAndEnumValues() {
        api.stubFor(get(anyUrl()).willReturn(okJson("""
                {"data":{"id":"evt_9","event_name":"chat","timestamp":"2026-11-24T09:19:40Z","brand_new_field":{"x":1},
                 "tool_calls":[{"tool_name":"search","status":"CANCELLED_BY_POLICY","duration_ms":12,"novel":true}],
                 "signals":[{"id":"s1","name":"mood","score":0.5,"kind":"NEW_KIND"}]},"meta":{"trace":"t"}}
                """)));
        call("get_event", withConnection("\"event_id\":\"evt_9\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("- search · CANCELLED_BY_POLICY · 12 ms"));
    }
}
