package com.opstower.raindrop.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.opstower.raindrop.local.SampleApiClient.JSON;
import static com.opstower.raindrop.local.SampleApiClient.encode;
import static com.opstower.raindrop.local.SampleApiClient.list;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SampleQueryApiTest {

    private static SampleApiClient api;
    private static SampleWorkspace workspace;

    @BeforeAll
    static void start() throws Exception {
        api = new SampleApiClient();
        workspace = api.workspace;
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void rejectsAMissingOrWrongKey() throws Exception {
        HttpResponse<String> missing = api.send(api.request("/v1/conversations").GET().build());
        assertEquals(401, missing.statusCode());
        assertEquals(JSON.readTree("{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"Unauthorized\"}}"), JSON.readTree(missing.body()));
        assertEquals(401, api.send(api.request("/v1/conversations").setHeader("Authorization", "Bearer wrong-key").build()).statusCode());
    }

    @Test
    void servesTheSampleProjectsOnly() throws Exception {
        assertEquals(200, api.get("/v1/conversations?limit=1", "default").statusCode());
        assertEquals(200, api.get("/v1/conversations?limit=1", "checkout-bot").statusCode());
        assertEquals(403, api.get("/v1/conversations?limit=1", "another-project").statusCode());
        assertEquals(400, api.get("/v1/conversations?limit=1", "Not_A_Slug").statusCode());
    }

    @Test
    void answersOnlyGet() throws Exception {
        HttpResponse<String> post = api.send(api.request("/v1/conversations").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void pagesThroughAllConversationsNewestFirst() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.ok("/v1/conversations?limit=7" + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            page.get("data").forEach(all::add);
            cursor = page.get("meta").get("cursor").isNull() ? null : page.get("meta").get("cursor").asText();
            assertEquals(cursor != null, page.get("meta").get("has_more").asBoolean());
            pages++;
        } while (cursor != null && pages < 20);
        assertTrue(all.size() >= 24, "conversations: " + all.size());
        assertEquals(workspace.conversations().size(), all.size());
        assertEquals(all.size(), all.stream().map(c -> c.get("id").asText()).distinct().count(), "no duplicates across pages");
        assertAscending(times(all, "last_message_at"), true);
    }

    @Test
    void ordersConversationsAsAsked() throws Exception {
        assertAscending(times(list(api.ok("/v1/conversations?order_by=started_at&limit=100")), "started_at"), false);
        assertAscending(times(list(api.ok("/v1/conversations?order_by=-started_at&limit=100")), "started_at"), true);
        HttpResponse<String> unknown = api.get("/v1/conversations?order_by=size", null);
        assertEquals(400, unknown.statusCode());
        assertTrue(JSON.readTree(unknown.body()).at("/error/details/allowed_fields").toString().contains("-last_message_at"));
        assertEquals(400, api.get("/v1/conversations?limit=101", null).statusCode());
    }

    @Test
    void ordersConversationsByTheOfficialSdksDefault() throws Exception {
        // @raindrop-ai/query sends order_by=-timestamp on every list: for a conversation, its latest activity.
        assertEquals(list(api.ok("/v1/conversations?order_by=-last_message_at&limit=100")),
                list(api.ok("/v1/conversations?order_by=-timestamp&limit=100")));
        assertAscending(times(list(api.ok("/v1/conversations?order_by=timestamp&limit=100")), "last_message_at"), false);
    }

    @Test
    void filtersConversationsByUserAndStart() throws Exception {
        List<JsonNode> byUser = list(api.ok("/v1/conversations?limit=100&user_id=" + SampleWorkspace.SAMPLE_USER_ID));
        assertFalse(byUser.isEmpty());
        assertTrue(byUser.stream().allMatch(c -> c.get("user_id").asText().equals(SampleWorkspace.SAMPLE_USER_ID)));
        assertTrue(byUser.stream().anyMatch(c -> c.get("id").asText().equals(SampleWorkspace.CHECKOUT_CONVERSATION_ID)));
        assertEquals(byUser, list(api.ok("/v1/conversations?limit=100&user_id%5Beq%5D=" + SampleWorkspace.SAMPLE_USER_ID)));

        Instant since = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        List<JsonNode> recent = list(api.ok("/v1/conversations?limit=100&started_at%5Bgte%5D=" + encode(since.toString())));
        assertFalse(recent.isEmpty());
        assertTrue(recent.size() < workspace.conversations().size());
        assertTrue(times(recent, "started_at").stream().allMatch(t -> !t.isBefore(since)));
    }

    @Test
    void listsAConversationsEventsOldestFirst() throws Exception {
        List<JsonNode> events = list(api.ok("/v1/events?convo_id=" + SampleWorkspace.CHECKOUT_CONVERSATION_ID + "&order_by=timestamp"));
        List<String> ids = events.stream().map(e -> e.get("id").asText()).toList();
        assertEquals(6, ids.size());
        assertTrue(ids.containsAll(List.of(SampleWorkspace.LARGE_TRACE_EVENT_ID, SampleWorkspace.ERROR_TRACE_EVENT_ID,
                SampleWorkspace.DEEP_TRACE_EVENT_ID, SampleWorkspace.NO_SPANS_EVENT_ID)));
        assertAscending(times(events, "timestamp"), false);
        assertAscending(times(list(api.ok("/v1/events?convo_id=" + SampleWorkspace.CHECKOUT_CONVERSATION_ID)), "timestamp"), true);
    }

    @Test
    void filtersEventsBySignalId() throws Exception {
        List<JsonNode> failures = list(api.ok("/v1/events?limit=100&signal=" + SampleSignal.TOOL_FAILURE.id()));
        assertFalse(failures.isEmpty());
        assertTrue(failures.stream().allMatch(e -> e.get("signals").toString().contains("tool_failure")));
        assertEquals(400, api.get("/v1/events?signal=tool_failure", null).statusCode());
        List<JsonNode> reliability = list(api.ok("/v1/events?limit=100&signal_group=" + SampleSignal.Group.RELIABILITY.id()));
        assertTrue(reliability.size() >= failures.size());
    }

    @Test
    void filtersEventsWithOperators() throws Exception {
        List<JsonNode> prefixed = list(api.ok("/v1/events?limit=100&user_id%5BstartsWith%5D=user_47"));
        assertFalse(prefixed.isEmpty());
        assertTrue(prefixed.stream().allMatch(e -> e.get("user_id").asText().startsWith("user_47")));
        List<JsonNode> others = list(api.ok("/v1/events?limit=100&user_id%5Bneq%5D=" + SampleWorkspace.SAMPLE_USER_ID));
        assertTrue(others.stream().noneMatch(e -> e.get("user_id").asText().equals(SampleWorkspace.SAMPLE_USER_ID)));
        assertTrue(others.stream().anyMatch(e -> e.get("user_id").isNull()), "an anonymous event is not the sample user");
        assertTrue(list(api.ok("/v1/events?limit=100&event_name%5Bcontains%5D=assist")).stream()
                .allMatch(e -> e.get("event_name").asText().contains("assist")));
        JsonNode unknown = JSON.readTree(api.get("/v1/events?user_id%5Blike%5D=user", null).body());
        assertEquals("user_id[like]", unknown.at("/error/details/field").asText());
    }

    @Test
    void filtersEventsByProperties() throws Exception {
        List<JsonNode> plus = list(api.ok("/v1/events?limit=100&properties%5Bplan%5D=plus"));
        assertFalse(plus.isEmpty());
        assertTrue(plus.stream().allMatch(e -> e.at("/properties/plan").asText().equals("plus")));
        assertEquals(plus, list(api.ok("/v1/events?limit=100&properties%5Bplan%5D%5Beq%5D=plus")));
        assertTrue(list(api.ok("/v1/events?limit=100&properties%5Bplan%5D%5Bneq%5D=plus")).stream()
                .noneMatch(e -> e.at("/properties/plan").asText().equals("plus")));

        List<JsonNode> slow = list(api.ok("/v1/events?limit=100&properties%5Blatency_ms%5D%5Bgte%5D=3000"));
        assertFalse(slow.isEmpty());
        assertTrue(slow.stream().allMatch(e -> e.at("/properties/latency_ms").asLong() >= 3000));
        List<JsonNode> fast = list(api.ok("/v1/events?limit=100&properties%5Blatency_ms%5D%5Blt%5D=3000"));
        assertTrue(fast.stream().allMatch(e -> e.at("/properties/latency_ms").asLong() < 3000));
        assertTrue(list(api.ok("/v1/events?limit=100&properties%5Blatency_ms%5D=" + slow.get(0).at("/properties/latency_ms").asLong())).stream()
                .anyMatch(e -> e.get("id").equals(slow.get(0).get("id"))), "a number equals its own digits");

        assertEquals(400, api.get("/v1/events?properties%5Blatency_ms%5D%5Bgte%5D=slow", null).statusCode());
        assertEquals(400, api.get("/v1/events?properties%5Bplan%5D%5Blike%5D=plus", null).statusCode());
        assertEquals(400, api.get("/v1/events?properties%5Bplan", null).statusCode());
    }

    @Test
    void refusesAnEventWindowWiderThanFourteenDays() throws Exception {
        Instant now = Instant.now();
        HttpResponse<String> wide = api.get("/v1/events?timestamp%5Bgte%5D=" + encode(now.minus(Duration.ofDays(15)).toString())
                + "&timestamp%5Blt%5D=" + encode(now.toString()), null);
        assertEquals(400, wide.statusCode());
        assertTrue(JSON.readTree(wide.body()).at("/error/message").asText().contains("Date range"));
        assertEquals(400, api.get("/v1/events?timestamp%5Bgte%5D=" + encode(now.minus(Duration.ofDays(20)).toString()), null).statusCode());
        JsonNode window = api.ok("/v1/events?limit=100&timestamp%5Bgte%5D=" + encode(now.minus(Duration.ofDays(13)).toString()));
        assertEquals(100, window.get("data").size());
        assertEquals(50, api.ok("/v1/events").get("data").size(), "default limit");
    }

    @Test
    void getsByIdWithPercentDecodingAnd404s() throws Exception {
        assertEquals(SampleWorkspace.LARGE_TRACE_EVENT_ID, api.ok("/v1/events/evt%5Fsample%5Flarge").at("/data/id").asText());
        HttpResponse<String> missingEvent = api.get("/v1/events/evt_missing", null);
        assertEquals(404, missingEvent.statusCode());
        assertEquals("Event not found", JSON.readTree(missingEvent.body()).at("/error/message").asText());
        HttpResponse<String> missingConversation = api.get("/v1/conversations/conv%2F..%2Fx", null);
        assertEquals(404, missingConversation.statusCode());
        assertEquals("Conversation not found", JSON.readTree(missingConversation.body()).at("/error/message").asText());
        JsonNode conversation = api.ok("/v1/conversations/" + SampleWorkspace.CHECKOUT_CONVERSATION_ID).get("data");
        assertEquals(SampleWorkspace.SAMPLE_USER_ID, conversation.get("user_id").asText());
        assertEquals(6, conversation.get("message_count").asInt());
    }

    @Test
    void largeTraceMixesSpanKindsWithLongPayloads() throws Exception {
        List<JsonNode> spans = trace(SampleWorkspace.LARGE_TRACE_EVENT_ID, "");
        assertEquals(SampleWorkspace.LARGE_TRACE_SPANS, spans.size());
        Set<String> types = new HashSet<>();
        spans.forEach(s -> types.add(s.get("span_type").asText()));
        assertTrue(types.containsAll(List.of("INTERNAL", "LLM_GENERATION", "LLM_GENERATION_STREAM", "TOOL_CALL")), types.toString());
        long longPayloads = spans.stream().filter(s -> s.get("input").asText("").length() > 200 || s.get("output").asText("").length() > 200).count();
        assertTrue(longPayloads > 50, "long payloads: " + longPayloads);
        assertTrue(spans.get(0).get("start_time_ns").isIntegralNumber() && spans.get(0).get("start_time_ns").asLong() > 1_000_000_000_000_000_000L);
        assertTrue(depth(spans) >= 3);
    }

    @Test
    void errorTraceHasAFailedToolUnderAFailedParent() throws Exception {
        List<JsonNode> spans = trace(SampleWorkspace.ERROR_TRACE_EVENT_ID, "");
        Map<String, JsonNode> byId = new HashMap<>();
        spans.forEach(s -> byId.put(s.get("span_id").asText(), s));
        JsonNode failedTool = spans.stream().filter(s -> s.get("span_type").asText().equals("TOOL_CALL") && s.get("status").asText().equals("ERROR"))
                .findFirst().orElseThrow();
        assertEquals("ERROR", byId.get(failedTool.get("parent_span_id").asText()).get("status").asText());
        assertEquals(2, api.ok("/v1/events/" + SampleWorkspace.ERROR_TRACE_EVENT_ID).at("/data/error_spans").size());
    }

    @Test
    void deepTraceNestsMoreThanThirtyLevels() throws Exception {
        int depth = depth(trace(SampleWorkspace.DEEP_TRACE_EVENT_ID, ""));
        assertEquals(SampleWorkspace.DEEP_TRACE_DEPTH, depth);
        assertTrue(depth >= 30);
    }

    @Test
    void eventsWithoutSpansAndUnknownEventsHaveEmptyTraces() throws Exception {
        assertTrue(api.ok("/v1/events/" + SampleWorkspace.NO_SPANS_EVENT_ID).get("data").isObject());
        assertEquals(List.of(), trace(SampleWorkspace.NO_SPANS_EVENT_ID, ""));
        assertEquals(List.of(), trace("evt_unknown", ""));
        assertEquals(400, api.get("/v1/traces", null).statusCode());
    }

    @Test
    void truncatesPayloadsAndLimitsSpans() throws Exception {
        List<JsonNode> cut = trace(SampleWorkspace.LARGE_TRACE_EVENT_ID, "&trunc_len=50");
        assertEquals(SampleWorkspace.LARGE_TRACE_SPANS, cut.size());
        for (JsonNode span : cut) {
            assertTrue(span.get("input").asText("").codePointCount(0, span.get("input").asText("").length()) <= 50);
            assertTrue(span.get("output").asText("").codePointCount(0, span.get("output").asText("").length()) <= 50);
        }
        assertTrue(cut.stream().anyMatch(s -> s.get("input").asText("").length() == 50));
        assertEquals(10, trace(SampleWorkspace.LARGE_TRACE_EVENT_ID, "&limit=10").size());
        assertTrue(api.ok("/v1/traces?event_id=" + SampleWorkspace.LARGE_TRACE_EVENT_ID).path("meta").isMissingNode());
    }

    private static List<JsonNode> trace(String eventId, String more) throws Exception {
        return list(api.ok("/v1/traces?event_id=" + encode(eventId) + more));
    }

    /** Levels between the root and the deepest span. */
    private static int depth(List<JsonNode> spans) {
        Map<String, String> parents = new HashMap<>();
        spans.forEach(s -> parents.put(s.get("span_id").asText(), s.get("parent_span_id").isNull() ? null : s.get("parent_span_id").asText()));
        int deepest = 0;
        for (String id : parents.keySet()) {
            int depth = 0;
            for (String parent = parents.get(id); parent != null; parent = parents.get(parent)) {
                depth++;
            }
            deepest = Math.max(deepest, depth);
        }
        return deepest;
    }

    private static void assertAscending(List<Instant> times, boolean reversed) {
        for (int i = 1; i < times.size(); i++) {
            int comparison = times.get(i - 1).compareTo(times.get(i));
            assertTrue(reversed ? comparison >= 0 : comparison <= 0, "out of order at " + i);
        }
    }

    private static List<Instant> times(List<JsonNode> items, String field) {
        return items.stream().map(item -> Instant.parse(item.get(field).asText())).toList();
    }
}
