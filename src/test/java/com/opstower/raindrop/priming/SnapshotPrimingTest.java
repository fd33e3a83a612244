package com.opstower.raindrop.priming;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opstower.raindrop.registry.ToolRegistry;
import com.opstower.raindrop.testing.EveryTool;
import com.opstower.raindrop.testing.OpenConnections;
import com.opstower.raindrop.testing.QueryApiStandIn;
import com.opstower.raindrop.testing.ToolCalls;
import com.opstower.raindrop.testing.ToolCalls.Answer;
import com.opstower.raindrop.testing.TraceStorageStandIn;
import com.opstower.raindrop.tool.ToolResult;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Priming before a snapshot calls every read-only tool through its whole path against the priming stand-in, and
 * leaves nothing of it behind: no connection, and the tools reach the configured Query API again. (That it forgets the
 * signal names is {@code ExpiringCacheTest}'s: these tests read signals afresh on every call.)
 */
@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
@QuarkusTestResource(TraceStorageStandIn.class)
class SnapshotPrimingTest {

    @Inject
    SnapshotPriming priming;

    WireMockServer api = QueryApiStandIn.server();

    @Test
    void everyReadOnlyToolAnswersThenNothingOfThePrimingStays() throws Exception {
        Map<String, ToolResult> answers;
        int port;
        try (PrimingStandIn standIn = PrimingStandIn.start()) {
            port = standIn.port();
            answers = priming.prime(standIn);
            assertEquals(0, OpenConnections.to(port), "connections to the priming stand-in after priming");
        }
        assertEquals(ToolRegistry.all().stream().filter(e -> e.spec().hints().readOnly()).map(e -> e.spec().name())
                .collect(Collectors.toSet()), answers.keySet());
        answers.forEach((tool, answer) -> assertFalse(answer.isError(), () -> tool + ": " + answer.text()));
        assertTrue(answers.get("get_span").text().contains(PrimingStandIn.ID), answers.get("get_span").text());

        // The tools call the configured Query API again.
        api.resetAll();
        api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/v1/events/evt_abc123"))
                .willReturn(EveryTool.GET_EVENT.success()));
        Answer event = ToolCalls.post("get_event", EveryTool.GET_EVENT.body()).assertEnvelope();
        assertFalse(event.isError(), event.body());
        assertEquals(1, api.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/events/evt_abc123")).build()).getCount());
    }
}
