package com.opstower.raindrop.queryapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.opstower.raindrop.testing.EveryTool;
import com.opstower.raindrop.testing.OpenConnections;
import com.opstower.raindrop.testing.QueryApiStandIn;
import com.opstower.raindrop.testing.ToolCalls;
import com.opstower.raindrop.testing.ToolCalls.Answer;
import com.opstower.raindrop.testing.TraceStorageStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Bounded load on the two-core build machine: rounds of 64 calls at once, every tool in the mix (file mode included),
 * an eighth of them meeting a scripted burst of 429s they recover from and an eighth an endless one they report.
 * No call fails beyond the scripted ones; once a round's answers are in, no worker is left running the application's
 * code; and after the first rounds have warmed every pool, further rounds leave no more threads beside the bounded
 * worker pool, no more open connections (to the Query API stand-in, the trace store and the application itself) and
 * no more heap than those did.
 */
@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
@QuarkusTestResource(TraceStorageStandIn.class)
class LoadTest {

    static final int CALLS = 64;
    static final int ROUNDS = 4;
    /** The REST client's connection pool per host (quarkus.rest-client.connection-pool-size). */
    static final int CLIENT_POOL = 50;
    static final int THREAD_MARGIN = 8;
    static final long HEAP_MARGIN_BYTES = 32L * 1024 * 1024;

    WireMockServer api = QueryApiStandIn.server();

    @Inject
    S3Client s3;

    /** What one slot of a round does: a plain call, a burst of 429s then success, or 429s for ever. */
    enum Kind {
        PLAIN, BURST, ENDLESS_429
    }

    static Kind kind(int slot) {
        int variant = slot * 8 / CALLS;
        return variant == 6 ? Kind.BURST : variant == 7 ? Kind.ENDLESS_429 : Kind.PLAIN;
    }

    private void stubUpstream() {
        api.resetAll();
        EveryTool.stubConfiguredConnection(api);
        api.stubFor(get(urlPathEqualTo("/v1/conversations")).atPriority(20).willReturn(EveryTool.LIST_CONVERSATIONS.success()));
        api.stubFor(get(urlPathMatching("/v1/conversations/.+")).atPriority(20).willReturn(EveryTool.GET_CONVERSATION.success()));
        api.stubFor(get(urlPathEqualTo("/v1/events")).atPriority(20).willReturn(EveryTool.LIST_EVENTS.success()));
        api.stubFor(get(urlPathMatching("/v1/events/.+")).atPriority(20).willReturn(EveryTool.GET_EVENT.success()));
        api.stubFor(get(urlPathEqualTo("/v1/traces")).atPriority(20).willReturn(EveryTool.GET_TRACE.success()));
        // Under /v1/events/ too, so after its catch-all, which they override.
        for (EveryTool tool : List.of(EveryTool.LIST_SIGNALS, EveryTool.SEARCH_EVENTS, EveryTool.COUNT_EVENTS, EveryTool.GET_USER)) {
            api.stubFor(get(urlPathEqualTo(tool.upstreamPath)).atPriority(20).willReturn(tool.success()));
        }
    }

