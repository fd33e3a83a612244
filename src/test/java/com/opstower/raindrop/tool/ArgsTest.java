package com.opstower.raindrop.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.config.RaindropApiConfig;
import com.opstower.raindrop.registry.ToolRegistry;
import com.opstower.raindrop.testing.JsonBodies;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgsTest {

    /** The real tools' argument specifications (smoke_test reads its one list itself). */
    /** A tool with one argument of every kind; ToolSchemasTest derives its schema. */
    static final ToolSpec SPEC = new ToolSpec("demo", "A demo tool.", List.of(
            Param.id("event_id", "An id."),
            Param.text("user_id", "A user."),
            Param.timestamp("after", "A time."),
            Param.integer("limit", "How many.", 1, 100, 20),
            Param.flag("getAsFile", "As a file.", false),
            Param.choice("sort", "Order.", List.of("a", "-a"), "-a")));

    private static Args parse(Map<String, Object> request) {
        return Args.parse(SPEC, request);
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> request = new HashMap<>();
        request.put("event_id", "evt_1");
        request.put(key, value);
        return request;
    }

    private static ToolFailure refused(Map<String, Object> request) {
        ToolFailure failure = assertThrows(ToolFailure.class, () -> parse(request));
        assertEquals(ErrorCode.INVALID_ARGUMENT, failure.code());
        return failure;
    }

    @Test
    void appliesDefaults() {
        Args args = parse(Map.of("event_id", " evt_1 "));
        assertEquals("evt_1", args.id("event_id"));
        assertEquals(20, args.integer("limit"));
        assertEquals(false, args.flag("getAsFile"));
        assertEquals("-a", args.choice("sort"));
        assertEquals(Optional.empty(), args.text("user_id"));
        assertEquals(Optional.empty(), args.instant("after"));
    }

    @Test
    void acceptsLenientButExactForms() {
        assertEquals(5, parse(with("limit", "5")).integer("limit"));
        assertEquals(5, parse(with("limit", 5.0)).integer("limit"));
        assertEquals(true, parse(with("getAsFile", "true")).flag("getAsFile"));
        assertEquals(Instant.parse("2026-11-20T00:00:00Z"), parse(with("after", "2026-11-20")).instant("after").orElseThrow());
        assertEquals(Instant.parse("2026-11-19T22:00:00Z"), parse(with("after", "2026-11-20T00:00:00+02:00")).instant("after").orElseThrow());
        assertEquals("ünïcødé 用户", parse(with("user_id", "ünïcødé 用户")).text("user_id").orElseThrow());
    }

    @Test
    void treatsNullAsAbsent() {
        assertEquals(20, parse(with("limit", null)).integer("limit"));
    }

    @Test
    void requiresRequiredArguments() {
        ToolFailure failure = refused(new HashMap<>());
        assertEquals("`event_id` is required.", failure.getMessage());
        assertTrue(failure.nextStep().contains("Call demo again with `event_id`"));
    }

    @Test
    void namesAnUnknownArgumentAndTheAcceptedOnes() {
        ToolFailure failure = refused(with("userId", "u"));
        assertEquals("`userId` is not an argument of demo.", failure.getMessage());
        assertTrue(failure.nextStep().contains("`event_id`, `user_id`, `after`, `limit`, `getAsFile`, `sort`"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "a\u0000b", "line\nbreak", "a\u0085b", "a\u007fb", "a\uD800b", "\uDC00", "x\uD83D"})
    void refusesEmptyOrControlCharacterTextAndHalvesOfSurrogatePairs(String value) {
        refused(with("user_id", value));
        refused(with("event_id", value));
    }

    @Test
    void acceptsWholeSurrogatePairs() {
        assertEquals("😀 \uD83D\uDE00", parse(with("user_id", "😀 \uD83D\uDE00")).text("user_id").orElseThrow());
    }

    @Test
    void refusesHugeText() {
        refused(with("user_id", "x".repeat(1_000_000)));
        refused(with("event_id", "e".repeat(Args.MAX_ID_LENGTH + 1)));
    }

    @Test
    void refusesWrongTypesAndOutOfRangeNumbers() {
        refused(with("user_id", 42));
        refused(with("event_id", List.of("a")));
        refused(with("limit", 0));
        refused(with("limit", -1));
        refused(with("limit", 101));
        refused(with("limit", 2.5));
        refused(with("limit", Long.MAX_VALUE));
        refused(with("limit", new BigInteger("99999999999999999999999")));
        refused(with("limit", "twenty"));
        refused(with("limit", true));
        refused(with("getAsFile", "yes"));
        refused(with("sort", "A"));
        refused(with("after", "yesterday"));
        refused(with("after", 1732406400));
    }

    @Test
    void echoesABadValueSafely() {
        ToolFailure failure = refused(with("sort", "`" + "x".repeat(100)));
        assertTrue(failure.getMessage().contains("got \"?xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\""), failure.getMessage());
    }

    @Test
    void echoesHalvesOfSurrogatePairsAsQuestionMarksAndCutsOnlyBetweenWholeCharacters() {
        assertTrue(refused(with("limit", "\uD800x")).getMessage().contains("got \"?x\""));
        assertEquals("`?` is not an argument of demo.", refused(with("\uDC00", 1)).getMessage());
        String emoji = "😀".repeat(50);
        assertTrue(refused(with("sort", emoji)).getMessage().contains("got \"" + "😀".repeat(40) + "…\""));
    }

    // ---- property: any request body, any tool ---------------------------------------------------------------------

    private static RaindropApiConfig configuredKey(String key) {
        return new RaindropApiConfig() {
            public String apiUrl() { return "http://localhost"; }
            public Optional<String> apiKey() { return Optional.of(key); }
            public Optional<String> projectId() { return Optional.empty(); }
            public Duration connectTimeout() { return Duration.ofSeconds(1); }
            public Duration readTimeout() { return Duration.ofSeconds(1); }
            public int maxResponseBytes() { return 1024; }
            public Retry retry() { return null; }
        };
    }

    /**
     * Whatever an agent sends, the calling convention answers with the tool's work or a clear INVALID_ARGUMENT that
     * names a next step, echoes nothing unprintable and never fails otherwise: 1,000 bodies drawn from a fixed seed,
     * each failure reported with its seed and draw so that it can be replayed. BadInputTest plays bodies from the same
     * generators over HTTP.
     */
    @Test
    void anyRequestRunsTheToolOrIsRefusedAsAnInvalidArgument() {
        long seed = Long.getLong("bodies.seed", 20261126L);
        Random random = new Random(seed);
        for (int draw = 0; draw < 1000; draw++) {
            ToolSpec spec = ToolRegistry.agentSpecs().get(random.nextInt(ToolRegistry.agentSpecs().size()));
            Map<String, Object> request = JsonBodies.requests(spec.params().stream().map(Param::name).toList(), "rk_prop_7f3a")
                    .next(random);
            String where = "seed " + seed + ", draw " + draw + ", " + spec.name() + " " + JsonBodies.toJson(request);
            try {
                answersOrRefusesClearly(spec, request);
            } catch (AssertionError e) {
                throw new AssertionError(where + ": " + e.getMessage(), e);
            }
        }
    }

    private static void answersOrRefusesClearly(ToolSpec spec, Map<String, Object> request) {
        ToolResult result = new ToolRunner(configuredKey("rk_configured_1")).run(spec, request, (args, connection) -> {
            for (Param param : spec.params()) {
                // Every value the tool reads has the declared type (the accessors cast).
                switch (param.kind()) {
                    case ID, TEXT -> args.text(param.name());
                    case TEXTS -> args.texts(param.name());
                    case INTEGER -> args.optionalInteger(param.name());
                    case BOOLEAN -> args.flag(param.name());
                    case TIMESTAMP -> args.instant(param.name());
                    case CHOICE -> args.choice(param.name());
                }
            }
            return ToolResult.ok("ran", Map.of());
        });
        if (result.isError()) {
            assertEquals(ErrorCode.INVALID_ARGUMENT, result.error().code(), result.text());
            assertTrue(result.text().contains("Next step: "), result.text());
            assertTrue(result.text().chars().allMatch(c -> c == '\n' || !Character.isISOControl(c)), result.text());
            assertTrue(Args.isText(result.text().replace('\n', ' ')), "no half of a surrogate pair in " + result.text());
        } else {
            assertEquals("ran", result.text());
        }
    }
}
