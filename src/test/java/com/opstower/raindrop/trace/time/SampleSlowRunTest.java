package com.opstower.raindrop.trace.time;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.local.SampleWorkspace;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.trace.focus.Focus;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The time view of the sample workspace's slow run, as the README's curl shows it. */
class SampleSlowRunTest {

    static final SampleWorkspace SAMPLE = SampleWorkspace.generate(Instant.parse("2026-11-26T12:00:00Z"));

    static ResponseBody trace(String eventId) {
        try {
            return ResponseBody.of(new ObjectMapper().writeValueAsBytes(Map.of("data", SAMPLE.trace(eventId))));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void findsTheRetrievalThatDecidedWhenTheSlowRunEnded() {
        ToolResult result = TimeRenderer.render(SampleWorkspace.SLOW_TRACE_EVENT_ID, trace(SampleWorkspace.SLOW_TRACE_EVENT_ID),
                new TimeRenderer.Options(40_000, Focus.NONE, 100));

        Snapshots.assertMatches("time/sample-slow-run.md", result.text());
        assertTrue(result.text().contains("`vector.search`"), result.text());
    }

    @Test
    void accountsForTheToolCallsOfTheSlowRun() {
        ToolResult result = TimeRenderer.render(SampleWorkspace.SLOW_TRACE_EVENT_ID, trace(SampleWorkspace.SLOW_TRACE_EVENT_ID),
                new TimeRenderer.Options(40_000, Focus.of(null, List.of("TOOL_CALL"), null, null), 100));

        Snapshots.assertMatches("time/sample-slow-run-tool-calls.md", result.text());
    }
}
