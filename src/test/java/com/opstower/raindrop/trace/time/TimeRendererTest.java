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

    @Test
    void writesAChainOfSpansEachNearlyAllOfItsParentOnOneBoundedLine() {
        ToolResult result = TimeRenderer.render("evt_deep", body(TraceFixtures.chain(10_000)), WHOLE);

        assertTrue(result.text().length() <= 40_000, "length " + result.text().length());
        assertTrue(result.text().contains("- `planner.step.0` › `planner.step.1` › … "), result.text());
        assertEquals(10_000, result.data().get("critical_path_spans"));
    }

    @Test
    void saysHowMuchOfTheTimeTheFocusedSpansTookAndTimesOneSubtree() {
        ToolResult tools = TimeRenderer.render("evt_support_run", body(TraceFixtures.supportAgentRun(17)),
                new TimeRenderer.Options(40_000, Focus.of("ERROR", List.of(), null, null), 100));
        assertTrue(tools.text().contains("**6 of 142 spans match** `status=ERROR`: they and the spans below them ran for"),
                tools.text());
        assertEquals(6, ((Map<?, ?>) tools.data().get("focus")).get("matched_spans"));
        List<TraceFixtures.Span> spans = TraceFixtures.supportAgentRun(17);
        String llm = spans.stream().filter(span -> span.spanName().equals("ai.streamText")).findFirst().orElseThrow().spanId();
        ToolResult one = TimeRenderer.render("evt_support_run", body(spans),
                new TimeRenderer.Options(40_000, Focus.of(null, List.of(), llm, null), 100));
        assertTrue(one.text().startsWith("## Where the time went · span `" + llm + "` (`ai.streamText`) of event"), one.text());
        assertEquals(2, one.data().get("spans"));
    }
}
