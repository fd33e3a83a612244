package com.opstower.raindrop.trace.tree;

import static com.opstower.raindrop.trace.TraceFixtures.T0;
import static com.opstower.raindrop.trace.TraceFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.trace.TraceFixtures.Span;
import com.opstower.raindrop.trace.TraceFixtures;
import com.opstower.raindrop.trace.focus.Focus;
import com.opstower.raindrop.trace.tree.TraceRenderer.Options;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** get_trace's focus arguments, rendered: which spans the tree is drawn for, and what the header says of them. */
class FocusRenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Span> RUN = TraceFixtures.supportAgentRun(17);

    private static ToolResult focused(List<Span> spans, String status, String types, String spanId, String search) {
        return TraceRenderer.render("evt_support_run", body(spans), new Options(200, 40_000, 1000,
                Focus.of(status, types == null ? List.of() : List.of(types), spanId, search), 50_000));
    }

    @Test
    void keepsTheErrorSpansWithTheirAncestorsAsContext() {
        ToolResult result = focused(RUN, "error", null, null, null);
        Snapshots.assertMatches("trace/focus-status-error.md", result.text());
        assertTrue(result.text().contains("**6 of 142 spans match** `status=error`"), result.text());
        assertTrue(result.text().contains(SpanLines.CONTEXT + "\n"));
        assertEquals(6, ((Map<?, ?>) result.data().get("focus")).get("matched_spans"));
    }

    @Test
    void keepsSpansOfTheTypesGiven() {
        ToolResult result = focused(RUN, null, "TOOL_CALL, retrieval", null, null);
        Snapshots.assertMatches("trace/focus-span-types.md", result.text());
        assertTrue(result.text().contains("**35 of 142 spans match**"), result.text());
    }

    @Test
    void showsOneSpansPathAndSubtree() {
        String refund = RUN.stream().filter(s -> s.spanName().equals("refund_order")).findFirst().orElseThrow().spanId();
        ToolResult result = focused(RUN, null, null, refund, null);
        Snapshots.assertMatches("trace/focus-span-id.md", result.text());
        assertTrue(result.text().contains("**3 of 142 spans match**"), result.text());
    }

    @Test
    void showsWhereTheSearchMatched() {
        ToolResult result = focused(RUN, "ERROR", null, null, "/502 bad gateway/");
        Snapshots.assertMatches("trace/focus-search.md", result.text());
        assertTrue(result.text().contains("- match in output: `PaymentsApiError: «502 Bad Gateway» from payments-api"),
                result.text());
    }

    @Test
    void findsPlainTextInAnyCaseInPayloadsAndAttributeValues() {
        long ms = 1_000_000L;
        Map<String, Object> http = new java.util.LinkedHashMap<>();
        http.put("http.method", "POST");
        http.put("http.url", "https://payments.example/v1/REFUNDS?order=1042");
        http.put("http.status_code", 429);
        List<Span> spans = List.of(
                new Span("t1", "a1", null, "support_agent.run", "INTERNAL", "OK", T0, T0 + 900 * ms, 0,
                        "Why was I charged twice?", "I could not reverse it.", null, null, null, null, Map.of()),
                new Span("t1", "b2", "a1", "llm.plan", "LLM_GENERATION", "OK", T0 + 10 * ms, T0 + 400 * ms, 0,
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"Please Refund order 1042\"}]}",
                        "Calling refund_order.", 812L, 20L, "gpt-5", "openai", Map.of("gen_ai.system", "openai")),
                new Span("t1", "c3", "a1", "refund_order", "TOOL_CALL", "ERROR", T0 + 410 * ms, T0 + 800 * ms, 0,
                        "{\"order_id\":1042}", "rate limited", null, null, null, null, Map.of()),
                new Span("t1", "d4", "c3", "http.request", "INTERNAL", "ERROR", T0 + 420 * ms, T0 + 790 * ms, 0,
                        null, null, null, null, null, null, http));
        ToolResult result = focused(spans, null, null, null, "refund");
        Snapshots.assertMatches("trace/focus-search-text.md", result.text());
        assertTrue(result.text().contains("**3 of 4 spans match** `search=refund`"), result.text());
        assertTrue(result.text().contains("- match in attributes.http.url: `https://payments.example/v1/«REFUND»S?order=1042`"),
                result.text());
    }

    @Test
    void saysSoWhenNothingMatches() {
        ToolResult result = focused(RUN, "ERROR", "LLM_GENERATION", null, "no such text");
        Snapshots.assertMatches("trace/focus-no-match.md", result.text());
        assertTrue(!result.isError() && result.text().contains("No span matches"));
    }

    @Test
    void namesAnUnknownSpanId() {
        ToolFailure failure = assertThrows(ToolFailure.class, () -> focused(RUN, null, null, "a/b/c", null));
        assertEquals(ErrorCode.NOT_FOUND, failure.code());
        assertTrue(failure.getMessage().contains("`a/b/c`"));
    }

    @Test
    void refusesSearchesItCannotRun() {
        for (String search : List.of("/(/", "/a{2,1}/", "x".repeat(Focus.MAX_SEARCH_CHARS + 1))) {
            ToolFailure failure = assertThrows(ToolFailure.class, () -> Focus.of(null, List.of(), null, search));
            assertEquals(ErrorCode.INVALID_ARGUMENT, failure.code());
            assertTrue(failure.getMessage().contains("`search`"), failure.getMessage());
        }
    }

    @Test
    void runsACatastrophicPatternInLinearTime() {
        String payload = "a".repeat(49_999) + "!";
        List<Span> spans = List.of(new Span("t", "s1", null, "parse", "INTERNAL", "OK", T0, T0 + 1, 0, payload, payload,
                null, null, null, null, Map.of("k", payload)));
        ToolResult result = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> focused(spans, null, null, null, "/(a+)+$/"));
        assertTrue(result.text().contains("No span matches"), result.text());
    }

    @Test
    void keepsEveryAnswerOfA1000SpanTraceUnder50000CharactersWhole() throws JsonProcessingException {
        List<Span> big = TraceFixtures.supportAgentRun(124);
        ResponseBody body = body(big);
        for (Focus focus : List.of(Focus.NONE, Focus.of(null, List.of("TOOL_CALL"), null, null), Focus.of(null, List.of(), null, "order"))) {
            ToolResult result = TraceRenderer.render("evt_big", body, new Options(200, 40_000, 1000, focus, 50_000));
            int whole = result.text().length() + JSON.writeValueAsString(result.data()).length();
            System.out.println("get_trace " + focus.describe() + " on " + big.size() + " spans: " + whole
                    + " characters whole (" + result.text().length() + " text)");
            assertTrue(whole < 50_000, whole + " characters");
        }
    }
}
