package com.opstower.raindrop.queryapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.opstower.raindrop.testing.ToolCalls.call;
import static com.opstower.raindrop.testing.ToolCalls.withConnection;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.opstower.raindrop.registry.ToolRegistry;
import com.opstower.raindrop.testing.EveryTool;
import com.opstower.raindrop.testing.QueryApiStandIn;
import com.opstower.raindrop.testing.ToolCalls;
import com.opstower.raindrop.testing.ToolCalls.Answer;
import com.opstower.raindrop.testing.TraceStorageStandIn;
import com.opstower.raindrop.tool.ErrorCode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retries, budgets and the mapping of every upstream failure, through real tool calls: a table of scripted upstream
 * behaviours, each played to every tool at once (each tool on a key of its own, so that its scenario, request count
 * and timing are its own). Every case checks the exact outcome, that an error names a next step, how many requests
 * reached the upstream, and that the call stayed within the time budget.
 */
@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
@QuarkusTestResource(TraceStorageStandIn.class)
class UpstreamFailuresTest {

    /** raindrop.retry.budget, raindrop.read-timeout and the longest backoff in the stand-in's configuration. */
    static final long BUDGET_MS = 3000;
    static final long READ_TIMEOUT_MS = 1500;
    /** Room for the HTTP round trips and for eight calls at once on a two-core machine. */
    static final long SLACK_MS = 700;

    private static final ExecutorService CALLERS = Executors.newFixedThreadPool(EveryTool.values().length);

