package com.opstower.raindrop.tool;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.opstower.raindrop.registry.ToolRegistry;
import com.opstower.raindrop.testing.EveryTool;
import com.opstower.raindrop.testing.QueryApiStandIn;
import com.opstower.raindrop.testing.ToolCalls;
import com.opstower.raindrop.testing.ToolCalls.Answer;
import com.opstower.raindrop.testing.TraceStorageStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What an agent receives whole, text and data together, stays bounded whatever Raindrop answers: each tool's largest
 * case, its page at the most it may ask for, every list upstream long, every free text and name upstream thousands of
 * characters long, each body under the client's cap. Each tool fits its own bound ({@link AnswerBound#TOOL_TEXT_CHARS},
 * get_span's window {@link AnswerBound#MAX_TEXT_CHARS}) so that the net never cuts, and a listing's line on how to read
 * on survives.
 */
@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
@QuarkusTestResource(TraceStorageStandIn.class)
class AnswerBoundsTest {

    static final int TEXT_BOUND = AnswerBound.MAX_TEXT_CHARS;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = Path.of("src/test/resources/wiremock/__files");
    /** Fields that keep their fixture values: ids, times, counts and the contract's enumerations. */
    private static final Pattern KEPT = Pattern.compile("(^|_)id$|^id$|time|_at$|_seen$|^timestamp$|^status$|^span_type$"
            + "|^interval$|^cursor$|^kind$|^type$|^sentiment$|^mode$|^severity$|^role$");
    /** The Query API's cursor after every listed page: there is always one more. */
    private static final String NEXT_PAGE = "c_next_page";

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
        EveryTool.stubConfiguredConnection(api);
    }

    /**
     * One tool's largest case: its arguments at their largest, the upstream answers path by path, the bound of its
     * text, and whether it lists a page, whose next-page line must survive.
     */
    record Case(String tool, String arguments, Map<String, String> upstream, int textBound, boolean listing) {
        Case(String tool, String arguments, Map<String, String> upstream) {
            this(tool, arguments, upstream, AnswerBound.TOOL_TEXT_CHARS, false);
        }

        static Case listing(String tool, String arguments, Map<String, String> upstream) {
            return new Case(tool, arguments, upstream, AnswerBound.TOOL_TEXT_CHARS, true);
        }
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("test_connection", "", Map.of("/v1/conversations", largest("conversations-list.json", 1))));
        cases.add(Case.listing("list_conversations", "\"limit\":100",
                Map.of("/v1/conversations", paged(largest("conversations-list.json", 100)))));
        cases.add(new Case("get_conversation", "\"convo_id\":\"conv_8f2c1a\"",
                Map.of("/v1/conversations/.+", largest("conversation-get.json", 100))));
        cases.add(Case.listing("list_events", "\"limit\":100", Map.of("/v1/events", paged(largest("events-list.json", 100)))));
        cases.add(new Case("get_event", "\"event_id\":\"evt_abc123\"", Map.of("/v1/events/.+", largest("event-get.json", 100))));
        cases.add(Case.listing("search_events", "\"query\":\"charged twice\",\"limit\":100",
                Map.of("/v1/events/search", paged(largest("events-search.json", 25)))));
        cases.add(new Case("count_events", "\"group_by\":\"event_name\",\"limit\":100",
                Map.of("/v1/events/facets", largest("events-facets.json", 100))));
        cases.add(new Case("count_events", "\"interval\":\"minute\",\"timestamp_after\":\"2026-11-20T00:00:00Z\"",
                Map.of("/v1/events/timeseries", largest("events-timeseries.json", 20_000))));
        cases.add(Case.listing("list_signals", "\"limit\":100", Map.of("/v1/signals", paged(largest("signals-list.json", 100)),
                "/v1/signal-groups", largest("signal-groups-list.json", 100))));
        cases.add(new Case("get_user", "\"user_id\":\"user_4711\"", Map.of("/v1/users/.+", largest("user-get.json", 100))));
        // Spans as large as this fixture makes them: 150 fill most of the 25 MiB a trace may take.
        String trace = largest("traces-list.json", 150);
        cases.add(new Case("get_trace", "\"event_id\":\"evt_abc123\"", Map.of("/v1/traces", trace)));
        cases.add(new Case("get_trace", "\"event_id\":\"evt_abc123\",\"search\":\"e\"", Map.of("/v1/traces", trace)));
        cases.add(new Case("get_trace", "\"event_id\":\"evt_abc123\",\"getAsFile\":true", Map.of("/v1/traces", trace)));
        cases.add(new Case("get_span", "\"event_id\":\"evt_abc123\",\"span_id\":\"00f067aa0ba902b7\",\"field\":\"attributes\","
                + "\"max_chars\":40000", Map.of("/v1/traces", trace), AnswerBound.MAX_TEXT_CHARS, false));
        cases.add(new Case("get_span", "\"event_id\":\"evt_abc123\",\"span_id\":\"00f067aa0ba902b7\"", Map.of("/v1/traces", trace)));
        // Every span of the run renamed (its prose changed): each pair a step renamed, with names at their longest.
        cases.add(new Case("compare_traces", "\"event_id\":\"evt_abc123\",\"baseline_event_id\":\"" + EveryTool.BASELINE_EVENT + "\"",
                Map.of("/v1/traces?event_id=evt_abc123", trace.replace("Lorem", "Lorum"),
                        "/v1/traces?event_id=" + EveryTool.BASELINE_EVENT, trace)));
        cases.add(new Case("get_trace", "\"event_id\":\"evt_abc123\",\"view\":\"time\"", Map.of("/v1/traces", trace)));
        cases.add(new Case("smoke_test", null, Map.of("/v1/conversations", largest("conversations-list.json", 1))));
        cases.add(new Case("describe_tools", "", Map.of()));
        return cases;
    }

    @Test
    void everyToolsLargestAnswerStaysWithinItsOwnBoundUncutByTheNet() {
        List<Executable> checks = new ArrayList<>();
        for (Case c : cases()) {
            api.resetAll();
            EveryTool.stubConfiguredConnection(api);
            c.upstream().forEach((path, body) -> {
                // "path?event_id=…": one event's answer.
                String[] event = path.split("\\?event_id=");
                MappingBuilder request = get(urlPathMatching(event[0]));
                api.stubFor((event.length > 1 ? request.withQueryParam("event_id", equalTo(event[1])) : request)
                        .atPriority(5).willReturn(okJson(body)));
            });
            Answer answer = ToolCalls.post(c.tool(), body(c)).assertEnvelope();
            String text = answer.text();
            JsonNode data = answer.json().path("data");
            int whole = answer.body().length();
            String where = c.tool() + " " + c.arguments();
            System.out.printf("%-18s %-60.60s text %,7d, data %,7d, whole %,7d%n", c.tool(), c.arguments(), text.length(),
                    data.toString().length(), whole);
            checks.add(() -> assertFalse(answer.isError(), where + " answered " + answer.code() + ": " + text));
            checks.add(() -> assertTrue(text.length() <= c.textBound(), where + ": text " + text.length()));
            checks.add(() -> assertFalse(text.contains("**Answer cut**"), where + ": cut by the net"));
            checks.add(() -> assertFalse(data.has("answer_cut"), where + ": data cut by the net"));
            checks.add(() -> assertTrue(whole <= 2 * TEXT_BOUND, where + ": whole " + whole));
            if (c.listing()) {
                String next = data.path("next_cursor").asText(null);
                checks.add(() -> assertTrue(next != null && text.contains("`cursor: \"" + next + "\"`"),
                        where + ": no line to read on with " + next + " in\n" + text.substring(Math.max(0, text.length() - 600))));
            }
        }
        assertAll(checks);
    }

    @Test
    void everyToolHasALargestCase() {
        Set<String> covered = cases().stream().map(Case::tool).collect(Collectors.toSet());
        Set<String> tools = ToolRegistry.all().stream().map(entry -> entry.spec().name()).collect(Collectors.toSet());
        assertTrue(covered.equals(tools), "cases cover " + covered + ", the registry has " + tools);
    }

    private static String body(Case c) {
        String connection = "{\"integration_id\":\"int_42\",\"api_key\":\"" + ToolCalls.KEY + "\"}";
        if (c.arguments() == null) {
            return "{\"connections\":[" + String.join(",", java.util.Collections.nCopies(50, connection)) + "]}";
        }
        return "{\"connection\":" + connection + (c.arguments().isEmpty() ? "" : "," + c.arguments()) + "}";
    }

    /**
     * A fixture at its largest: its top-level list {@code items} long and every nested one 20, each object with 20 more
     * fields where it holds free-form ones, every string but ids, times and enumerations 2,000 characters longer.
     */
    static String largest(String fixture, int items) {
        try {
            JsonNode root = JSON.readTree(Files.readString(FIXTURES.resolve(fixture)));
            JsonNode data = root.get("data");
            if (data instanceof ArrayNode list) {
                grow(list, items);
            } else if (data instanceof ObjectNode object) {
                object.fields().forEachRemaining(field -> {
                    if (field.getValue() instanceof ArrayNode list) {
                        grow(list, items);
                    }
                });
            }
            return JSON.writeValueAsString(inflate(null, root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A listed page with a next one. */
    private static String paged(String body) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(body);
            root.putObject("meta").put("cursor", NEXT_PAGE).put("has_more", true);
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void grow(ArrayNode list, int items) {
        if (list.isEmpty()) {
            return;
        }
        JsonNode first = list.get(0);
        for (int i = list.size(); i < items; i++) {
            list.add(first.deepCopy());
        }
    }

    private static JsonNode inflate(String key, JsonNode node) {
        if (node instanceof ObjectNode object) {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            object.fields().forEachRemaining(field -> fields.put(field.getKey(), inflate(field.getKey(), field.getValue())));
            object.removeAll();
            fields.forEach(object::set);
            if (key != null && Set.of("properties", "attributes", "traits", "input", "output").contains(key)) {
                for (int i = 0; i < 20; i++) {
                    object.put("extra_" + i, prose());
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            if (!"data".equals(key)) {
                grow(array, 20);
            }
            for (int i = 0; i < array.size(); i++) {
                array.set(i, inflate(key, array.get(i)));
            }
            return array;
        }
        if (node.isTextual() && (key == null || !KEPT.matcher(key).find())) {
            return TextNode.valueOf(node.asText() + prose());
        }
        return node;
    }

    private static String prose() {
        return " Lorem ipsum dolor sit amet, consectetur adipiscing elit\n".repeat(35);
    }
}
