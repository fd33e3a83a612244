package com.opstower.raindrop.trace.compare;

import static com.opstower.raindrop.trace.TraceFixtures.sampleEvent;
import static com.opstower.raindrop.trace.TraceFixtures.sampleTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.local.SampleWorkspace;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.trace.focus.Focus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** compare_traces on the sample workspace's two runs of one feature, as the README's curl shows it. */
class SamplePairTest {

    /** The event's record as the connection reads it. */
    static EventRecords.Read record(String eventId) {
        return EventRecords.Read.of(sampleEvent(eventId));
    }

    @Test
    void findsWhatChangedBetweenTheTwoDeliveryRuns() {
        ToolResult result = CompareRenderer.render(
                ComparedTrace.read(SampleWorkspace.DELIVERY_GOOD_EVENT_ID, sampleTrace(SampleWorkspace.DELIVERY_GOOD_EVENT_ID),
                        Focus.NONE, 50_000),
                ComparedTrace.read(SampleWorkspace.DELIVERY_BAD_EVENT_ID, sampleTrace(SampleWorkspace.DELIVERY_BAD_EVENT_ID),
                        Focus.NONE, 50_000),
                new EventRecords(record(SampleWorkspace.DELIVERY_GOOD_EVENT_ID), record(SampleWorkspace.DELIVERY_BAD_EVENT_ID)),
                new CompareRenderer.Options(40_000, Focus.NONE, 50_000));

        Snapshots.assertMatches("compare/sample-delivery-runs.md", result.text());
        String text = result.text();
        // The story as the sample's test writes it down: the 429'd first attempt and the extra round only in the run,
        // the slower model, the quote that changed, and the answer that changed with it.
        assertTrue(text.contains("**+ only in the run**: ❌ `ai.generateText.doGenerate` #1"), text);
        assertTrue(text.contains("**ERROR** (`HTTP 429, AI_APICallError`)"), "the failed attempt says why: " + text);
        assertTrue(text.contains("span `41278fc2741e3cd2`") && text.contains("span `d62a176962b7e294`"), text);
        assertTrue(text.contains("gpt-5-mini (openai) → gpt-5 (openai)"), text);
        assertTrue(text.contains("\n- model `gpt-5-mini` → `gpt-5`\n") && text.contains("\n- feature flag `checkout_agent` "
                + "`control` → `variant-b`\n") && text.contains("\n- property `experiment.arm` `control` → `variant-b`\n"),
                "the experiment's arm, from the events' records: " + text);
        assertTrue(text.contains("spans `5ed7c341ff7f5b8a` → `9a79effabe909543`"), text);
        assertTrue(text.contains("\nTool calls with the same arguments in both: `quote_shipping` (another result), `get_cart` "
                + "(same result).\n"), "the quote changed with the same question: the warehouse's stock, not the cart: " + text);
        assertTrue(text.contains("spans `cdcf00d3de73b420` → `f9e2092afcf62bb7`"), text);
        assertTrue(text.contains("  - output: `{\"sku\":\"PK-28-LT\",\"warehouses\":[{\"warehouse\":\"Leipzig\",\"quantity\":0,"),
                "the extra round's result, under the step only the run has: " + text);
        assertTrue(text.contains("  - baseline: `{\"destination\":\"80469 München\",\"ships_from\":[\"Leipzig\"«],")
                && text.contains("\"arrives\":\"thurs»day\",\"order_by\":\"14:00\"}]}`"), "the short quote whole: " + text);
        assertEquals(List.of("41278fc2741e3cd2", "9614173953f6003c", "d62a176962b7e294", "31eabe8b912810df",
                "25bb717d2ba31daa"), result.data().get("only_in_run_span_ids"));
    }
}
