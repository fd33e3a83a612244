package com.opstower.raindrop.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgsTest {

    private static final ToolSpec SPEC = new ToolSpec("demo", "A demo tool.", List.of(
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
    @ValueSource(strings = {"", "   ", "a\u0000b", "line\nbreak"})
    void refusesEmptyOrControlCharacterText(String value) {
        refused(with("user_id", value));
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
}