    private static boolean warm;

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
        EveryTool.stubConfiguredConnection(api);
        if (!warm) {
            warmUp();
            warm = true;
        }
    }

    /** One successful call of every tool first, so that no case's timing pays for a first use (class loading, pools). */
    private void warmUp() {
        for (EveryTool tool : EveryTool.values()) {
            script(tool, List.of(tool.success()));
            assertEquals(false, ToolCalls.post(tool.tool, tool.body()).assertEnvelope().isError(), tool.toString());
        }
        api.resetAll();
        EveryTool.stubConfiguredConnection(api);
    }

    @AfterAll
    static void stopCallers() {
        CALLERS.shutdownNow();
    }

    // ---- the table -------------------------------------------------------------------------------------------------

    /** What the upstream answers one tool's calls, in order, the last answer for ever; and the least time it costs. */
    record Plan(List<ResponseDefinitionBuilder> answers, long minMs) {
    }

    /** The expected outcome: code null for success. */
    record Expect(String code, int attempts, long maxMs, String textHas, Long retryAfterMin, Long retryAfterMax) {
        Expect retryAfter(long min, long max) {
            return new Expect(code, attempts, maxMs, textHas, min, max);
        }

        Expect within(long ms) {
            return new Expect(code, attempts, ms, textHas, retryAfterMin, retryAfterMax);
        }
    }

    record Case(String name, Function<EveryTool, Plan> plan, Expect expect) {
        Case retryAfter(long min, long max) {
            return new Case(name, plan, expect.retryAfter(min, max));
        }

        Case within(long ms) {
            return new Case(name, plan, expect.within(ms));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String NEXT_TRY = "could not be reached or did not answer in time";
    private static final String OUT_OF_TIME = "did not answer in time: this call's time budget of 3 s ran out.";
    private static final String NOT_CONTRACT = "not the JSON its contract describes";
    private static final String NOT_TRACE = "not the JSON its Query API contract describes";

    static List<Case> cases() {
        return List.of(
                // 429 storms
                recovers("429 with Retry-After: 1 (seconds), then success", 2, 1000,
                        t -> List.of(status(429).withHeader("Retry-After", "1"), t.success())),
                // An HTTP date has whole seconds: one 1 to 2 s ahead; the call waits until then, less the time the
                // stubs of all tools take to set up before the calls start (well under 250 ms).
                new Case("429 with Retry-After as an HTTP date, then success", t -> {
                    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
                    return new Plan(List.of(status(429).withHeader("Retry-After", httpDate(at)), t.success()),
                            at.toEpochMilli() - System.currentTimeMillis() - 250);
                }, new Expect(null, 2, BUDGET_MS + SLACK_MS, null, null, null)),
                recovers("429 with retry-after-ms: 150 twice, then success", 3, 300,
                        t -> List.of(status(429).withHeader("retry-after-ms", "150"), status(429).withHeader("retry-after-ms", "150"), t.success())),
                recovers("429 without Retry-After three times, then success", 4, 0,
                        t -> List.of(status(429), status(429), status(429), t.success())),
                fails("429 for ever with Retry-After: 0", "RATE_LIMITED", 4, "Tried 4 times.",
                        t -> List.of(status(429).withHeader("Retry-After", "0"))).retryAfter(1, 1),
                fails("429 for ever without Retry-After", "RATE_LIMITED", 4, "Tried 4 times.",
                        t -> List.of(status(429))).retryAfter(1, BUDGET_MS / 1000),
                fails("429 with Retry-After: 120, past the budget: answered at once", "RATE_LIMITED", 1,
                        "the next wait would pass this call's time budget",
                        t -> List.of(status(429).withHeader("Retry-After", "120"))).retryAfter(120, 120).within(1000),
                // server errors
                fails("500 for ever", "UPSTREAM_UNAVAILABLE", 4, "answered HTTP 500. Tried 4 times.", t -> List.of(status(500))),
                fails("502 for ever", "UPSTREAM_UNAVAILABLE", 4, "answered HTTP 502. Tried 4 times.", t -> List.of(status(502))),
                fails("503 for ever", "UPSTREAM_UNAVAILABLE", 4, "answered HTTP 503. Tried 4 times.", t -> List.of(status(503))),
                fails("504 for ever", "UPSTREAM_UNAVAILABLE", 4, "answered HTTP 504. Tried 4 times.", t -> List.of(status(504))),
                recovers("502, 503, 504, then success", 4, 0, t -> List.of(status(502), status(503), status(504), t.success())),
                recovers("500 with Retry-After: 1, then success", 2, 1000,
                        t -> List.of(status(500).withHeader("Retry-After", "1"), t.success())),
                // the connection itself
                fails("connection reset for ever", "UPSTREAM_UNAVAILABLE", 4, NEXT_TRY,
                        t -> List.of(fault(Fault.CONNECTION_RESET_BY_PEER))),
                recovers("connection reset, then success", 2, 0, t -> List.of(fault(Fault.CONNECTION_RESET_BY_PEER), t.success())),
                fails("empty reply for ever", "UPSTREAM_UNAVAILABLE", 4, NEXT_TRY, t -> List.of(fault(Fault.EMPTY_RESPONSE))),
                recovers("empty reply, then success", 2, 0, t -> List.of(fault(Fault.EMPTY_RESPONSE), t.success())),
                fails("body cut half way (malformed chunk) for ever", "UPSTREAM_UNAVAILABLE", 4,
                        "closed the connection before the whole answer arrived. Tried 4 times.",
                        t -> List.of(fault(Fault.MALFORMED_RESPONSE_CHUNK))),
                recovers("body cut half way, then success", 2, 0, t -> List.of(fault(Fault.MALFORMED_RESPONSE_CHUNK), t.success())),
                fails("random bytes, then closed, for ever", "UPSTREAM_UNAVAILABLE", 4, NEXT_TRY,
                        t -> List.of(fault(Fault.RANDOM_DATA_THEN_CLOSE))),
                recovers("slower than the read timeout, then success", 2, READ_TIMEOUT_MS,
                        t -> List.of(t.success().withFixedDelay((int) READ_TIMEOUT_MS + 1000), t.success())),
                // The first attempt ends at the read timeout (1.5 s), the second at the end of the 3 s budget.
                fails("slower than the read timeout for ever", "UPSTREAM_UNAVAILABLE", 2, OUT_OF_TIME,
                        t -> List.of(t.success().withFixedDelay((int) READ_TIMEOUT_MS + 1000))),
                // bodies that are not the contract, with 200
                fails("200 with malformed JSON", "UPSTREAM_BAD_RESPONSE", 1, null, t -> List.of(json(200, "{\"data\": ["))),
                fails("200 with JSON of the wrong shape", "UPSTREAM_BAD_RESPONSE", 1, null,
                        t -> List.of(json(200, "{\"data\":\"oops\",\"meta\":7}"))),
                fails("200 with a JSON array", "UPSTREAM_BAD_RESPONSE", 1, null, t -> List.of(json(200, "[1,2,3]"))),
                fails("200 with an HTML error page", "UPSTREAM_BAD_RESPONSE", 1, null,
                        t -> List.of(status(200).withHeader("Content-Type", "text/html")
                                .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"))),
                fails("200 with an empty body", "UPSTREAM_BAD_RESPONSE", 1, null, t -> List.of(json(200, ""))),
                fails("200 with a valid body and more after it", "UPSTREAM_BAD_RESPONSE", 1, null,
                        t -> List.of(json(200, minimalBody(t) + " {\"data\":null}"))),
                // error bodies, `error` as a plain string
                fails("401 whose error is a plain string", "AUTH_FAILED", 1, "HTTP 401: Unauthorized: key revoked",
                        t -> List.of(json(401, "{\"error\":\"Unauthorized: key revoked\"}"))),
                fails("403 whose error is a plain string", "FORBIDDEN", 1, "HTTP 403: Project archived",
                        t -> List.of(json(403, "{\"error\":\"Project archived\"}"))),
                fails("404 whose error is a plain string", "NOT_FOUND", 1, "HTTP 404: Not found",
                        t -> List.of(json(404, "{\"error\":\"Not found\"}"))),
                fails("400 whose error is a plain string", "INVALID_ARGUMENT", 1, "HTTP 400: limit must be at most 100",
                        t -> List.of(json(400, "{\"error\":\"limit must be at most 100\"}"))),
                fails("503 for ever whose error is a plain string", "UPSTREAM_UNAVAILABLE", 4, "HTTP 503: down for maintenance",
                        t -> List.of(json(503, "{\"error\":\"down for maintenance\"}"))),
                fails("400 whose error is an HTML page", "INVALID_ARGUMENT", 1, "HTTP 400)",
                        t -> List.of(status(400).withHeader("Content-Type", "text/html").withBody("<html>Bad Request</html>"))),
                fails("418, a status the contract does not name", "UPSTREAM_BAD_RESPONSE", 1, "HTTP 418",
                        t -> List.of(json(418, "{\"error\":{\"message\":\"I'm a teapot\"}}"))));
    }

    private static Case recovers(String name, int attempts, long minMs, Function<EveryTool, List<ResponseDefinitionBuilder>> answers) {
        return new Case(name, t -> new Plan(answers.apply(t), minMs), new Expect(null, attempts, BUDGET_MS + SLACK_MS, null, null, null));
    }

    private static Case fails(String name, String code, int attempts, String textHas,
            Function<EveryTool, List<ResponseDefinitionBuilder>> answers) {
        return new Case(name, t -> new Plan(answers.apply(t), 0), new Expect(code, attempts, BUDGET_MS + SLACK_MS, textHas, null, null));
    }

    /** The smallest body each tool accepts. */
    private static String minimalBody(EveryTool tool) {
        return switch (tool) {
            case GET_CONVERSATION, GET_EVENT, GET_USER -> "{\"data\":{\"id\":\"x\"}}";
            case COUNT_EVENTS -> "{\"data\":{\"total\":0}}";
            case GET_TRACE, GET_TRACE_FILE, GET_TRACE_SEARCH, COMPARE_TRACES -> "{\"data\":[]}";
            case GET_SPAN -> "{\"data\":[{\"span_id\":\"00f067aa0ba902b7\"}]}";
            default -> EveryTool.EMPTY_PAGE;
        };
    }

    private static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder fault(Fault fault) {
        return aResponse().withFault(fault);
    }

    private static String httpDate(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
    }

    // ---- the matrix --------------------------------------------------------------------------------------------------

    /**
     * The cases by name: Quarkus copies a parameterized test's arguments into the application's class loader, and a
     * string copies cheaply where a case holding lambdas does not.
     */
    static Stream<String> caseNames() {
        return cases().stream().map(Case::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    void everyToolMeetsEveryUpstreamFault(String name) {
        Case c = cases().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
        Map<EveryTool, Plan> plans = new EnumMap<>(EveryTool.class);
        for (EveryTool tool : EveryTool.values()) {
            Plan plan = c.plan().apply(tool);
            script(tool, plan.answers());
            plans.put(tool, plan);
        }
        List<CompletableFuture<Answer>> calls = new ArrayList<>();
        for (EveryTool tool : EveryTool.values()) {
            calls.add(CompletableFuture.supplyAsync(() -> ToolCalls.post(tool.tool, tool.body()), CALLERS));
        }
        List<Executable> checks = new ArrayList<>();
        for (EveryTool tool : EveryTool.values()) {
            Answer answer = calls.get(tool.ordinal()).join();
            checks.add(() -> check(c, tool, plans.get(tool).minMs(), answer));
        }
        assertAll(c.name(), checks.stream());
    }

    /**
     * One tool's scripted upstream: each answer once, in order, then the last one for ever; to each of the events it
     * reads at once, for a tool that reads several.
     */
    private void script(EveryTool tool, List<ResponseDefinitionBuilder> answers) {
        if (tool.events().isEmpty()) {
            script(tool, null, answers);
        }
        for (String event : tool.events()) {
            script(tool, event, answers);
        }
        // The side reads succeed: the faults are played to the reads the tool cannot answer without.
        for (String path : tool.sidePaths()) {
            api.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + tool.key()))
                    .willReturn(EveryTool.GET_EVENT.success()));
        }
    }

    private void script(EveryTool tool, String event, List<ResponseDefinitionBuilder> answers) {
        String scenario = "script " + tool + (event == null ? "" : " " + event);
        String state = Scenario.STARTED;
        for (int i = 0; i < answers.size(); i++) {
            MappingBuilder request = get(anyUrl()).withHeader("Authorization", equalTo("Bearer " + tool.key()));
            if (event != null) {
                request = request.withQueryParam("event_id", equalTo(event));
            }
            ScenarioMappingBuilder stub = request.inScenario(scenario).whenScenarioStateIs(state);
            if (i < answers.size() - 1) {
                state = "answer " + (i + 2);
                stub.willSetStateTo(state);
            }
            api.stubFor(stub.willReturn(answers.get(i)));
        }
    }

    private void check(Case c, EveryTool tool, long minMs, Answer answer) {
        Expect expect = c.expect();
        String where = tool + ": ";
        answer.assertEnvelope();
        String text = answer.text();
        if (expect.code() == null) {
            assertEquals(false, answer.isError(), () -> where + text);
        } else {
            assertEquals(expect.code(), answer.code(), () -> where + text);
            assertEquals(ErrorCode.valueOf(expect.code()).retryable(), answer.retryable(), where + "retryable");
            assertTrue(text.contains("Next step:"), () -> where + "names no next step: " + text);
            if (expect.textHas() != null) {
                assertTrue(text.contains(expect.textHas()), () -> where + "lacks «" + expect.textHas() + "»: " + text);
            }
            if (expect.code().equals("UPSTREAM_BAD_RESPONSE") && expect.textHas() == null) {
                assertTrue(text.contains(NOT_CONTRACT) || text.contains(NOT_TRACE), () -> where + text);
            }
            Long retryAfter = answer.retryAfterSeconds();
            if (expect.retryAfterMin() == null) {
                assertNull(retryAfter, where + "retry_after_seconds");
            } else {
                assertTrue(retryAfter != null && retryAfter >= expect.retryAfterMin() && retryAfter <= expect.retryAfterMax(),
                        () -> where + "retry_after_seconds " + retryAfter + " not in [" + expect.retryAfterMin() + ", "
                                + expect.retryAfterMax() + "]");
            }
        }
        int sideReads = 0;
        for (String path : tool.sidePaths()) {
            sideReads += api.countRequestsMatching(getRequestedFor(urlPathEqualTo(path))
                    .withHeader("Authorization", equalTo("Bearer " + tool.key())).build()).getCount();
        }
        assertEquals(tool.sidePaths().size(), sideReads, where + "side reads, one each");
        int attempts = api.countRequestsMatching(tool.requests().build()).getCount() - sideReads;
        int onPath = api.countRequestsMatching(getRequestedFor(urlPathEqualTo(tool.upstreamPath))
                .withHeader("Authorization", equalTo("Bearer " + tool.key())).build()).getCount();
        assertEquals(expect.attempts() * Math.max(1, tool.events().size()), attempts, where + "requests upstream");
        assertEquals(attempts, onPath, where + "requests to " + tool.upstreamPath);
        assertTrue(answer.millis() >= minMs, () -> where + "took " + answer.millis() + " ms, less than the " + minMs + " ms asked");
        assertTrue(answer.millis() <= expect.maxMs(), () -> where + "took " + answer.millis() + " ms, more than " + expect.maxMs());
    }

    @Test
    void theTableCoversEveryToolAndFault() {
        // Every tool that reads Raindrop; describe_tools only describes the others.
        assertEquals(ToolRegistry.all().stream().map(entry -> entry.spec().name()).filter(name -> !name.equals("describe_tools"))
                .collect(Collectors.toSet()), Stream.of(EveryTool.values()).map(tool -> tool.tool).collect(Collectors.toSet()));
        assertTrue(cases().size() >= 30, "cases: " + cases().size());
        assertEquals(cases().size(), cases().stream().map(Case::name).distinct().count(), "case names are unique");
        assertTrue(Stream.of(EveryTool.values()).map(EveryTool::key).distinct().count() == EveryTool.values().length);
        assertTrue(Arrays.stream(EveryTool.values()).anyMatch(t -> t == EveryTool.GET_TRACE_FILE));
    }

    // ---- the budget bounds an attempt in flight ----------------------------------------------------------------------

    @Test
    void aSlowAttemptStartedLateIsCutAtTheBudget() {
        // The wait (2 s) fits the 3 s budget, but a whole read timeout after it would not: the call ends at the budget.
        script(EveryTool.LIST_CONVERSATIONS, List.of(status(429).withHeader("Retry-After", "2"),
                EveryTool.LIST_CONVERSATIONS.success().withFixedDelay(5000)));
        Answer answer = ToolCalls.post("list_conversations", EveryTool.LIST_CONVERSATIONS.body()).assertEnvelope();
        assertEquals("UPSTREAM_UNAVAILABLE", answer.code(), answer.body());
        assertTrue(answer.text().contains(OUT_OF_TIME) && answer.text().contains("Next step:"), answer.text());
        assertEquals(2, api.countRequestsMatching(EveryTool.LIST_CONVERSATIONS.requests().build()).getCount());
        assertTrue(answer.millis() >= 2000 && answer.millis() <= BUDGET_MS + 400, "took " + answer.millis() + " ms");
    }

    @Test
    void aBodyThatTricklesInIsCutAtTheBudget() {
        // Each piece arrives well within the read timeout, the whole body long after the budget.
        script(EveryTool.GET_EVENT, List.of(EveryTool.GET_EVENT.success().withChunkedDribbleDelay(8, 6000)));
        Answer answer = ToolCalls.post("get_event", EveryTool.GET_EVENT.body()).assertEnvelope();
        assertEquals("UPSTREAM_UNAVAILABLE", answer.code(), answer.body());
        assertTrue(answer.text().contains(OUT_OF_TIME) && answer.text().contains("Next step:"), answer.text());
        assertEquals(1, api.countRequestsMatching(EveryTool.GET_EVENT.requests().build()).getCount());
        assertTrue(answer.millis() <= BUDGET_MS + 400, "took " + answer.millis() + " ms");
    }

    // ---- single behaviours -----------------------------------------------------------------------------------------

    @Test
    void toleratesUnknownFieldsAndEnumValues() {
        api.stubFor(get(anyUrl()).willReturn(okJson("""
                {"data":{"id":"evt_9","event_name":"chat","timestamp":"2026-11-24T09:19:40Z","brand_new_field":{"x":1},
                 "tool_calls":[{"tool_name":"search","status":"CANCELLED_BY_POLICY","duration_ms":12,"novel":true}],
                 "signals":[{"id":"s1","name":"mood","score":0.5,"kind":"NEW_KIND"}]},"meta":{"trace":"t"}}
                """)));
        call("get_event", withConnection("\"event_id\":\"evt_9\""))
                .body("is_error", org.hamcrest.Matchers.equalTo(false))
                .body("text", containsString("- search · CANCELLED_BY_POLICY · 12 ms"));
    }
}
