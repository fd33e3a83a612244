package com.opstower.raindrop.local;

import static com.opstower.raindrop.local.SampleApiClient.encode;
import static com.opstower.raindrop.local.SampleApiClient.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.opstower.raindrop.local.SampleModel.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/signals}, {@code /v1/signal-groups} and {@code /v1/users} of the sample Query API. */
class SampleCatalogTest {

    private static final Set<String> SIGNAL_FIELDS = Set.of("id", "type", "name", "description", "created_at",
            "group_id", "group_name", "sentiment");

    private static SampleApiClient api;

    @BeforeAll
    static void start() throws Exception {
        api = new SampleApiClient();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void listsEverySignalWithItsGroupNewestFirst() throws Exception {
        JsonNode page = api.ok("/v1/signals");
        List<JsonNode> signals = list(page);
        assertEquals(SampleSignal.values().length, signals.size());
        assertFalse(page.at("/meta/has_more").asBoolean());
        assertTrue(page.at("/meta/cursor").isNull());
        for (JsonNode signal : signals) {
            assertEquals(SIGNAL_FIELDS, fieldNames(signal), "every field, nullable ones as null");
            assertTrue(Set.of("topic", "regex", "instrumented").contains(signal.get("type").asText()));
            assertTrue(Set.of("NEGATIVE", "POSITIVE", "NEUTRAL").contains(signal.get("sentiment").asText()));
        }
        JsonNode frustration = byName(signals, "user_frustration");
        assertEquals(SampleSignal.USER_FRUSTRATION.id(), frustration.get("id").asText());
        assertEquals(SampleSignal.Group.CUSTOMER_EXPERIENCE.id(), frustration.get("group_id").asText());
        assertEquals("Customer experience", frustration.get("group_name").asText());
        assertTrue(byName(signals, "refund_request").get("description").isNull());

        assertDescending(signals.stream().map(s -> Instant.parse(s.get("created_at").asText())).toList());
        assertEquals(signals, list(api.ok("/v1/signals?order_by=-timestamp")), "the SDK's default order");
        List<JsonNode> oldestFirst = new ArrayList<>(signals);
        Collections.reverse(oldestFirst);
        assertEquals(oldestFirst, list(api.ok("/v1/signals?order_by=created_at")));
        assertEquals(2, list(api.ok("/v1/signals?limit=2")).size());
        assertEquals(400, api.get("/v1/signals?order_by=name", null).statusCode());
    }

    @Test
    void getsOneSignalOr404() throws Exception {
        JsonNode signal = api.ok("/v1/signals/" + SampleSignal.TOOL_FAILURE.id()).get("data");
        assertEquals("tool_failure", signal.get("name").asText());
        assertEquals("instrumented", signal.get("type").asText());
        assertEquals("Reliability", signal.get("group_name").asText());
        assertEquals("Signal not found", api.error(404, "/v1/signals/tool_failure").get("message").asText());
    }

    @Test
    void listsSignalGroupsWithTheirSignalCounts() throws Exception {
        List<JsonNode> groups = list(api.ok("/v1/signal-groups"));
        assertEquals(SampleSignal.Group.values().length, groups.size());
        Map<String, Long> signalsPerGroup = list(api.ok("/v1/signals")).stream()
                .collect(Collectors.groupingBy(s -> s.get("group_id").asText(), Collectors.counting()));
        for (JsonNode group : groups) {
            assertEquals(Set.of("id", "name", "description", "org_id", "created_at", "updated_at", "signal_count"), fieldNames(group));
            assertEquals(SampleWorkspace.ORG_ID, group.get("org_id").asText());
            assertEquals(signalsPerGroup.get(group.get("id").asText()).intValue(), group.get("signal_count").asInt());
        }
        assertDescending(groups.stream().map(g -> Instant.parse(g.get("created_at").asText())).toList());

        String reliability = SampleSignal.Group.RELIABILITY.id();
        assertEquals("Reliability", api.ok("/v1/signal-groups/" + reliability).at("/data/name").asText());
        List<JsonNode> members = list(api.ok("/v1/signal-groups/" + reliability + "/signals"));
        assertEquals(Set.of("tool_failure", "hallucination"), members.stream().map(s -> s.get("name").asText()).collect(Collectors.toSet()));
        assertTrue(members.stream().allMatch(s -> fieldNames(s).equals(SIGNAL_FIELDS)));
    }

    @Test
    void unknownSignalGroupIs404() throws Exception {
        String unknown = "00000000-0000-4000-8000-000000000000";
        assertEquals("Signal group not found", api.error(404, "/v1/signal-groups/" + unknown).get("message").asText());
        assertEquals("Signal group not found", api.error(404, "/v1/signal-groups/" + unknown + "/signals").get("message").asText());
        assertEquals(404, api.get("/v1/signal-groups/" + unknown + "/members", null).statusCode());
    }

    @Test
    void listsUsersAsTheirEventsShowThem() throws Exception {
        List<JsonNode> users = list(api.ok("/v1/users"));
        Map<String, List<Event>> eventsByUser = api.workspace.events().stream().filter(e -> e.userId() != null)
                .collect(Collectors.groupingBy(Event::userId));
        assertEquals(eventsByUser.keySet(), users.stream().map(u -> u.get("id").asText()).collect(Collectors.toSet()));
        for (JsonNode user : users) {
            List<Event> own = eventsByUser.get(user.get("id").asText());
            assertEquals(Set.of("id", "traits", "first_seen", "last_seen", "event_count"), fieldNames(user));
            assertEquals(own.size(), user.get("event_count").asInt());
            assertEquals(own.stream().map(Event::timestamp).min(Comparator.naturalOrder()).orElseThrow(), Instant.parse(user.get("first_seen").asText()));
            assertEquals(own.stream().map(Event::timestamp).max(Comparator.naturalOrder()).orElseThrow(), Instant.parse(user.get("last_seen").asText()));
            assertTrue(Set.of("free", "plus", "pro").contains(user.at("/traits/plan").asText()));
        }
        assertDescending(users.stream().map(u -> Instant.parse(u.get("last_seen").asText())).toList());
    }

    @Test
    void filtersUsers() throws Exception {
        List<JsonNode> prefixed = list(api.ok("/v1/users?user_id%5BstartsWith%5D=user_4"));
        assertEquals(List.of(SampleWorkspace.SAMPLE_USER_ID), prefixed.stream().map(u -> u.get("id").asText()).toList());

        String plan = api.ok("/v1/users/" + SampleWorkspace.SAMPLE_USER_ID).at("/data/traits/plan").asText();
        List<JsonNode> samePlan = list(api.ok("/v1/users?traits%5Bplan%5D=" + plan));
        assertTrue(samePlan.stream().allMatch(u -> u.at("/traits/plan").asText().equals(plan)));
        assertTrue(samePlan.stream().anyMatch(u -> u.get("id").asText().equals(SampleWorkspace.SAMPLE_USER_ID)));

        Instant since = Instant.now().minus(Duration.ofDays(2));
        List<JsonNode> recent = list(api.ok("/v1/users?last_seen%5Bgte%5D=" + encode(since.toString())));
        assertTrue(recent.stream().allMatch(u -> Instant.parse(u.get("last_seen").asText()).isAfter(since)));
        assertTrue(recent.stream().anyMatch(u -> u.get("id").asText().equals(SampleWorkspace.SAMPLE_USER_ID)), "the checkout chat is a day old");
    }

    @Test
    void getsOneUserOr404() throws Exception {
        JsonNode user = api.ok("/v1/users/" + SampleWorkspace.SAMPLE_USER_ID).get("data");
        assertEquals(SampleWorkspace.SAMPLE_USER_ID, user.get("id").asText());
        assertTrue(user.get("traits").isObject());
        JsonNode missing = api.error(404, "/v1/users/user_missing");
        assertEquals("NOT_FOUND", missing.get("code").asText());
        assertEquals("User not found", missing.get("message").asText());
    }

    private static JsonNode byName(List<JsonNode> signals, String name) {
        return signals.stream().filter(s -> s.get("name").asText().equals(name)).findFirst().orElseThrow();
    }

    private static Set<String> fieldNames(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static void assertDescending(List<Instant> times) {
        for (int i = 1; i < times.size(); i++) {
            assertFalse(times.get(i - 1).isBefore(times.get(i)), "out of order at " + i);
        }
    }
}
