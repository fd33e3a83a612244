package com.opstower.raindrop.trace.time;

import static com.opstower.raindrop.trace.TraceFixtures.sampleTrace;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.local.SampleWorkspace;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.trace.focus.Focus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The time view of the sample workspace's slow run, as the README's curl shows it. */
class SampleSlowRunTest {

    @Test
    void findsTheRetrievalThatDecidedWhenTheSlowRunEnded() {
        ToolResult result = TimeRenderer.render(SampleWorkspace.SLOW_TRACE_EVENT_ID, sampleTrace(SampleWorkspace.SLOW_TRACE_EVENT_ID),
                new TimeRenderer.Options(40_000, Focus.NONE, 100));

        Snapshots.assertMatches("time/sample-slow-run.md", result.text());
        assertTrue(result.text().contains("`vector.search`"), result.text());
    }

    @Test
    void accountsForTheToolCallsOfTheSlowRun() {
        ToolResult result = TimeRenderer.render(SampleWorkspace.SLOW_TRACE_EVENT_ID, sampleTrace(SampleWorkspace.SLOW_TRACE_EVENT_ID),
                new TimeRenderer.Options(40_000, Focus.of(null, List.of("TOOL_CALL"), null, null), 100));

        Snapshots.assertMatches("time/sample-slow-run-tool-calls.md", result.text());
    }
}
