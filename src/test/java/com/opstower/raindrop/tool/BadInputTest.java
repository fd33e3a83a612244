package com.opstower.raindrop.tool;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.opstower.raindrop.conversation.ListConversationsFunction;
import com.opstower.raindrop.event.GetEventFunction;
import com.opstower.raindrop.event.ListEventsFunction;
import com.opstower.raindrop.registry.ToolRegistry;
import com.opstower.raindrop.testing.EveryTool;
import com.opstower.raindrop.testing.JsonBodies;
import com.opstower.raindrop.testing.QueryApiStandIn;
import com.opstower.raindrop.testing.ToolCalls.Answer;
import com.opstower.raindrop.testing.ToolCalls;
import com.opstower.raindrop.testing.TraceStorageStandIn;
import com.opstower.raindrop.tool.Param.Kind;
import com.opstower.raindrop.trace.GetTraceFunction;
import com.opstower.raindrop.trace.focus.Focus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input over HTTP, for every tool and every argument: a written corpus of wrong types, empty and huge strings,
 * control characters, halves of surrogate pairs, numbers past every bound, nulls, unknown names, broken connections and
 * bodies that are not JSON objects; then a seeded batch of random bodies from the generators of JsonBodies. Every answer is
 * HTTP 200 with the tool envelope and no stack trace: a clear INVALID_ARGUMENT, or a correct result. Ids that pass
 * reach the upstream percent-encoded.
 *
 * <p>The random batch runs through the real HTTP binding. It draws from the same generators as the property in
 * {@link ArgsTest} (which plays more bodies, calling {@link Args} and {@link ToolRunner} without the application),
 * with a fixed seed, so that a failing body here is reproducible.
 */
@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
@QuarkusTestResource(TraceStorageStandIn.class)
class BadInputTest {

    static final List<ToolSpec> SPECS = ToolRegistry.agentSpecs();

    /** Arguments that take a signal's or group's name: in the stand-in's workspace without signals, no name is known. */
    static final Set<String> NAMES = Set.of("signal", "signal_group", "group");

    /** Seed and size of the generated batch. */
    static final long SEED = 20261126L;
    static final int GENERATED = 700;

