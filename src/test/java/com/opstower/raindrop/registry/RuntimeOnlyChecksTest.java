package com.opstower.raindrop.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opstower.raindrop.conversation.ListConversationsFunction;
import com.opstower.raindrop.event.CountEventsFunction;
import com.opstower.raindrop.event.ListEventsFunction;
import com.opstower.raindrop.event.SearchEventsFunction;
import com.opstower.raindrop.testing.EveryTool;
import com.opstower.raindrop.trace.CompareTracesFunction;
import com.opstower.raindrop.testing.JsonSchemas;
import com.opstower.raindrop.testing.QueryApiStandIn;
import com.opstower.raindrop.testing.TraceStorageStandIn;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolSchemas;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the schemas let through and the tools still refuse: each case is one of {@link ToolSchemas#RUNTIME_ONLY_CHECKS},
 * and together they cover the list. The tools refuse them before any call to Raindrop.
 */
@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
@QuarkusTestResource(TraceStorageStandIn.class)
class RuntimeOnlyChecksTest {

    @Inject
    ListConversationsFunction listConversations;

    @Inject
    ListEventsFunction listEvents;

    @Inject
    SearchEventsFunction searchEvents;

    @Inject
    CountEventsFunction countEvents;

    @Inject
    CompareTracesFunction compareTraces;

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    record Case(String check, ToolSpec spec, Function<Map<String, Object>, ToolResult> tool, Map<String, Object> arguments,
            ErrorCode code) {
    }

    @Test
    void theSchemasAcceptAndTheToolsRefuse() {
        List<Case> cases = List.of(
                new Case("strings that are empty once trimmed (whitespace only)", ListEventsFunction.SPEC,
                        listEvents::call, Map.of("user_id", "   "), ErrorCode.INVALID_ARGUMENT),
                new Case("strings with control characters", ListConversationsFunction.SPEC,
                        listConversations::call, Map.of("user_id", "user\u0007"), ErrorCode.INVALID_ARGUMENT),
                new Case("calendar dates that do not exist, such as 2026-02-30", ListConversationsFunction.SPEC,
                        listConversations::call, Map.of("started_after", "2026-02-30"), ErrorCode.INVALID_ARGUMENT),
                new Case("an `*_after` time that is not earlier than its `*_before` time", ListConversationsFunction.SPEC,
                        listConversations::call,
                        Map.of("started_after", "2026-11-20", "started_before", "2026-11-01"), ErrorCode.INVALID_ARGUMENT),
                new Case("an `*_after` time that is not earlier than its `*_before` time", ListEventsFunction.SPEC,
                        listEvents::call,
                        Map.of("timestamp_after", "2026-11-20T00:00:00Z", "timestamp_before", "2026-11-20T00:00:00Z"),
                        ErrorCode.INVALID_ARGUMENT),
                new Case("list_events and search_events windows longer than 14 days (DATE_RANGE_LIMIT)", ListEventsFunction.SPEC,
                        listEvents::call, Map.of("timestamp_after", "2026-10-01", "timestamp_before", "2026-11-01"),
                        ErrorCode.DATE_RANGE_LIMIT),
                new Case("list_events and search_events windows longer than 14 days (DATE_RANGE_LIMIT)", SearchEventsFunction.SPEC,
                        searchEvents::call, Map.of("query", "refund", "timestamp_after", "2026-10-01", "timestamp_before", "2026-11-01"),
                        ErrorCode.DATE_RANGE_LIMIT),
                new Case("`properties` names with brackets or control characters, unknown operators and values of the wrong type",
                        CountEventsFunction.SPEC, countEvents::call, Map.of("properties", Map.of("latency_ms", Map.of("gte", "1000"))),
                        ErrorCode.INVALID_ARGUMENT),
                new Case("`properties` names with brackets or control characters, unknown operators and values of the wrong type",
                        ListEventsFunction.SPEC, listEvents::call, Map.of("properties", Map.of("a[b]", 1)),
                        ErrorCode.INVALID_ARGUMENT),
                new Case("`interval` together with `group_by` in count_events", CountEventsFunction.SPEC,
                        countEvents::call, Map.of("interval", "day", "group_by", "signal"), ErrorCode.INVALID_ARGUMENT),
                new Case("the same event as `event_id` and `baseline_event_id` of compare_traces", CompareTracesFunction.SPEC,
                        compareTraces::call, Map.of("event_id", "evt_abc123", "baseline_event_id", " evt_abc123"),
                        ErrorCode.INVALID_ARGUMENT));
        // A name is looked up in the workspace's signals: the one call these checks make.
        api.stubFor(get(urlPathEqualTo("/v1/signals")).willReturn(okJson(EveryTool.EMPTY_PAGE)));
        ToolResult unknownName = listEvents.call(Map.of("signal", "user_frustration"));
        assertEquals(List.of(), JsonSchemas.errors(ToolSchemas.inputSchema(ListEventsFunction.SPEC), Map.of("signal", "user_frustration")));
        assertEquals(ErrorCode.INVALID_ARGUMENT, unknownName.error().code());
        assertEquals(1, api.getAllServeEvents().size());
        api.resetAll();
        Set<String> covered = new HashSet<>();
        for (Case c : cases) {
            assertEquals(List.of(), JsonSchemas.errors(ToolSchemas.inputSchema(c.spec()), c.arguments()), c.check());
            ToolResult result = c.tool().apply(c.arguments());
            assertTrue(result.isError(), c.check());
            assertEquals(c.code(), result.error().code(), c.check());
            covered.add(c.check());
        }
        covered.add("signal and signal group names the workspace does not have");
        assertEquals(Set.copyOf(ToolSchemas.RUNTIME_ONLY_CHECKS), covered);
        assertEquals(0, api.getAllServeEvents().size());
    }
}