    private void script(String key, Kind kind) {
        String bearer = "Bearer " + key;
        if (kind == Kind.ENDLESS_429) {
            api.stubFor(get(anyUrl()).withHeader("Authorization", equalTo(bearer))
                    .willReturn(aResponse().withStatus(429).withHeader("retry-after-ms", "40")));
        } else if (kind == Kind.BURST) {
            String scenario = "burst " + key;
            api.stubFor(get(anyUrl()).withHeader("Authorization", equalTo(bearer)).inScenario(scenario)
                    .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
            api.stubFor(get(anyUrl()).withHeader("Authorization", equalTo(bearer)).inScenario(scenario)
                    .whenScenarioStateIs("second").willSetStateTo("over")
                    .willReturn(aResponse().withStatus(429).withHeader("retry-after-ms", "30")));
        }
    }

    /** One round: every call released at once; each answer checked against its slot's script. */
    private void round(int round, ExecutorService callers) throws Exception {
        stubUpstream();
        List<String> keys = new ArrayList<>();
        for (int slot = 0; slot < CALLS; slot++) {
            String key = ToolCalls.KEY + "_r" + round + "_s" + slot;
            keys.add(key);
            script(key, kind(slot));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        for (int slot = 0; slot < CALLS; slot++) {
            EveryTool tool = EveryTool.values()[slot % EveryTool.values().length];
            String body = tool.body(keys.get(slot));
            answers.add(callers.submit(() -> {
                start.await();
                return ToolCalls.post(tool.tool, body);
            }));
        }
        long started = System.nanoTime();
        start.countDown();
        List<String> failures = new ArrayList<>();
        for (int slot = 0; slot < CALLS; slot++) {
            EveryTool tool = EveryTool.values()[slot % EveryTool.values().length];
            Answer answer = answers.get(slot).get(60, TimeUnit.SECONDS);
            String what = "round " + round + " slot " + slot + " " + tool + " (" + kind(slot) + ")";
            try {
                answer.assertEnvelope();
            } catch (AssertionError e) {
                failures.add(what + ": " + e.getMessage());
                continue;
            }
            String expected = kind(slot) == Kind.ENDLESS_429 ? "RATE_LIMITED" : null;
            if (expected == null ? answer.isError() : !expected.equals(answer.code())) {
                failures.add(what + ": " + answer.text());
            }
            int requests = api.countRequestsMatching(getRequestedFor(anyUrl())
                    .withHeader("Authorization", equalTo("Bearer " + keys.get(slot))).build()).getCount();
            // A tool reading several events makes a request each; the burst's 429s go to whichever asks first.
            int reads = tool.requestsPerCall();
            int expectedRequests = switch (kind(slot)) {
                case PLAIN -> reads;
                case BURST -> burstServed(keys.get(slot)) + reads;
                case ENDLESS_429 -> 4 * reads;
            };
            if (requests != expectedRequests) {
                failures.add(what + ": " + requests + " upstream requests, expected " + expectedRequests);
            }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (!failures.isEmpty()) {
            fail(failures.size() + " calls failed beyond the scripted ones:\n" + String.join("\n", failures));
        }
        assertTrue(ms < 20_000, "round " + round + " took " + ms + " ms");
        // The journal and the in-memory store would otherwise grow with every round and count as heap the
        // application never held.
        api.resetRequests();
        s3.listObjectsV2Paginator(l -> l.bucket(TraceStorageStandIn.BUCKET)).contents()
                .forEach(o -> s3.deleteObject(d -> d.bucket(TraceStorageStandIn.BUCKET).key(o.key())));
    }

    /**
     * The 429s a burst served: two, or more when a tool's concurrent reads both met a state before either moved it on
     * (WireMock scenarios do not serialise requests). Each must cost exactly one retry.
     */
    private int burstServed(String key) {
        long served = api.getAllServeEvents().stream()
                .filter(e -> ("Bearer " + key).equals(e.getRequest().getHeader("Authorization")))
                .filter(e -> e.getResponse().getStatus() == 429).count();
        assertTrue(served >= 2, "the burst for " + key + " served " + served + " 429s");
        return (int) served;
    }

    /** What the process holds once the round's work has settled. */
    record Held(int threads, int workers, List<String> busyWorkers, int toQueryApi, int toStore, int toApplication,
            long heapBytes) {
    }

    /**
     * The threads of the application: all of this JVM's but those of the test's own machinery (its callers and their
     * HTTP client, the Query API stand-in's and the trace store's servers), whose pools size themselves to each round.
     */
    static List<Thread> applicationThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().matches("(HttpClient-|pool-|qtp|S3Proxy-|surefire-).*")).toList();
    }

    /** Workers running the application's code, named with what they run; idle ones wait in the pool's own code. */
    static List<String> busyWorkers() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("executor-thread-"))
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith("com.opstower.")))
                .map(e -> e.getKey().getName() + " in " + Arrays.stream(e.getValue())
                        .filter(f -> f.getClassName().startsWith("com.opstower.")).findFirst().orElseThrow())
                .toList();
    }

    private Held settle() throws Exception {
        int threads = Integer.MAX_VALUE;
        // Pools let go of surplus threads over time; take the count once it stops falling (at most 3 s).
        for (int i = 0; i < 15; i++) {
            int now = applicationThreads().size();
            if (now >= threads) {
                break;
            }
            threads = now;
            Thread.sleep(200);
        }
        int workers = (int) applicationThreads().stream().filter(t -> t.getName().startsWith("executor-thread-")).count();
        // Every answer is in; work the application left running (a read nobody waits for, a retry) ends soon or leaks.
        List<String> busy = busyWorkers();
        for (int i = 0; i < 25 && !busy.isEmpty(); i++) {
            Thread.sleep(200);
            busy = busyWorkers();
        }
        long heap = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return new Held(threads, workers, busy, OpenConnections.to(URI.create(api.baseUrl()).getPort()),
                OpenConnections.to(TraceStorageStandIn.store().port()), OpenConnections.to(RestAssured.port), heap);
    }

    @Test
    void roundsOf64ConcurrentCallsFailOnlyAsScriptedAndLeakNothing() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLS);
        try {
            // Start every caller thread before anything is counted.
            List<Future<?>> warm = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                warm.add(callers.submit(() -> {
                    Thread.sleep(10);
                    return null;
                }));
            }
            for (Future<?> f : warm) {
                f.get();
            }
            round(1, callers);
            Held warmed = settle();
            List<Held> later = new ArrayList<>();
            for (int round = 2; round <= ROUNDS; round++) {
                round(round, callers);
                later.add(settle());
            }
            Held last = later.get(later.size() - 1);
            String report = "after round 1: " + warmed + "\nafter rounds 2.." + ROUNDS + ": " + later;
            System.out.println("Load: " + report);

            for (Held held : later) {
                // The worker pool grows with the calls at once (and other work the application schedules beside
                // them, such as retries and uploads), never without bound.
                assertTrue(held.workers() <= 2 * CALLS, "far more workers than calls at once: " + report);
                // Every other thread stays as it was: the worker pool may still grow towards that peak in a later
                // round (how many calls overlap varies), but nothing else may.
                assertTrue(held.threads() - held.workers() <= warmed.threads() - warmed.workers() + THREAD_MARGIN,
                        "threads beside the worker pool grew: " + report);
            }
            if (last.toQueryApi() >= 0) {
                for (Held held : later) {
                    assertTrue(held.toQueryApi() <= CLIENT_POOL, "connections to the Query API past the pool: " + report);
                    // The store's keep-alive cache fills as far as a round's uploads overlap, which the first round
                    // may not reach: measured against the larger of the first two rounds, as the Query API's below.
                    assertTrue(held.toStore() <= Math.max(warmed.toStore(), later.get(0).toStore()) + 5,
                            "connections to the store grew: " + report);
                    // The callers' client keeps at most one connection per caller, though the first round may not have
                    // opened them all; other tests' clients may have left some.
                    assertTrue(held.toApplication() <= Math.max(warmed.toApplication(), CALLS) + 4,
                            "connections to the application grew: " + report);
                }
                assertTrue(last.toQueryApi() <= Math.max(warmed.toQueryApi(), later.get(0).toQueryApi()) + 4,
                        "connections to the Query API grew: " + report);
            }
            // The worker pool keeps the threads of each round's peak (a compare_traces call adds its parallel reads),
            // so its size is bounded above, not compared between rounds; work left running once a round's answers
            // are in is a leak.
            for (Held held : later) {
                assertEquals(List.of(), held.busyWorkers(), "workers still running the application's code: " + report);
            }
            assertTrue(last.heapBytes() <= warmed.heapBytes() + HEAP_MARGIN_BYTES, "heap grew: " + report);
        } finally {
            callers.shutdownNow();
        }
    }
}