    private static final ExecutorService CALLERS = Executors.newFixedThreadPool(4);
    private static final String OK = "OK";
    private static final String INVALID = "INVALID_ARGUMENT";

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
        api.stubFor(get(urlPathEqualTo("/v1/conversations")).willReturn(okJson(EveryTool.EMPTY_PAGE)));
        api.stubFor(get(urlPathMatching("/v1/conversations/.+")).willReturn(EveryTool.GET_CONVERSATION.success()));
        api.stubFor(get(urlPathEqualTo("/v1/events")).willReturn(okJson(EveryTool.EMPTY_PAGE)));
        api.stubFor(get(urlPathMatching("/v1/events/.+")).willReturn(EveryTool.GET_EVENT.success()));
        api.stubFor(get(urlPathEqualTo("/v1/traces")).willReturn(EveryTool.GET_TRACE.success()));
        // A workspace without signals: any signal or group name is unknown, ids go through.
        api.stubFor(get(urlPathEqualTo("/v1/signals")).willReturn(okJson(EveryTool.EMPTY_PAGE)));
        api.stubFor(get(urlPathEqualTo("/v1/signal-groups")).willReturn(okJson(EveryTool.EMPTY_PAGE)));
        api.stubFor(get(urlPathMatching("/v1/signal-groups/.+/signals")).willReturn(okJson(EveryTool.EMPTY_PAGE)));
        api.stubFor(get(urlPathEqualTo("/v1/events/search")).willReturn(EveryTool.SEARCH_EVENTS.success()));
        api.stubFor(get(urlPathEqualTo("/v1/events/count")).willReturn(EveryTool.COUNT_EVENTS.success()));
        api.stubFor(get(urlPathEqualTo("/v1/events/timeseries")).willReturn(okJson("{\"data\":{\"buckets\":[],\"total\":0}}")));
        api.stubFor(get(urlPathEqualTo("/v1/events/facets")).willReturn(okJson("{\"data\":[]}")));
        api.stubFor(get(urlPathMatching("/v1/users/.+")).willReturn(EveryTool.GET_USER.success()));
    }

    @AfterAll
    static void stopCallers() {
        CALLERS.shutdownNow();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    // ---- the written corpus ------------------------------------------------------------------------------------------

    /** One value to put in an argument, and what the tool answers with it there. */
    record Value(String label, Object value, BiFunction<ToolSpec, Param, String> expected) {
    }

    private static Value value(String label, Object value, BiFunction<ToolSpec, Param, String> expected) {
        return new Value(label, value, expected);
    }

    /** Refused wherever it goes. */
    private static Value refused(String label, Object value) {
        return value(label, value, (spec, param) -> INVALID);
    }

    /** Accepted by arguments of these kinds, refused by the others. */
    private static Value acceptedBy(String label, Object value, Kind... kinds) {
        Set<Kind> accepting = Set.of(kinds);
        return value(label, value, (spec, param) -> accepting.contains(param.kind()) ? OK : INVALID);
    }

    /** The tools whose event window is at most 14 days. */
    static final Set<String> WINDOWED = Set.of("list_events", "search_events");

    /** A timestamp: accepted by timestamps (and text), except where a 14-day window refuses it. */
    private static Value time(String label, String value, boolean olderThanTheWindow) {
        return value(label, value, (spec, param) -> {
            if (param.kind() == Kind.TIMESTAMP) {
                return olderThanTheWindow && param.name().equals("timestamp_after") && WINDOWED.contains(spec.name())
                        ? "DATE_RANGE_LIMIT" : OK;
            }
            return param.kind() == Kind.ID || param.kind() == Kind.TEXT ? OK : INVALID;
        });
    }

    /** A JSON number: accepted by integer arguments whose bounds hold it, if it is a whole number. */
    private static Value number(String label, Object value, Long whole) {
        return value(label, value, (spec, param) -> param.kind() == Kind.INTEGER && whole != null
                && whole >= param.min() && whole <= param.max() ? OK : INVALID);
    }

    /** Text that an integer argument reads as a number too. */
    private static Value numericText(String label, String value, long whole) {
        return value(label, value, (spec, param) -> param.kind() == Kind.ID || param.kind() == Kind.TEXT
                || (param.kind() == Kind.INTEGER && whole >= param.min() && whole <= param.max()) ? OK : INVALID);
    }

    static List<Value> corpus() {
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        List<Value> values = new ArrayList<>(List.of(
                // empty, blank, huge
                refused("empty string", ""),
                refused("spaces", "   "),
                refused("tab and newline", "\t\n"),
                refused("1 MB string", "x".repeat(1_000_000)),
                refused("4097 characters", "a".repeat(4097)),
                acceptedBy("257 characters", "a".repeat(257), Kind.TEXT),
                acceptedBy("256 characters", "a".repeat(256), Kind.ID, Kind.TEXT),
                // control characters and broken UTF-16
                refused("NUL inside", "a\u0000b"),
                refused("newline inside", "line\nbreak"),
                refused("terminal escape", "\u001b[31mred"),
                refused("DEL", "a\u007fb"),
                refused("C1 control NEL", "a\u0085b"),
                refused("lone high surrogate", "a\uD800b"),
                refused("lone low surrogate", "\uDC00"),
                // unicode that is fine
                acceptedBy("unicode", "ünïcødé 用户 😀", Kind.ID, Kind.TEXT),
                acceptedBy("right-to-left override", "\u202Eevil", Kind.ID, Kind.TEXT),
                acceptedBy("surrounded by spaces", "  evt_1  ", Kind.ID, Kind.TEXT),
                // ids that look like paths, queries or markup
                acceptedBy("../x", "../x", Kind.ID, Kind.TEXT),
                acceptedBy("a/b", "a/b", Kind.ID, Kind.TEXT),
                acceptedBy("%2e%2e", "%2e%2e", Kind.ID, Kind.TEXT),
                acceptedBy("?x=1", "?x=1", Kind.ID, Kind.TEXT),
                acceptedBy("#frag", "#frag", Kind.ID, Kind.TEXT),
                acceptedBy("a&limit=5", "a&limit=5", Kind.ID, Kind.TEXT),
                acceptedBy("..", "..", Kind.ID, Kind.TEXT),
                acceptedBy("a b", "a b", Kind.ID, Kind.TEXT),
                acceptedBy("a+b", "a+b", Kind.ID, Kind.TEXT),
                acceptedBy("markup", "<img src=x onerror=alert(1)>", Kind.ID, Kind.TEXT),
                acceptedBy("backticks", "``` x `", Kind.ID, Kind.TEXT),
                // words for other types
                acceptedBy("true as text", "true", Kind.ID, Kind.TEXT, Kind.BOOLEAN),
                acceptedBy("TRUE as text", "TRUE", Kind.ID, Kind.TEXT, Kind.BOOLEAN),
                acceptedBy("yes", "yes", Kind.ID, Kind.TEXT),
                numericText("5 as text", "5", 5),
                numericText("7 as text with spaces", " 7 ", 7),
                acceptedBy("7.0 as text", "7.0", Kind.ID, Kind.TEXT),
                acceptedBy("-1 as text", "-1", Kind.ID, Kind.TEXT),
                acceptedBy("20 digits as text", "99999999999999999999", Kind.ID, Kind.TEXT),
                acceptedBy("hex as text", "0x10", Kind.ID, Kind.TEXT),
                // times
                time("yesterday as a date", yesterday, false),
                time("an instant with an offset", yesterday + "T08:00:00+02:00", false),
                time("a year ago", LocalDate.now(ZoneOffset.UTC).minusYears(1).toString(), true),
                time("year 1", "0001-01-01T00:00:00Z", true),
                time("year 9999", "9999-12-31T23:59:59Z", false),
                acceptedBy("an impossible date", "2026-13-40", Kind.ID, Kind.TEXT),
                acceptedBy("a word for a time", "yesterday", Kind.ID, Kind.TEXT),
                numericText("epoch seconds as text", "1732406400", 1_732_406_400L),
                value("an allowed order", "started_at", (spec, param) -> param.kind() == Kind.ID || param.kind() == Kind.TEXT
                        || (param.kind() == Kind.CHOICE && param.allowed().contains("started_at")) ? OK : INVALID),
                // numbers
                number("5", 5, 5L),
                number("0", 0, 0L),
                number("-1", -1, -1L),
                number("1", 1, 1L),
                number("100", 100, 100L),
                number("101", 101, 101L),
                number("1000", 1000, 1000L),
                number("1001", 1001, 1001L),
                number("100000", 100_000, 100_000L),
                number("100001", 100_001, 100_001L),
                number("7.0", 7.0, 7L),
                number("1.5", 1.5, null),
                number("-0.0", -0.0, 0L),
                number("Long.MAX_VALUE", Long.MAX_VALUE, Long.MAX_VALUE),
                number("Long.MIN_VALUE", Long.MIN_VALUE, Long.MIN_VALUE),
                number("2^64", BigInteger.TWO.pow(64), null),
                number("-2^64", BigInteger.TWO.pow(64).negate(), null),
                number("1e308", 1e308, null),
                acceptedBy("true", true, Kind.BOOLEAN),
                acceptedBy("false", false, Kind.BOOLEAN),
                // other shapes
                value("null", null, (spec, param) -> param.required() ? INVALID : OK),
                acceptedBy("empty object", Map.of(), Kind.OBJECT),
                acceptedBy("object", Map.of("id", "evt_1"), Kind.OBJECT),
                refused("empty array", List.of()),
                refused("array of an id", List.of("evt_1"))));
        return values;
    }

    /**
     * The trace tools' answer to a value their argument accepts: any other span id is one the trace does not hold, a
     * pointer without `field` has no payload to point into, and a search is bounded below the text limit.
     */
    /**
     * What the tool answers with {@code v} in {@code param}. An argument of texts reads one text as an argument of text
     * does, and a list of texts when it is not empty.
     */
    private static String expected(Value v, ToolSpec spec, Param param) {
        if (param.kind() != Kind.TEXTS) {
            return v.expected().apply(spec, param);
        }
        if (v.value() instanceof List<?> list) {
            return !list.isEmpty() && list.stream().allMatch(item -> item instanceof String s && !s.isBlank()) ? OK : INVALID;
        }
        return v.expected().apply(spec, new Param(param.name(), Kind.TEXT, param.description(), false, null, null, null,
                List.of()));
    }

    private static String onTraceTools(ToolSpec spec, Param param, Object value, String expected) {
        if (!expected.equals(OK) || value == null) {
            return expected;
        }
        return switch (spec.name() + "." + param.name()) {
            case "get_span.span_id", "get_trace.span_id" -> "NOT_FOUND";
            case "get_span.pointer" -> INVALID;
            case "get_trace.search", "compare_traces.search" ->
                    value.toString().strip().length() > Focus.MAX_SEARCH_CHARS ? INVALID : expected;
            default -> expected;
        };
    }

    /** The tool's minimal valid body, the argument set to the value (or left out for JSON null's sake, kept as null). */
    private static Map<String, Object> body(ToolSpec spec, String argument, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connection", Map.of("integration_id", "int_42", "api_key", ToolCalls.KEY, "project_id", "checkout-bot"));
        for (Param param : spec.params()) {
            if (param.required()) {
                body.put(param.name(), switch (param.name()) {
                    case "convo_id" -> "conv_8f2c1a";
                    case "span_id" -> "7a1f0c2b9d3e4f50";
                    case "baseline_event_id" -> EveryTool.BASELINE_EVENT;
                    default -> "evt_abc123";
                });
            }
        }
        body.put(argument, value);
        return body;
    }

    /** Where a call's outcome differs from the expected one, and any envelope or stack trace trouble. */
    private static String mismatch(String what, Answer answer, String expected) {
        try {
            answer.assertEnvelope();
        } catch (AssertionError e) {
            return what + ": " + e.getMessage();
        }
        String code = answer.code();
        String actual = code == null ? OK : code;
        if (!actual.equals(expected)) {
            return what + ": expected " + expected + ", got " + actual + ": " + clip(answer.text());
        }
        if (code != null && !answer.text().contains("Next step:")) {
            return what + ": names no next step: " + clip(answer.text());
        }
        return null;
    }

    private static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** Runs the calls four at a time and fails with every mismatch at once. */
    private static int runAll(List<Callable<String>> calls) throws Exception {
        List<Future<String>> results = CALLERS.invokeAll(calls);
        List<String> mismatches = new ArrayList<>();
        for (Future<String> result : results) {
            String mismatch = result.get();
            if (mismatch != null) {
                mismatches.add(mismatch);
            }
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " of " + calls.size() + " inputs answered wrongly:\n" + String.join("\n", mismatches));
        }
        return calls.size();
    }

    @Test
    void everyArgumentOfEveryToolAnswersEveryCorpusValueClearly() throws Exception {
        List<Callable<String>> calls = new ArrayList<>();
        for (ToolSpec spec : SPECS) {
            for (Param param : spec.params()) {
                for (Value v : corpus()) {
                    String what = spec.name() + "." + param.name() + " = " + v.label();
                    String named = NAMES.contains(param.name()) && expected(v, spec, param).equals(OK)
                            && v.value() instanceof String ? INVALID : expected(v, spec, param);
                    String expected = onTraceTools(spec, param, v.value(), named);
                    String json = JsonBodies.toJson(body(spec, param.name(), v.value()));
                    calls.add(() -> mismatch(what, ToolCalls.post(spec.name(), json), expected));
                }
            }
        }
        int inputs = runAll(calls);
        assertTrue(inputs > 1000, "inputs: " + inputs);
    }

    /** A connection object and what every tool answers with it. */
    record ConnectionCase(String label, Object connection, String expected) {
    }

    static List<ConnectionCase> connectionCorpus() {
        String key = ToolCalls.KEY;
        return List.of(
                new ConnectionCase("a string", "rk_live_x", INVALID),
                new ConnectionCase("a number", 42, INVALID),
                new ConnectionCase("an array", List.of(key), INVALID),
                new ConnectionCase("true", true, INVALID),
                new ConnectionCase("empty: the configured key", Map.of(), OK),
                new ConnectionCase("null: the configured key", null, OK),
                new ConnectionCase("key a number", Map.of("api_key", 42), INVALID),
                new ConnectionCase("key empty: the configured key", Map.of("api_key", ""), OK),
                new ConnectionCase("key blank: the configured key", Map.of("api_key", "   "), OK),
                new ConnectionCase("key with a space", Map.of("api_key", "rk live"), INVALID),
                new ConnectionCase("key with a newline", Map.of("api_key", "rk\nX-Evil: 1"), INVALID),
                new ConnectionCase("key not ASCII", Map.of("api_key", "ключ"), INVALID),
                new ConnectionCase("key of 512 characters", Map.of("api_key", "k".repeat(512)), OK),
                new ConnectionCase("key of 513 characters", Map.of("api_key", "k".repeat(513)), INVALID),
                new ConnectionCase("key of 1 MB", Map.of("api_key", "k".repeat(1_000_000)), INVALID),
                new ConnectionCase("project not a slug", Map.of("api_key", key, "project_id", "Bad_Slug"), INVALID),
                new ConnectionCase("project starting with a hyphen", Map.of("api_key", key, "project_id", "-bot"), INVALID),
                new ConnectionCase("project of 64 characters", Map.of("api_key", key, "project_id", "a".repeat(64)), INVALID),
                new ConnectionCase("project of 63 characters", Map.of("api_key", key, "project_id", "a".repeat(63)), OK),
                new ConnectionCase("project a path", Map.of("api_key", key, "project_id", "../x"), INVALID),
                new ConnectionCase("project a number", Map.of("api_key", key, "project_id", 7), INVALID),
                new ConnectionCase("project empty: the default project", Map.of("api_key", key, "project_id", ""), OK),
                new ConnectionCase("integration a path", Map.of("api_key", key, "integration_id", "../x"), OK),
                new ConnectionCase("integration with a newline", Map.of("api_key", key, "integration_id", "int\nsmoke_check x"), INVALID),
                new ConnectionCase("integration of 257 characters", Map.of("api_key", key, "integration_id", "i".repeat(257)), INVALID),
                new ConnectionCase("integration a number", Map.of("api_key", key, "integration_id", 5), INVALID),
                new ConnectionCase("an unknown field", Map.of("api_key", key, "region", "eu"), OK));
    }

    @Test
    void everyToolAnswersEveryBrokenConnectionClearly() throws Exception {
        List<Callable<String>> calls = new ArrayList<>();
        for (ConnectionCase c : connectionCorpus()) {
            for (ToolSpec spec : SPECS) {
                Map<String, Object> body = body(spec, "connection", c.connection());
                String json = JsonBodies.toJson(body);
                calls.add(() -> mismatch(spec.name() + " with connection " + c.label(), ToolCalls.post(spec.name(), json), c.expected()));
            }
            // smoke_test takes connections as a list and reports a broken one as its check's failure.
            Map<String, Object> smoke = new LinkedHashMap<>();
            smoke.put("connections", Collections.singletonList(c.connection()));
            String json = JsonBodies.toJson(smoke);
            calls.add(() -> mismatch("smoke_test with connections[0] " + c.label(), ToolCalls.post("smoke_test", json), c.expected()));
        }
        runAll(calls);
    }

    @Test
    void smokeTestAnswersEveryMalformedInputClearly() throws Exception {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("{}", OK);
        bodies.put("{\"connections\":null}", OK);
        bodies.put("{\"connections\":[]}", OK);
        bodies.put("{\"connections\":\"rk_live_x\"}", INVALID);
        bodies.put("{\"connections\":{\"api_key\":\"k\"}}", INVALID);
        bodies.put("{\"connections\":[" + String.join(",", Collections.nCopies(51, "{}")) + "]}", INVALID);
        bodies.put("{\"connections\":[" + String.join(",", Collections.nCopies(3, "{}")) + "]}", OK);
        // The calling convention's connection, checked in place of the configured one.
        bodies.put("{\"connection\":{\"api_key\":\"k\"}}", OK);
        bodies.put("{\"connection\":\"k\"}", INVALID);
        bodies.put("{\"limit\":5}", INVALID);
        List<Callable<String>> calls = new ArrayList<>();
        bodies.forEach((json, expected) -> calls.add(() -> mismatch("smoke_test " + clip(json), ToolCalls.post("smoke_test", json), expected)));
        runAll(calls);
    }

    @Test
    void everyToolNamesAnUnknownArgument() throws Exception {
        List<String> names = List.of("userId", "LIMIT", "", " ", "event_id ", "__proto__", "api_key", "connections", "a\u0000b",
                "\uD800", "n".repeat(10_000));
        List<Callable<String>> calls = new ArrayList<>();
        for (ToolSpec spec : SPECS) {
            for (String name : names) {
                String json = JsonBodies.toJson(body(spec, name, "x"));
                // A name that is no well-formed text (half a surrogate pair) fails the body's JSON reading already.
                boolean named = Args.isText(name);
                calls.add(() -> {
                    Answer answer = ToolCalls.post(spec.name(), json);
                    String mismatch = mismatch(spec.name() + " with unknown argument «" + clip(name) + "»", answer, INVALID);
                    if (mismatch == null && named && !answer.text().contains("is not an argument of " + spec.name())) {
                        return spec.name() + " does not name the unknown argument: " + clip(answer.text());
                    }
                    return mismatch;
                });
            }
        }
        runAll(calls);
    }

    @Test
    void everyToolAnswersABodyThatIsNoJsonObject() throws Exception {
        List<String> bodies = new ArrayList<>(List.of("[]", "[{}]", "\"x\"", "1", "true", " ", "{", "{\"limit\":}",
                "{\"limit\":5,}", "{'limit':5}", "{\"limit\":5}{\"limit\":500}", "{\"limit\":5} x", "\u0000",
                "[".repeat(5000) + "]".repeat(5000), "{\"limit\":" + "9".repeat(5000) + "}"));
        List<Callable<String>> calls = new ArrayList<>();
        for (EveryTool tool : EveryTool.values()) {
            for (String json : bodies) {
                calls.add(() -> mismatch(tool + " with body «" + clip(json) + "»", ToolCalls.post(tool.tool, json), INVALID));
            }
            // No body at all, or JSON null, is the same as {}: no arguments, refused where one is required.
            String none = SPECS.stream().filter(spec -> spec.name().equals(tool.tool))
                    .anyMatch(spec -> spec.params().stream().anyMatch(Param::required)) ? INVALID : OK;
            for (String json : List.of("", "null")) {
                calls.add(() -> mismatch(tool + " with body «" + json + "»", ToolCalls.post(tool.tool, json), none));
            }
        }
        runAll(calls);
    }

    // ---- ids reach the upstream percent-encoded ------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../x        | /v1/events/%2E%2E%2Fx",
            "a/b         | /v1/events/a%2Fb",
            "%2e%2e      | /v1/events/%252e%252e",
            "?x=1        | /v1/events/%3Fx%3D1",
            "#frag       | /v1/events/%23frag",
            "a&limit=5   | /v1/events/a%26limit%3D5",
            "..          | /v1/events/%2E%2E",
            "a+b         | /v1/events/a%2Bb",
            "'a b'       | /v1/events/a%20b",
            "ünï 😀      | /v1/events/%C3%BCn%C3%AF%20%F0%9F%98%80",
            "' evt_1 '   | /v1/events/evt_1"})
    void getEventSendsTheIdAsOnePercentEncodedPathSegment(String id, String path) {
        Answer answer = ToolCalls.post("get_event", JsonBodies.toJson(body(GetEventFunction.SPEC, "event_id", id))).assertEnvelope();
        assertEquals(null, answer.code(), answer.body());
        List<LoggedRequest> requests = api.findAll(getRequestedFor(urlPathMatching("/v1/events/.*")));
        assertEquals(1, requests.size());
        assertEquals(path, requests.get(0).getUrl());
    }

    /** Query arguments: each value arrives whole, as one parameter, however it looks. */
    @Test
    void everyQueryArgumentArrivesWholeAndAlone() throws Exception {
        List<String> values = List.of("../x", "a/b", "%2e%2e", "?x=1", "#frag", "a&limit=5", "a=b", "a+b", "a b", "ünï 😀", "a;b", "[x]");
        record QueryArgument(ToolSpec spec, String argument, String path, String parameter) {
        }
        List<QueryArgument> arguments = List.of(
                new QueryArgument(GetTraceFunction.SPEC, "event_id", "/v1/traces", "event_id"),
                new QueryArgument(ListEventsFunction.SPEC, "convo_id", "/v1/events", "convo_id"),
                new QueryArgument(ListEventsFunction.SPEC, "user_id", "/v1/events", "user_id"),
                new QueryArgument(ListEventsFunction.SPEC, "event_name", "/v1/events", "event_name"),
                new QueryArgument(ListEventsFunction.SPEC, "cursor", "/v1/events", "cursor"),
                new QueryArgument(ListConversationsFunction.SPEC, "user_id", "/v1/conversations", "user_id"),
                new QueryArgument(ListConversationsFunction.SPEC, "cursor", "/v1/conversations", "cursor"));
        for (QueryArgument q : arguments) {
            for (String value : values) {
                api.resetRequests();
                Answer answer = ToolCalls.post(q.spec().name(), JsonBodies.toJson(body(q.spec(), q.argument(), value))).assertEnvelope();
                String what = q.spec().name() + "." + q.argument() + " = " + value;
                assertEquals(null, answer.code(), () -> what + ": " + answer.body());
                List<LoggedRequest> requests = api.findAll(getRequestedFor(urlPathEqualTo(q.path())));
                assertEquals(1, requests.size(), what);
                LoggedRequest request = requests.get(0);
                assertEquals(List.of(value), request.queryParameter(q.parameter()).values(), what + ": " + request.getUrl());
                assertTrue(!request.getUrl().contains("#") && !request.getUrl().contains(" "), what + ": " + request.getUrl());
                if (q.spec() == GetTraceFunction.SPEC) {
                    assertEquals(List.of("1000"), request.queryParameter("limit").values(), what + ": " + request.getUrl());
                }
            }
        }
    }

    // ---- the generated batch -----------------------------------------------------------------------------------

    @Test
    void seededRandomBodiesGetAClearAnswerFromEveryTool() throws Exception {
        List<String> tools = new ArrayList<>(SPECS.stream().map(ToolSpec::name).toList());
        tools.add("smoke_test");
        int[] perTool = new int[tools.size()];
        List<String> drawnTools = new ArrayList<>();
        List<String> drawnBodies = new ArrayList<>();
        Random random = new Random(SEED);
        Map<String, JsonBodies.Gen<Map<String, Object>>> generators = new LinkedHashMap<>();
        for (ToolSpec spec : SPECS) {
            generators.put(spec.name(), JsonBodies.requests(spec.params().stream().map(Param::name).toList(), ToolCalls.KEY));
        }
        generators.put("smoke_test", JsonBodies.smokeTestRequests(ToolCalls.KEY));
        for (int i = 0; i < GENERATED; i++) {
            int t = random.nextInt(tools.size());
            perTool[t]++;
            drawnTools.add(tools.get(t));
            drawnBodies.add(JsonBodies.toJson(generators.get(tools.get(t)).next(random)));
        }

        // NOT_FOUND: get_span or get_trace asked for a span the trace does not hold.
        Set<String> clear = Set.of(OK, INVALID, "DATE_RANGE_LIMIT", "NOT_FOUND");
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < GENERATED; i++) {
            String tool = drawnTools.get(i);
            String json = drawnBodies.get(i);
            calls.add(() -> {
                Answer answer = ToolCalls.post(tool, json);
                try {
                    answer.assertEnvelope();
                } catch (AssertionError e) {
                    return tool + " " + clip(json) + ": " + e.getMessage();
                }
                String code = answer.code() == null ? OK : answer.code();
                if (!clear.contains(code)) {
                    return tool + " " + clip(json) + ": answered " + code + ": " + clip(answer.text());
                }
                if (answer.text().contains(ToolCalls.KEY)) {
                    return tool + " " + clip(json) + ": shows the key: " + clip(answer.text());
                }
                return null;
            });
        }
        runAll(calls);
        assertTrue(Arrays.stream(perTool).allMatch(n -> n > 40), "every tool drew bodies: " + Arrays.toString(perTool));
    }
}
