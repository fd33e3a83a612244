package com.opstower.raindrop.queryapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opstower.raindrop.testing.QueryApiStandIn;
import com.opstower.raindrop.testing.TraceStorageStandIn;
import com.opstower.raindrop.tool.QueryApiFailures;
import com.opstower.raindrop.tool.ToolFailure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call made within an invocation that has a deadline (a Lambda invocation's) ends before it, less the reserve
 * ({@code raindrop.retry.deadline-reserve}, 500 ms by default), whatever the call's own budget (3 s here): retries and
 * waits on a 429 included.
 */
@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
@QuarkusTestResource(TraceStorageStandIn.class)
class InvocationDeadlineTest {

    static final String PATH = "/v1/events/evt_deadline";
    static final long RESERVE_MS = 500;
    /** Room for the round trips on a loaded two-core machine. */
    static final long SLACK_MS = 400;

    @Inject
    RaindropClient raindrop;

    WireMockServer api = QueryApiStandIn.server();
    Credentials connection = new Credentials("int_1", QueryApiStandIn.FALLBACK_KEY, null);

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    @Test
    void aRateLimitWhoseWaitWouldPassTheDeadlineAnswersAtOnce() {
        // Without the deadline the 3 s budget holds three attempts a second apart; with 1.5 s left, the first wait
        // (1 s) no longer fits the 1 s the reserve leaves.
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        Instant deadline = Instant.now().plusMillis(1500);
        long started = System.nanoTime();
        QueryApiFailure failure = callUntil(deadline);
        long took = (System.nanoTime() - started) / 1_000_000;

        assertEquals(QueryApiFailure.Kind.RATE_LIMITED, failure.kind());
        assertEquals(1, api.countRequestsMatching(getRequestedFor(urlPathEqualTo(PATH)).build()).getCount());
        assertTrue(failure.stoppedByBudget() && failure.budgetCutByDeadline(), failure.getMessage());
        assertTrue(took < 1500 - RESERVE_MS, "took " + took + " ms");
        ToolFailure worded = QueryApiFailures.toToolFailure(failure);
        assertTrue(worded.getMessage().contains("what this invocation had left before its deadline"), worded.getMessage());
    }

    @Test
    void anAttemptInFlightEndsAtTheDeadlineLessTheReserve() {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(QueryApiStandIn.okFile("event-get.json").withFixedDelay(2500)));
        Instant deadline = Instant.now().plusMillis(1500);
        long started = System.nanoTime();
        QueryApiFailure failure = callUntil(deadline);
        long took = (System.nanoTime() - started) / 1_000_000;

        assertEquals(QueryApiFailure.Reason.OUT_OF_TIME, failure.reason());
        assertTrue(failure.budgetCutByDeadline(), failure.getMessage());
        assertTrue(failure.budget().toMillis() <= 1500 - RESERVE_MS, "budget " + failure.budget());
        assertTrue(took >= 1500 - RESERVE_MS - 100 && took <= 1500 - RESERVE_MS + SLACK_MS, "took " + took + " ms");
    }

    @Test
    void aCallOnAnotherThreadKeepsTheDeadlineItWasCarriedWith() throws Exception {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        Instant deadline = Instant.now().plusMillis(1500);
        AtomicReference<Supplier<QueryApiFailure>> carried = new AtomicReference<>();
        InvocationDeadline.runUntil(deadline, () -> carried.set(InvocationDeadline.carried(() -> assertThrows(
                QueryApiFailure.class, () -> raindrop.getEvent(connection, "evt_deadline")))));
        QueryApiFailure failure = CompletableFuture.supplyAsync(carried.get()).get();

        assertTrue(failure.budgetCutByDeadline(), failure.getMessage());
        assertEquals(1, api.countRequestsMatching(getRequestedFor(urlPathEqualTo(PATH)).build()).getCount());
    }

    @Test
    void aDeadlineWithinTheReserveMakesNoRequest() {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(QueryApiStandIn.okFile("event-get.json")));
        QueryApiFailure failure = callUntil(Instant.now().plusMillis(RESERVE_MS / 2));

        assertEquals(QueryApiFailure.Reason.OUT_OF_TIME, failure.reason());
        assertEquals(Duration.ZERO, failure.budget());
        assertEquals(0, api.countRequestsMatching(getRequestedFor(urlPathEqualTo(PATH)).build()).getCount());
    }

    @Test
    void aFarDeadlineLeavesTheBudgetAsConfigured() {
        api.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        QueryApiFailure failure = callUntil(Instant.now().plusSeconds(60));

        assertFalse(failure.budgetCutByDeadline());
        assertEquals(Duration.ofSeconds(3), failure.budget());
        assertEquals(4, failure.attempts());
    }

    private QueryApiFailure callUntil(Instant deadline) {
        return assertThrows(QueryApiFailure.class,
                () -> InvocationDeadline.runUntil(deadline, () -> raindrop.getEvent(connection, "evt_deadline")));
    }
}
