package com.opstower.raindrop.trace.time;

import static com.opstower.raindrop.trace.TraceFixtures.body;
import static com.opstower.raindrop.trace.TraceFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.trace.TraceFixtures;
import com.opstower.raindrop.trace.focus.Focus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeRendererTest {

    private static final TimeRenderer.Options WHOLE = new TimeRenderer.Options(40_000, Focus.NONE, 100);

    @Test
    void accountsForTheWallTimeOfAnAgentRun() {
        ToolResult result = TimeRenderer.render("evt_support_run", body(TraceFixtures.supportAgentRun(17)), WHOLE);

        Snapshots.assertMatches("time/support-agent-142-spans.md", result.text());
        assertTrue(result.text().length() <= 40_000);
    }

    @Test
    void accountsForTheContractExample() {
        ToolResult result = TimeRenderer.render("evt_abc123", fixture("refund-3-spans.json"), WHOLE);

        Snapshots.assertMatches("time/refund-3-spans.md", result.text());
    }
}
