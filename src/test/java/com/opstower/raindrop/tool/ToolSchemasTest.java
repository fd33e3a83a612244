package com.opstower.raindrop.tool;

import static com.opstower.raindrop.testing.JsonSchemas.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.registry.ToolRegistry;
import com.opstower.raindrop.testing.JsonSchemas;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The schemas are derived from the Params that Args validates with, and agree with Args on what is refused. */
class ToolSchemasTest {

    /** The spec ArgsTest validates with. */
    private static final ToolSpec DEMO = ArgsTest.SPEC;

    private static final Map<String, Object> SCHEMA = ToolSchemas.inputSchema(DEMO);

    @Test
    void describesEachKindOfArgument() {
        assertEquals(Map.of(
                "$schema", "https://json-schema.org/draft/2020-12/schema",
                "type", "object",
                "properties", Map.of(
                        "event_id", Map.of("type", "string", "description", "An id.", "minLength", 1, "maxLength", 256),
                        "user_id", Map.of("type", "string", "description", "A user.", "minLength", 1, "maxLength", 4096),
                        "after", Map.of("type", "string", "pattern", ToolSchemas.TIMESTAMP_PATTERN, "description",
                                "A time. ISO-8601: 2026-11-20T09:00:00Z, or 2026-11-20 for midnight UTC."),
                        "limit", Map.of("type", "integer", "description", "How many.", "minimum", 1L, "maximum", 100L,
                                "default", 20L),
                        "getAsFile", Map.of("type", "boolean", "description", "As a file.", "default", false),
                        "sort", Map.of("type", "string", "description", "Order.", "enum", List.of("a", "-a"), "default", "-a")),
                "required", List.of("event_id"),
                "additionalProperties", false), SCHEMA);
        assertEquals(List.of("event_id", "user_id", "after", "limit", "getAsFile", "sort"),
                List.copyOf(((Map<?, ?>) SCHEMA.get("properties")).keySet()), "properties keep the declared order");
    }

    @Test
    void leavesOutRequiredWhenNothingIsRequired() {
        Map<String, Object> schema = ToolSchemas.inputSchema(new ToolSpec("none", "No arguments.", List.of()));
        assertFalse(schema.containsKey("required"));
        assertEquals(Map.of(), schema.get("properties"));
        assertEquals(List.of(), errors(schema, Map.of()));
        assertFalse(errors(schema, Map.of("x", 1)).isEmpty());
    }

    @Test
    void everyAgentToolSchemaIsADraft202012Schema() {
        for (ToolSpec spec : ToolRegistry.agentSpecs()) {
            assertEquals(List.of(), JsonSchemas.metaSchemaErrors(ToolSchemas.inputSchema(spec)), spec.name());
        }
    }

    @Test
    void acceptsWhatArgsAcceptsInItsCanonicalForm() {
        Map<String, Object> request = Map.of("event_id", "evt_1", "user_id", "ünïcødé 用户", "after", "2026-11-20T00:00:00+02:00",
                "limit", 5, "getAsFile", true, "sort", "a");
        Args.parse(DEMO, request);
        assertEquals(List.of(), errors(SCHEMA, request));
        for (String time : List.of("2026-11-20", "2026-11-20T09:00Z", "2026-11-20T09:00:00.123Z", "2026-11-20T09:00:00.123456789-05:30")) {
            Args.parse(DEMO, Map.of("event_id", "evt_1", "after", time));
            assertEquals(List.of(), errors(SCHEMA, Map.of("event_id", "evt_1", "after", time)), time);
        }
    }

    /** ArgsTest's refused inputs: each is refused by the schema too, or is one of the runtime-only checks. */
    static Stream<Arguments> refusedInputs() {
        return Stream.of(
                Arguments.of("user_id", "", null),
                Arguments.of("user_id", "   ", "strings that are empty once trimmed (whitespace only)"),
                Arguments.of("user_id", "a\u0000b", "strings with control characters"),
                Arguments.of("user_id", "line\nbreak", "strings with control characters"),
                Arguments.of("user_id", "x".repeat(1_000_000), null),
                Arguments.of("event_id", "e".repeat(Args.MAX_ID_LENGTH + 1), null),
                Arguments.of("user_id", 42, null),
                Arguments.of("event_id", List.of("a"), null),
                Arguments.of("limit", 0, null),
                Arguments.of("limit", -1, null),
                Arguments.of("limit", 101, null),
                Arguments.of("limit", 2.5, null),
                Arguments.of("limit", Long.MAX_VALUE, null),
                Arguments.of("limit", new BigInteger("99999999999999999999999"), null),
                Arguments.of("limit", "twenty", null),
                Arguments.of("limit", true, null),
                Arguments.of("getAsFile", "yes", null),
                Arguments.of("sort", "A", null),
                Arguments.of("sort", "`" + "x".repeat(100), null),
                Arguments.of("after", "yesterday", null),
                Arguments.of("after", 1732406400, null),
                Arguments.of("after", "2026-02-30", "calendar dates that do not exist, such as 2026-02-30"),
                Arguments.of("userId", "u", null));
    }

    @ParameterizedTest
    @MethodSource("refusedInputs")
    void refusesWhatArgsRefusesOrNamesTheRuntimeCheck(String key, Object value, String runtimeOnly) {
        Map<String, Object> request = new HashMap<>();
        request.put("event_id", "evt_1");
        request.put(key, value);
        ToolFailure failure = assertThrows(ToolFailure.class, () -> Args.parse(DEMO, request));
        assertEquals(ErrorCode.INVALID_ARGUMENT, failure.code());
        List<String> schemaErrors = errors(SCHEMA, request);
        if (runtimeOnly == null) {
            assertFalse(schemaErrors.isEmpty(), key + " should be refused by the schema");
        } else {
            assertEquals(List.of(), schemaErrors, key + " passes the schema");
            assertTrue(ToolSchemas.RUNTIME_ONLY_CHECKS.contains(runtimeOnly), runtimeOnly);
        }
    }

    @Test
    void refusesAMissingRequiredArgument() {
        assertThrows(ToolFailure.class, () -> Args.parse(DEMO, Map.of()));
        assertFalse(errors(SCHEMA, Map.of()).isEmpty());
    }

    @Test
    void leavesTheConnectionToTheCallingConvention() {
        // The HTTP and Lambda convention accepts `connection` beside the arguments; the schema, which MCP clients
        // read, describes the arguments alone.
        Map<String, Object> request = Map.of("event_id", "evt_1", Args.CONNECTION, Map.of("api_key", "rk_1"));
        Args.parse(DEMO, request);
        assertFalse(errors(SCHEMA, request).isEmpty());
    }
}
