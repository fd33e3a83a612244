package com.opstower.raindrop.trace.tree;

import static com.opstower.raindrop.trace.TraceFixtures.body;
import static com.opstower.raindrop.trace.TraceFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.trace.TraceFixtures.Span;
import com.opstower.raindrop.trace.TraceFixtures;
import com.opstower.raindrop.trace.focus.Focus;
import com.opstower.raindrop.trace.tree.TraceRenderer.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TraceRendererTest {

    private static final Options DEFAULTS = Options.withLimit(1000);
    private static final Pattern SHOWING = Pattern.compile("showing (\\d+) of (\\d+) spans to fit the answer\\)");

    @Test
    void rendersTheContractExample() {
        ToolResult result = TraceRenderer.render("evt_abc123", fixture("refund-3-spans.json"), DEFAULTS);

        Snapshots.assertMatches("trace/refund-3-spans.md", result.text());
        assertFalse(result.isError());
        Map<String, Object> data = result.data();
        assertEquals("evt_abc123", data.get("event_id"));
        assertEquals(List.of("4bf92f3577b34da6a3ce929d0e0e4736"), data.get("trace_ids"));
        assertEquals(Map.of("spans", 3, "shown_spans", 3, "traces", 1, "llm_calls", 1, "tool_calls", 1, "retrievals", 0,
                "errors", 1, "recovered_errors", 0, "folded_spans", 0, "fold_lines", 0), data.get("counts"));
        assertEquals(Map.of("wall_time_ns", 2_450_000_000L, "models", 1,
                "tokens", Map.of("gpt-5", Map.of("input_tokens", 812L, "output_tokens", 41L))), data.get("totals"));
        assertEquals(false, data.get("limit_reached"));
        assertEquals(List.of("7a1f0c2b9d3e4f50"), data.get("error_span_ids"));
    }

    @Test
    void rendersARealisticAgentRunOf142Spans() {
        ToolResult result = TraceRenderer.render("evt_support_run", body(TraceFixtures.supportAgentRun(17)), DEFAULTS);

        Snapshots.assertMatches("trace/support-agent-142-spans.md", result.text());
        assertTrue(result.text().length() <= DEFAULTS.maxAnswerChars());
        assertEquals(142, counts(result).get("spans"));
        assertEquals(6, counts(result).get("errors"));
        assertEquals(6, ((List<?>) result.data().get("error_span_ids")).size());
    }

    @Test
    void indentsDeepNestingOneLevelPerParent() {
        ToolResult result = TraceRenderer.render("evt_deep", body(TraceFixtures.chain(35)), DEFAULTS);

        Snapshots.assertMatches("trace/deep-35-levels.md", result.text());
        assertTrue(result.text().contains("\n" + "  ".repeat(34) + "- ❌ `fetch_invoice`"));
    }

    @Test
    void showsSpansWhoseParentIsMissingAsRoots() {
        ToolResult result = TraceRenderer.render("evt_orphans", fixture("orphans.json"), DEFAULTS);

        Snapshots.assertMatches("trace/orphans.md", result.text());
        assertEquals(2, result.text().lines().filter(line -> line.contains(" not in this response")).count());
    }

    @Test
    void rendersUnknownTypesAndStatusesAndMissingValuesAsTheyCome() {
        ToolResult result = TraceRenderer.render("evt_unknown", fixture("unknown-kinds.json"), DEFAULTS);

        Snapshots.assertMatches("trace/unknown-kinds.md", result.text());
    }

    @Test
    void keepsEachPayloadPreviewOnOneLineWhateverItHolds() {
        ToolResult result = TraceRenderer.render("evt_unicode", fixture("unicode-payloads.json"), DEFAULTS);

        Snapshots.assertMatches("trace/unicode-payloads.md", result.text());
    }

    @Test
    void rendersEverySpanOnceWhenParentLinksAreMalformed() {
        ToolResult result = TraceRenderer.render("evt_links", fixture("malformed-links.json"), DEFAULTS);

        Snapshots.assertMatches("trace/malformed-links.md", result.text());
        assertEquals(counts(result).get("spans"), drawnSpans(result.text()));
    }

    @Test
    void aTraceReadAgainAfterItPassedTheCapSaysSoAndSendsTheAgentNowhereItCannotRead() {
        Options readAgain = new Options(200, 40_000, 1000, Focus.NONE, 200, new TraceRenderer.PastCap(50_000, 26_214_400));

        ToolResult result = TraceRenderer.render("evt_support_run", body(TraceFixtures.supportAgentRun(17)), readAgain);
        String text = result.text();

        assertTrue(text.contains("\n\n**Payloads read at `trunc_len` 200**: at 50,000 this trace passes 25.0 MB, the most of "
                + "a trace that is read, so it was read again at 200, and a payload longer than that holds only its first 200 "
                + "characters; get_span, which reads at 100,000, cannot read this trace. In further calls on it give "
                + "`trunc_len`: 200 skips the read that fails; one between 200 and 50000 may fit and read more of each "
                + "payload.\n\n**What the trace did**"), text.substring(0, 1_500));
        assertTrue(text.contains(" … (cut upstream at trunc_len 200)\n"), "a cut that names no get_span");
        assertFalse(text.contains("get_span reads"), "get_span reads at 100,000, past the cap");
        assertTrue(text.contains("`getAsFile: true` with `trunc_len: 200`, the raw JSON of every span, is the last resort."),
                text.substring(text.lastIndexOf("\nNext: ")));
        assertTrue(text.length() <= readAgain.maxAnswerChars());
        assertEquals(200, result.data().get("trunc_len"));
        assertEquals(50_000, result.data().get("past_cap_at_trunc_len"));
    }

    @Test
    void foldsSubtreesToStayWithinTheBoundAndSaysSo() {
        Options small = new Options(200, 4_000, 1000);

        ToolResult result = TraceRenderer.render("evt_support_run", body(TraceFixtures.supportAgentRun(17)), small);

        Snapshots.assertMatches("trace/support-agent-bounded-4000.md", result.text());
        assertTrue(result.text().length() <= small.maxAnswerChars(), "length " + result.text().length());
        Matcher showing = SHOWING.matcher(result.text().lines().skip(2).findFirst().orElseThrow());
        assertTrue(showing.find(), "the header says how many spans are shown");
        assertEquals("142", showing.group(2));
        assertEquals(showing.group(1), String.valueOf(counts(result).get("shown_spans")));
        assertEquals(Integer.parseInt(showing.group(1)), drawnSpans(result.text()));
        assertEquals(6, result.text().lines().filter(line -> line.contains("- ❌ ")).count(), "no error span is hidden");
    }

    @Test
    void shedsRoutineLinesBeforeThePreviewsOfWhatMatters() {
        Options tight = new Options(200, 20_000, 1000);
        List<Span> run = TraceFixtures.supportAgentRun(17);

        String text = TraceRenderer.render("evt_support_run", body(run), tight).text();

        assertTrue(text.length() <= tight.maxAnswerChars());
        for (Span span : run) {
            if (span.spanType().startsWith("LLM_") || span.spanType().equals("TOOL_CALL")) {
                assertTrue(text.contains("· span `" + span.spanId() + "`"), "the line of " + span.spanName());
            }
        }
        assertTrue(text.contains("more spans not shown"), "routine lines are shed");
        assertFalse(text.contains("instrumentation spans: "), "fold lines are routine lines");
        assertFalse(text.lines().anyMatch(line -> line.contains("**ERROR**") && line.endsWith(SpanLines.PAYLOADS_OMITTED)),
                "error spans keep their previews");
        assertFalse(text.lines().anyMatch(line -> line.contains("LLM_GENERATION_STREAM") && line.endsWith(SpanLines.PAYLOADS_OMITTED)),
                "LLM calls keep their previews");
    }

    @Test
    void saysWhenTheResponseFillsTheLimit() {
        ToolResult result = TraceRenderer.render("evt_abc123", fixture("refund-3-spans.json"), new Options(200, 40_000, 3));

        assertTrue(result.text().endsWith("This response holds 3 spans, the `limit` asked for, so the trace may hold "
                + "more: call again with a higher `limit` (max 1000) or use `getAsFile: true`.\n"), result.text());
        assertEquals(true, result.data().get("limit_reached"));
    }

    @Test
    void explainsAnEventWithoutSpans() {
        ToolResult result = TraceRenderer.render("evt_none", body("{\"data\":[]}"), DEFAULTS);

        Snapshots.assertMatches("trace/no-spans.md", result.text());
        assertFalse(result.isError());
        assertEquals(0, counts(result).get("spans"));
        assertEquals(0, counts(result).get("shown_spans"));
    }

    @Test
    void showsACallsShortPayloadWholeAndALongerOneByItsHead() {
        String fits = "{\"quote\":\"" + "q".repeat(2 * Options.DEFAULT_PREVIEW_LENGTH - 12) + "\"}";
        String longer = fits.replace("q\"}", "qq\"}");
        String routine = "r".repeat(Options.DEFAULT_PREVIEW_LENGTH + 1);
        assertEquals(2 * Options.DEFAULT_PREVIEW_LENGTH, fits.length());
        List<Span> spans = List.of(
                new Span("t", "s1", null, "agent", "INTERNAL", "OK", 1, 9, 0, routine, null, null, null, null, null, Map.of()),
                new Span("t", "s2", "s1", "calculate_refund", "TOOL_CALL", "OK", 2, 3, 0, fits, longer, null, null, null,
                        null, Map.of()));

        String text = TraceRenderer.render("evt_short", body(spans), DEFAULTS).text();

        assertTrue(text.contains("- input: `" + fits + "`\n"), "a call's payload of twice the preview length, whole: " + text);
        assertTrue(text.contains("- output: `" + longer.substring(0, Options.DEFAULT_PREVIEW_LENGTH) + "` … ("
                + longer.length() + " chars)"), "one character more, its head: " + text);
        assertTrue(text.contains("` … (" + routine.length() + " chars)"), "a routine span's payload, its head: " + text);
    }

    @Test
    void rendersTenThousandSpansQuicklyWithinTheBound() {
        List<Span> wide = TraceFixtures.supportAgentRun(1249);
        List<Span> deep = TraceFixtures.chain(10_000);

        for (List<Span> spans : List.of(wide, deep)) {
            ResponseBody body = body(spans);
            ToolResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> TraceRenderer.render("evt_big", body, DEFAULTS));
            assertTrue(result.text().length() <= DEFAULTS.maxAnswerChars());
            assertEquals(spans.size(), counts(result).get("spans"));
            assertTrue(result.text().contains("❌"), "an error span is shown");
        }
    }

    @Test
    void keepsTheDataUnder2000CharactersWhateverTheTrace() throws Exception {
        // Every list long, every id and model name long and escaped in JSON, every number at its longest.
        String quotes = "\"".repeat(300);
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            spans.add(new Span(quotes + "t" + i, quotes + "s" + i, null, "n", "LLM_GENERATION", "ERROR", 1, Long.MAX_VALUE,
                    0, "in", "out", Long.MAX_VALUE / 100, Long.MAX_VALUE / 100, quotes + "m" + i, "p", Map.of()));
        }

        ToolResult result = TraceRenderer.render("\"".repeat(256), body(spans), DEFAULTS);

        String data = new ObjectMapper().writeValueAsString(result.data());
        assertTrue(data.length() <= 2_000, data.length() + " characters: " + data);
        assertEquals(50, counts(result).get("errors"));
        assertEquals(TraceData.LISTED_ERROR_SPANS, ((List<?>) result.data().get("error_span_ids")).size());
    }

    private static Map<?, ?> counts(ToolResult result) {
        return (Map<?, ?>) result.data().get("counts");
    }

    /** Span lines are the list items that end with (or carry) the span id. */
    private static long spanLines(String text) {
        return text.lines().filter(line -> line.startsWith(" ") || line.startsWith("- "))
                .filter(line -> line.contains(" · span ")).count();
    }

    private static final Pattern FOLD_LINE = Pattern.compile("^\\s*- (\\d+) instrumentation spans: ");

    /** Spans the tree draws: a line each, or counted on a fold line. */
    static int drawnSpans(String text) {
        int folded = text.lines().map(FOLD_LINE::matcher).filter(Matcher::find)
                .mapToInt(fold -> Integer.parseInt(fold.group(1))).sum();
        return (int) spanLines(text) + folded;
    }
}
