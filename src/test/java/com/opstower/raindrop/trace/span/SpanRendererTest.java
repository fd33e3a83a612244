package com.opstower.raindrop.trace.span;

import static com.opstower.raindrop.trace.TraceFixtures.T0;
import static com.opstower.raindrop.trace.TraceFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.trace.GetSpanFunction;
import com.opstower.raindrop.trace.TraceFixtures.Span;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LLM = "b7ad6b7169203331";
    private static final long MS = 1_000_000L;

    /** A root, an LLM call with a JSON prompt of a few thousand characters, and a tool call whose id has slashes. */
    static ResponseBody trace() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("gen_ai.request.model", "gpt-5");
        attributes.put("gen_ai.request.temperature", 0.2);
        List<Span> spans = List.of(
                new Span("t1", "root0001", null, "support_agent.run", "INTERNAL", "OK", T0, T0 + 4_000 * MS, 0,
                        "charged twice", null, null, null, null, null, null),
                new Span("t1", LLM, "root0001", "ai.generateText", "LLM_GENERATION", "OK", T0 + 10 * MS,
                        T0 + 1_210 * MS, 0, prompt(), "The refund of ch_2 is under way.", 812L, 41L, "gpt-5", "openai",
                        attributes),
                new Span("t1", "tool/refund/7", "root0001", "refund_order", "TOOL_CALL", "ERROR", T0 + 1_300 * MS,
                        T0 + 1_900 * MS, 0, "{\"charge\":\"ch_2\"}", "HTTP 502 from payments-api ```oops```", null, null,
                        null, null, Map.of()));
        return body(spans);
    }

    /** The LLM call's input: an OpenAI chat request of 25 messages. */
    private static String prompt() {
        List<Map<String, String>> messages = new ArrayList<>();
        messages.add(message("system", "You are Billie, the billing assistant of Acme Shop."));
        for (int turn = 0; turn < 12; turn++) {
            messages.add(message("user", ("Turn " + turn + ": I was charged twice for order 1042. ").repeat(4)));
            messages.add(message("assistant", ("Turn " + turn + ": let me look up your charges. ").repeat(4)));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("model", "gpt-5");
        request.put("messages", messages);
        return json(request);
    }

    /** Keys in a fixed order, as the snapshots hold them. */
    private static Map<String, String> message(String role, String content) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("role", role);
        message.put("content", content);
        return message;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ToolResult render(String spanId, String field, Integer offset, int maxChars, String pointer) {
        return SpanRenderer.render("evt_1", trace(),
                new SpanRenderer.Request(spanId, field, offset, maxChars, pointer, GetSpanFunction.TRUNC_LEN));
    }

    @Test
    void showsAllThreeFieldsByDefault() {
        // The chat input fits its window: shown whole, not outlined.
        ToolResult result = render(LLM, null, null, 8_000, null);
        Snapshots.assertMatches("span/all-fields.md", result.text());
        assertTrue(result.text().startsWith("## Span `b7ad6b7169203331` · event `evt_1`\n\n`ai.generateText` · LLM_GENERATION"));
    }

    @Test
    void showsTheFirstWindowAndTheOffsetOfTheNext() {
        ToolResult result = render(LLM, "input", 0, 1_000, null);
        Snapshots.assertMatches("span/input-first-window.md", result.text());
        Map<?, ?> field = (Map<?, ?>) ((List<?>) result.data().get("fields")).get(0);
        assertEquals(1_000, field.get("next_offset"));
    }

    @Test
    void showsAMiddleWindow() {
        ToolResult result = render(LLM, "input", 1_000, 1_000, null);
        Snapshots.assertMatches("span/input-middle-window.md", result.text());
        assertTrue(result.text().contains("characters 1,000–2,000 of "));
        assertTrue(result.text().contains("`offset: 2000`"));
    }

    @Test
    void saysWhenTheOffsetIsPastTheEnd() {
        ToolResult result = render(LLM, "output", 9_000, 1_000, null);
        Snapshots.assertMatches("span/offset-past-end.md", result.text());
        assertTrue(!result.isError());
    }

    @Test
    void followsAJsonPointer() {
        ToolResult result = render(LLM, "input", 0, 8_000, "/messages/3/content");
        Snapshots.assertMatches("span/pointer-hit.md", result.text());
        assertTrue(result.text().contains("```text\nTurn 1: I was charged twice for order 1042. Turn 1:"));
    }

    @Test
    void fencesContentThatHoldsBackticksAndReadsIdsWithSlashes() {
        ToolResult result = render("tool/refund/7", "output", 0, 8_000, null);
        assertTrue(result.text().contains("````text\nHTTP 502 from payments-api ```oops```\n````"), result.text());
        assertTrue(result.text().contains("· parent `root0001`"));
    }

    @Test
    void refusesPointersItCannotFollow() {
        assertInvalidPointer(LLM, "output", "/a", "plain text of 32 characters");
        assertInvalidPointer(LLM, "input", "/nothing/here", "a JSON object with 2 keys");
        assertInvalidPointer(LLM, "input", "messages", "is not a JSON Pointer");
    }

    private static void assertInvalidPointer(String spanId, String field, String pointer, String says) {
        ToolFailure failure = assertThrows(ToolFailure.class, () -> render(spanId, field, 0, 100, pointer));
        assertEquals(ErrorCode.INVALID_ARGUMENT, failure.code());
        assertTrue(failure.getMessage().contains("`pointer`"), failure.getMessage());
        assertTrue(failure.getMessage().contains(says), failure.getMessage());
    }

    @Test
    void namesAnUnknownSpanAndTheNextStep() {
        ToolFailure failure = assertThrows(ToolFailure.class, () -> render("nope", null, 0, 100, null));
        assertEquals(ErrorCode.NOT_FOUND, failure.code());
        assertTrue(failure.getMessage().contains("`nope`") && failure.getMessage().contains("3 spans"), failure.getMessage());
        assertTrue(failure.nextStep().contains("get_trace"));
    }

    @Test
    void rejectsBytesThatAreNotUtf8InAnotherSpansPayload() {
        byte[] json = ("{\"data\":[{\"span_id\":\"a\",\"input\":\"ok\"},{\"span_id\":\"b\",\"input\":\"x?y\"}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        json[new String(json, java.nio.charset.StandardCharsets.UTF_8).indexOf("x?y") + 1] = (byte) 0xFF;
        ToolFailure failure = assertThrows(ToolFailure.class, () -> SpanRenderer.render("evt_1", ResponseBody.of(json),
                new SpanRenderer.Request("a", null, 0, 100, null, GetSpanFunction.TRUNC_LEN)));
        assertEquals(ErrorCode.UPSTREAM_BAD_RESPONSE, failure.code());
    }

    @Test
    void saysWhenAPayloadReachedTheUpstreamCap() {
        ToolResult result = SpanRenderer.render("evt_1", trace(), new SpanRenderer.Request("tool/refund/7", "input", 0,
                100, null, 16));
        assertTrue(result.text().contains("reached the Query API's cap of 16 characters"), result.text());
    }

    @Test
    void keepsTheWholeAnswerUnderTwiceTheTextBound() throws JsonProcessingException {
        String huge = "x".repeat(99_000);
        ResponseBody body = body(List.of(new Span("t1", "s1", null, "big", "INTERNAL", "OK", T0, T0 + MS, 0, huge, huge,
                null, null, null, null, Map.of("k", huge))));
        for (String field : new String[] {null, "input"}) {
            ToolResult result = SpanRenderer.render("evt_1", body,
                    new SpanRenderer.Request("s1", field, 0, SpanRenderer.MAX_WINDOW, null, GetSpanFunction.TRUNC_LEN));
            int whole = result.text().length() + JSON.writeValueAsString(result.data()).length();
            assertTrue(whole < 2 * SpanRenderer.MAX_WINDOW, whole + " characters");
        }
    }

    @Test
    void outlinesAChatPayloadLongerThanTheWindowWithThePointerThatReadsEachMessage() {
        ToolResult result = render(LLM, "input", null, 1_000, null);
        Snapshots.assertMatches("span/input-outline.md", result.text());
        Map<?, ?> field = (Map<?, ?>) ((List<?>) result.data().get("fields")).get(0);
        assertEquals(25, field.get("messages"));
        assertEquals(true, field.get("outlined"));
        // Each line's pointer reads its message's text.
        String line = result.text().lines().filter(l -> l.startsWith("- `/messages/3/content` user")).findFirst().orElseThrow();
        assertTrue(render(LLM, "input", null, 1_000, "/messages/3/content").text()
                .contains("```text\nTurn 1: I was charged twice for order 1042."), line);
        // With an offset, the same payload is read as text.
        assertTrue(render(LLM, "input", 0, 1_000, null).text().contains("characters 0–1,000 of "));
    }

    @Test
    void outlinesAChatPayloadCutUpstreamUpToItsCut() {
        String prompt = prompt();
        ToolResult result = SpanRenderer.render("evt_1", trace(), new SpanRenderer.Request(LLM, "input", null, 1_000, null,
                prompt.length()));
        assertTrue(result.text().contains("· 25 chat messages in "), result.text());
        ToolResult cut = SpanRenderer.render("evt_1", body(List.of(new Span("t1", "s1", null, "llm", "LLM_GENERATION",
                "OK", T0, T0 + MS, 0, prompt.substring(0, 2_000), null, null, null, null, null, null))),
                new SpanRenderer.Request("s1", "input", null, 1_000, null, 2_000));
        Snapshots.assertMatches("span/input-outline-cut-upstream.md", cut.text());
    }

    @Test
    void aLongPayloadThatIsNotChatIsShownInWindowsAsBefore() {
        ToolResult result = SpanRenderer.render("evt_1", body(List.of(new Span("t1", "s1", null, "llm", "LLM_GENERATION",
                "OK", T0, T0 + MS, 0, "[" + "1,".repeat(2_000) + "1]", null, null, null, null, null, null))),
                new SpanRenderer.Request("s1", "input", null, 1_000, null, GetSpanFunction.TRUNC_LEN));
        assertTrue(result.text().contains("### input · characters 0–1,000 of 4,003"), result.text());
    }
}
