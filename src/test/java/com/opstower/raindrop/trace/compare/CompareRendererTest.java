package com.opstower.raindrop.trace.compare;

import static com.opstower.raindrop.trace.TraceFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.trace.TraceFixtures;
import com.opstower.raindrop.trace.TraceFixtures.Span;
import com.opstower.raindrop.trace.focus.Focus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompareRendererTest {

    static ToolResult compare(List<Span> baseline, List<Span> run, Focus focus, int maxAnswerChars) {
        return CompareRenderer.render(ComparedTrace.read("evt_base", body(baseline), focus, 50_000),
                ComparedTrace.read("evt_run", body(run), focus, 50_000), EventRecordsTest.sameRecords(),
                new CompareRenderer.Options(maxAnswerChars, focus, 50_000));
    }

    static ToolResult compare(List<Span> baseline, List<Span> run) {
        return compare(baseline, run, Focus.NONE, 40_000);
    }

    @Test
    void saysWhatTheRunDidDifferently() {
        ToolResult result = compare(Runs.baseline(), Runs.run());

        Snapshots.assertMatches("compare/retried-call-changed-answer.md", result.text());
        Map<String, Object> data = result.data();
        assertEquals(false, data.get("identical"));
        assertEquals(Map.of("total", 11, "shown", 11, "step", 3, "renamed", 0, "status", 2, "model", 0, "payload", 3,
                "own_time", 2, "tokens", 1), data.get("differences"));
        assertEquals(List.of("r000000000000a", "r000000000000c", "r000000000000e"), data.get("only_in_run_span_ids"));
        // Ids and kinds, never a payload.
        assertFalse(data.toString().contains("cus_77"), data.toString());
    }

    @Test
    void answersThatIdenticalTracesAreIdentical() {
        ToolResult result = compare(Runs.baseline(), Runs.baseline());

        Snapshots.assertMatches("compare/identical.md", result.text());
        assertEquals(true, result.data().get("identical"));
        assertEquals(11, result.data().get("pairs"));
    }

    @Test
    void comparesOnlyTheFocusedSpansAndTheirAncestors() {
        ToolResult result = compare(Runs.baseline(), Runs.run(), Focus.of(null, List.of("TOOL_CALL"), null, null), 40_000);

        Snapshots.assertMatches("compare/focus-tool-calls.md", result.text());
        assertTrue(result.text().contains("(2 of 11 in the baseline, 4 of 17 in the run)"), result.text());
    }

    @Test
    void keepsTheBoundAndSaysWhatItLeftOut() {
        // A long run of which every tool result changed: more differences than 4,000 characters hold.
        List<Span> baseline = TraceFixtures.supportAgentRun(17);
        List<Span> run = new ArrayList<>();
        for (Span span : baseline) {
            run.add(span.spanType().equals("TOOL_CALL") ? new Span(span.traceId(), span.spanId(), span.parentSpanId(),
                    span.spanName(), span.spanType(), span.status(), span.startTimeNs(), span.endTimeNs(), span.durationNs(),
                    span.input(), span.output() + " (cached)", null, null, null, null, Map.of()) : span);
        }
        ToolResult result = compare(baseline, run, Focus.NONE, 4_000);

        Snapshots.assertMatches("compare/bounded-4000.md", result.text());
        assertTrue(result.text().length() <= 4_000, "length " + result.text().length());
        assertTrue(result.text().contains("(showing "), result.text());
    }

    @Test
    void saysWhichSideHasNoSpans() {
        ToolResult result = compare(Runs.baseline(), List.of());

        assertFalse(result.isError());
        assertTrue(result.text().contains("Raindrop returned no spans for the run `evt_run` (`event_id`)."), result.text());
    }
}
