package com.opstower.raindrop.trace.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.local.SampleQueryApi;
import com.opstower.raindrop.local.SampleWorkspace;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.trace.focus.Focus;
import com.opstower.raindrop.trace.tree.TraceRenderer.Options;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default tree of the sample workspace's traces as get_trace draws them by default ({@code trunc_len} 50000, the
 * 40,000-character bound), read from the sample Query API over HTTP: above all the noisy support-agent turn, a dozen
 * spans that matter among several hundred of instrumentation, whose cause sits in a tool result.
 */
class SampleTraceTreeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** get_trace's default {@code trunc_len}. */
    private static final int DEFAULT_TRUNC_LEN = 50_000;
    private static final Options DEFAULTS = options(DEFAULT_TRUNC_LEN);
    private static final String KEY = "sample-tree-key";

    private static SampleQueryApi api;

    @BeforeAll
    static void start() throws Exception {
        api = new SampleQueryApi(SampleWorkspace.generate(Instant.parse("2026-11-26T12:00:00Z")), KEY, 0).start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static Options options(int truncLen) {
        return new Options(Options.DEFAULT_PREVIEW_LENGTH, Options.DEFAULT_MAX_ANSWER_CHARS, TraceRenderer.MAX_LIMIT,
                Focus.NONE, truncLen);
    }

    @Test
    void drawsTheNoisyTurnSoThatItsStoryAndEveryCallFitIn16000Characters() throws Exception {
        ResponseBody body = traces(SampleWorkspace.NOISY_TRACE_EVENT_ID, DEFAULT_TRUNC_LEN);
        ToolResult result = TraceRenderer.render(SampleWorkspace.NOISY_TRACE_EVENT_ID, body, DEFAULTS);
        String text = result.text();

        Snapshots.assertMatches("trace/sample-noisy-turn.md", text);
        int whole = text.length() + JSON.writeValueAsString(result.data()).length();
        System.out.println("get_trace " + SampleWorkspace.NOISY_TRACE_EVENT_ID + ": " + text.length() + " characters of text, "
                + whole + " whole");
        assertTrue(text.length() <= 16_000, text.length() + " characters of text");
        assertTrue(whole <= 20_000, whole + " characters whole");
        for (JsonNode span : JSON.readTree(body.toArray()).get("data")) {
            String type = span.get("span_type").asText();
            if (type.equals("TOOL_CALL") || type.startsWith("LLM_") || !span.get("model").isNull()) {
                assertTrue(text.contains("· span `" + span.get("span_id").asText() + "`"),
                        "the line of " + span.get("span_name") + " " + span.get("span_id"));
            }
        }
        Map<?, ?> counts = (Map<?, ?>) result.data().get("counts");
        assertEquals(384, counts.get("spans"));
        assertEquals(384, counts.get("shown_spans"), "nothing is left out: the noise is folded, not dropped");
        assertEquals(364, counts.get("folded_spans"), "the 367 instrumentation spans but the failed GET and the two below "
                + "the call whose result differs from its arguments");
        int quote = text.indexOf("- `calculate_refund` · TOOL_CALL");
        String belowQuote = text.substring(quote, text.indexOf("- 53 instrumentation", quote));
        assertTrue(belowQuote.contains("feature_flag.key=refund-quote-cache") && belowQuote.contains("feature_flag.result.variant=on")
                && belowQuote.contains("cache.hit=true · cache.key=refund_quote:cust_5532"),
                "below the call that answered for another return, the cache hit under a key naming the customer alone: "
                        + belowQuote);
        assertEquals(1, counts.get("recovered_errors"));
        assertTrue(text.contains(" · 1 error, recovered · "), "the decoy is counted apart");
        assertTrue(text.contains("span `5e5c4394e8e1d126` · recovered by `775bc196d22d5921`"), "the 503 names its retry");
        assertTrue(text.contains("❌ `GET` · INTERNAL · **ERROR** (`HTTP 503`) · "), "the decoy says why it failed");
        assertTrue(text.contains("- input: same as parent `c556774974292ff8`"), "doGenerate repeats its parent's prompt");
        assertEquals(6, text.lines().filter(line -> line.matches(" *- input: `\\d+ messages: system .*\\. Newest: .*")).count(),
                "every model call's input but the doGenerate spans' previews as messages: count, roles, the newest");
        assertTrue(text.contains("- input: `15 messages: system · user · assistant · … · tool · assistant · user. Newest: "
                + "assistant: Done, Lena! I've refunded **€22.90**"), "the guardrail call is shown what it checks");
        assertTrue(!text.contains("cut upstream"), "every payload of the turn arrives whole");
        assertTrue(text.contains("\"refund_total\":\"22.90\",\"currency\":\"EUR\",\"refund_method\":\"original_payment\","
                + "\"requires_approval\":false,\"quoted_at\":\"2026-11-14T12:00:00Z\"}`\n"),
                "the quote's short result whole: its total, and its date, ten days before the return arrived");
        String story = text.substring(0, text.indexOf("\n- "));
        assertTrue(story.lines().anyMatch(line -> line.contains("`calculate_refund({\"order_id\":\"NW-48213\",\"rma_id\":\"RMA-7731\"")
                && line.contains("\"order_id\":\"NW-41877\",\"rma_id\":\"RMA-6620\"") && line.contains("`eec808548c832175`")),
                "the header's story shows the call that held the cause, asked for one return, answering for another");
        assertEquals(List.of("3. `calculate_refund"), story.lines().filter(line -> line.endsWith(" · **result differs from "
                + "arguments**: `order_id NW-48213 → NW-41877, rma_id RMA-7731 → RMA-6620`")).map(line -> line.substring(0, 20))
                .toList(), "the one call that answered about another order and return says so; the others echo their arguments");
        assertTrue(story.contains("**Final output** (span `c556774974292ff8`): `Done, Lena! I've refunded **€22.90**"), story);
        assertTrue(text.lines().noneMatch(line -> line.contains("customer support agent of Northwind")),
                "no preview repeats the system prompt past its first words");
        String hint = text.substring(text.lastIndexOf("\nNext: "));
        assertTrue(hint.indexOf("get_span") < hint.indexOf("`span_type`") && hint.indexOf("`span_type`") < hint.indexOf("getAsFile"),
                hint);
    }

    @Test
    void anExplicitTruncLenOf4000CutsEveryModelCallInsideItsSystemPromptAndSaysSo() throws Exception {
        ToolResult result = TraceRenderer.render(SampleWorkspace.NOISY_TRACE_EVENT_ID,
                traces(SampleWorkspace.NOISY_TRACE_EVENT_ID, 4_000), options(4_000));
        String text = result.text();

        Snapshots.assertMatches("trace/sample-noisy-turn-trunc-len-4000.md", text);
        assertTrue(text.contains("(cut upstream at trunc_len 4,000; get_span reads up to 100,000)"), "get_order's cut");
        assertTrue(text.contains("- input: `[{\"role\":\"system\",\"content\":\"You are Nora, the c` … (cut upstream at trunc_len "
                + "4,000; get_span reads up to 100,000)"), "a chat payload cut inside its system prompt shows only its opening");
        assertTrue(text.lines().noneMatch(line -> line.contains("customer support agent of Northwind")),
                "no preview repeats the system prompt past its first words");
    }

    @Test
    void focusArgumentsDrawAFoldedSpanInFull() throws Exception {
        ResponseBody body = traces(SampleWorkspace.NOISY_TRACE_EVENT_ID, DEFAULT_TRUNC_LEN);
        String firstOfRun = "895f653f8483942a";
        assertTrue(TraceRenderer.render(SampleWorkspace.NOISY_TRACE_EVENT_ID, body, DEFAULTS).text()
                .contains("- 53 instrumentation spans: cache.get ×38, flags.evaluate ×12, db.query ×2, cache.set ×1 · 25 ms in "
                        + "all from +3.92 s · spans `" + firstOfRun + "` … `68c08bdc0a7e9ef8`"), "folded in the whole tree");

        String text = TraceRenderer.render(SampleWorkspace.NOISY_TRACE_EVENT_ID, body, new Options(200, 40_000,
                TraceRenderer.MAX_LIMIT, Focus.of(null, List.of(), firstOfRun, null), DEFAULT_TRUNC_LEN)).text();
        assertTrue(text.contains("- `db.query` · INTERNAL · UNSET · 1 ms at +3.92 s · span `" + firstOfRun
                + "`\n      - attributes: `db.collection.name=agent_steps · "), text);
        assertTrue(!text.contains("instrumentation spans:"), "a focused tree folds nothing");
    }

    @Test
    void aFocusedToolCallShowsTheAttributesThatHoldItsCause() throws Exception {
        String text = TraceRenderer.render(SampleWorkspace.NOISY_TRACE_EVENT_ID,
                traces(SampleWorkspace.NOISY_TRACE_EVENT_ID, DEFAULT_TRUNC_LEN), new Options(200, 40_000,
                        TraceRenderer.MAX_LIMIT, Focus.of(null, List.of(), "eec808548c832175", null), DEFAULT_TRUNC_LEN))
                .text();

        Snapshots.assertMatches("trace/sample-noisy-refund-quote.md", text);
        String cacheRead = text.substring(text.indexOf("`cache.get`"));
        assertTrue(cacheRead.contains("- attributes: `") && cacheRead.contains("cache.key=refund_quote:cust_5532")
                && cacheRead.contains("cache.hit=true"),
                "the quote was a cache hit under a key naming the customer alone, not the return: " + cacheRead);
    }

    @Test
    void drawsTheLargeCheckoutTrace() throws Exception {
        ToolResult result = TraceRenderer.render(SampleWorkspace.LARGE_TRACE_EVENT_ID,
                traces(SampleWorkspace.LARGE_TRACE_EVENT_ID, DEFAULT_TRUNC_LEN), DEFAULTS);

        Snapshots.assertMatches("trace/sample-large-142-spans.md", result.text());
        System.out.println("get_trace " + SampleWorkspace.LARGE_TRACE_EVENT_ID + ": " + result.text().length()
                + " characters of text");
        assertEquals(SampleWorkspace.LARGE_TRACE_SPANS, ((Map<?, ?>) result.data().get("counts")).get("spans"));
        assertTrue(result.text().length() <= DEFAULTS.maxAnswerChars());
    }

    /** The {@code /v1/traces} body of an event, as get_trace asks for it with this {@code trunc_len}. */
    private static ResponseBody traces(String eventId, int truncLen) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.baseUri()
                        + "/v1/traces?event_id=" + eventId + "&limit=1000&trunc_len=" + truncLen))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), new String(response.body()));
        return ResponseBody.of(response.body());
    }
}
