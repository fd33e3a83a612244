package com.opstower.raindrop.trace.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** compare_traces on the sample workspace's two runs of one feature, as the README's curl shows it. */
class SamplePairTest {

    static final SampleWorkspace SAMPLE = SampleWorkspace.generate(Instant.parse("2026-11-26T12:00:00Z"));

    /** The event's {@code /v1/traces} body, its payloads cut at {@code truncLen} as the sample API cuts them. */
    static ResponseBody trace(String eventId) {
        try {
            return ResponseBody.of(new ObjectMapper().writeValueAsBytes(Map.of("data", SAMPLE.trace(eventId))));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void findsWhatChangedBetweenTheTwoDeliveryRuns() {
        ToolResult result = CompareRenderer.render(
                ComparedTrace.read(SampleWorkspace.DELIVERY_GOOD_EVENT_ID, trace(SampleWorkspace.DELIVERY_GOOD_EVENT_ID),
                        Focus.NONE, 50_000),
                ComparedTrace.read(SampleWorkspace.DELIVERY_BAD_EVENT_ID, trace(SampleWorkspace.DELIVERY_BAD_EVENT_ID),
                        Focus.NONE, 50_000),
                new CompareRenderer.Options(40_000, Focus.NONE, 50_000));

        Snapshots.assertMatches("compare/sample-delivery-runs.md", result.text());
    }
}
