package com.opstower.raindrop.mcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.opstower.raindrop.testing.ToolCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.opstower.raindrop.registry.ToolRegistry;
import com.opstower.raindrop.testing.QueryApiStandIn;
import com.opstower.raindrop.testing.ToolCallExamples;
import com.opstower.raindrop.testing.ToolCalls;
import com.opstower.raindrop.testing.TraceStorageStandIn;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkiverse.mcp.server.test.McpAssured;
import io.quarkiverse.mcp.server.test.McpAssured.McpStreamableTestClient;
import io.quarkiverse.mcp.server.test.McpAssured.ToolInfo;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent tools over MCP (streamable HTTP at /mcp), as an MCP client sees them. */
@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
@QuarkusTestResource(TraceStorageStandIn.class)
class McpServerTest {

    WireMockServer api = QueryApiStandIn.server();
    final List<McpStreamableTestClient> clients = new ArrayList<>();

    @BeforeEach
    void stubTheQueryApi() {
        api.resetAll();
        stub("/v1/conversations", "conversations-list.json");
        stub("/v1/conversations/conv_8f2c1a", "conversation-get.json");
        stub("/v1/events", "events-list.json");
        stub("/v1/events/evt_abc123", "event-get.json");
        stub("/v1/traces", "traces-list.json");
        QueryApiStandIn.stubSignals(api);
        stub("/v1/signal-groups/7a1d3e52-0c4b-4f2a-8e6d-91b0c2a4e5f3/signals", "signals-list-page2.json");
        stub("/v1/events/search", "events-search.json");
        stub("/v1/events/count", "events-count.json");
        stub("/v1/events/timeseries", "events-timeseries.json");
        stub("/v1/events/facets", "events-facets.json");
        stub("/v1/users/user_4711", "user-get.json");
    }

    @AfterEach
    void disconnect() {
        clients.forEach(McpStreamableTestClient::disconnect);
    }

    private void stub(String path, String file) {
        api.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBodyFile(file)));
    }

    /** A connected client sending these headers with every message. */
    private McpStreamableTestClient client(Map<String, String> headers) {
        McpStreamableTestClient client = McpAssured.newStreamableClient()
                .setAdditionalHeaders(message -> MultiMap.caseInsensitiveMultiMap().addAll(headers))
                .build().connect();
        clients.add(client);
        return client;
    }

    private McpStreamableTestClient clientWithKey() {
        return client(Map.of("Authorization", "Bearer " + ToolCalls.KEY, "X-Raindrop-Project-Id", "checkout-bot"));
    }

    private static void callTool(McpStreamableTestClient client, String tool, Map<String, Object> arguments,
            Consumer<ToolResponse> check) {
        client.when().toolsCall(tool, arguments, check).thenAssertResults();
    }

    private static String text(ToolResponse response) {
        return response.content().get(0).asText().text();
    }

    private static JsonObject structured(ToolResponse response) {
        Object content = response.structuredContent();
        assertNotNull(content, "structured content");
        return content instanceof JsonObject json ? json : JsonObject.mapFrom(content);
    }

    @Test
    void listsTheManifestsToolsWithTheirSchemasAndHints() {
        JsonArray manifest = new JsonObject(call("describe_tools", "{}").extract().asString())
                .getJsonObject("data").getJsonArray("tools");
        Map<String, JsonObject> expected = new HashMap<>();
        manifest.forEach(tool -> expected.put(((JsonObject) tool).getString("name"), (JsonObject) tool));

        clientWithKey().when().toolsList(page -> {
            assertEquals(expected.keySet(), page.tools().stream().map(ToolInfo::name).collect(Collectors.toSet()));
            for (ToolInfo tool : page.tools()) {
                JsonObject entry = expected.get(tool.name());
                assertEquals(entry.getString("title"), tool.title(), tool.name());
                assertEquals(entry.getString("description"), tool.description(), tool.name());
                assertEquals(entry.getJsonObject("inputSchema"), tool.inputSchema(), tool.name());
                JsonObject hints = entry.getJsonObject("annotations");
                McpAssured.ToolAnnotations annotations = tool.annotations().orElseThrow();
                assertEquals(hints.getString("title"), annotations.title(), tool.name());
                assertEquals(hints.getBoolean("readOnlyHint"), annotations.readOnlyHint(), tool.name());
                assertEquals(hints.getBoolean("destructiveHint"), annotations.destructiveHint(), tool.name());
                assertEquals(hints.getBoolean("idempotentHint"), annotations.idempotentHint(), tool.name());
                assertEquals(hints.getBoolean("openWorldHint"), annotations.openWorldHint(), tool.name());
            }
        }).thenAssertResults();
        assertEquals(ToolRegistry.agentSpecs().stream().map(ToolSpec::name).collect(Collectors.toSet()), expected.keySet());
    }

    @Test
    void testsTheConnectionWithTheBearerKeyAndProjectHeaders() {
        callTool(clientWithKey(), "test_connection", Map.of(), response -> {
            assertFalse(response.isError(), text(response));
            assertTrue(text(response).startsWith("Connected to Raindrop: the API key works for project `checkout-bot`"),
                    text(response));
            assertEquals("checkout-bot", structured(response).getString("project_id"));
        });
        api.verify(1, getRequestedFor(urlPathEqualTo("/v1/conversations"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + ToolCalls.KEY))
                .withHeader("X-Raindrop-Project-Id", WireMock.equalTo("checkout-bot")));
        api.verify(0, getRequestedFor(anyUrl()).withHeader("Authorization", WireMock.equalTo("Bearer " + QueryApiStandIn.FALLBACK_KEY)));
    }

    @Test
    void listsConversations() {
        callTool(clientWithKey(), "list_conversations", Map.of("limit", 5), response -> {
            assertFalse(response.isError(), text(response));
            assertTrue(text(response).contains("conv_8f2c1a"), text(response));
            assertEquals("conv_8f2c1a", structured(response).getJsonArray("conversations").getJsonObject(0).getString("id"));
        });
        api.verify(getRequestedFor(urlPathEqualTo("/v1/conversations")).withQueryParam("limit", WireMock.equalTo("5")));
    }

    @Test
    void showsAConversation() {
        callTool(clientWithKey(), "get_conversation", Map.of("convo_id", "conv_8f2c1a"), response -> {
            assertFalse(response.isError(), text(response));
            assertTrue(text(response).contains("## Conversation `conv_8f2c1a`"), text(response));
            assertEquals("user_4711", structured(response).getJsonObject("conversation").getString("user_id"));
        });
    }

    @Test
    void listsEvents() {
        callTool(clientWithKey(), "list_events", Map.of("convo_id", "conv_8f2c1a"), response -> {
            assertFalse(response.isError(), text(response));
            assertTrue(text(response).contains("evt_abc123"), text(response));
        });
        api.verify(getRequestedFor(urlPathEqualTo("/v1/events")).withQueryParam("convo_id", WireMock.equalTo("conv_8f2c1a")));
    }

    @Test
    void showsAnEvent() {
        callTool(clientWithKey(), "get_event", Map.of("event_id", "evt_abc123"), response -> {
            assertFalse(response.isError(), text(response));
            assertTrue(text(response).contains("get_trace with `event_id: \"evt_abc123\"`"), text(response));
            assertEquals("pro", structured(response).getJsonObject("event").getJsonObject("properties").getString("plan"));
        });
    }

    @Test
    void showsATrace() {
        callTool(clientWithKey(), "get_trace", Map.of("event_id", "evt_abc123"), response -> {
            assertFalse(response.isError(), text(response));
            assertTrue(text(response).contains("refund_order"), text(response));
            assertEquals(3, structured(response).getJsonObject("counts").getInteger("spans"));
        });
    }

    @Test
    void answersEveryExampleCall() {
        McpStreamableTestClient client = clientWithKey();
        for (ToolCallExamples.Example example : ToolCallExamples.all()) {
            callTool(client, example.tool(), example.arguments(),
                    response -> assertFalse(response.isError(), example + ": " + text(response)));
        }
    }

    @Test
    void reportsAnUnknownEventAsAToolError() {
        api.stubFor(get(urlPathEqualTo("/v1/events/evt_nope")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBodyFile("error-404-event.json")));

        callTool(clientWithKey(), "get_event", Map.of("event_id", "evt_nope"), response -> {
            assertTrue(response.isError());
            assertTrue(text(response).startsWith("**Error NOT_FOUND:** Raindrop has no event with id `evt_nope`"), text(response));
            assertTrue(text(response).contains("Next step: "), text(response));
            assertEquals("NOT_FOUND", structured(response).getJsonObject("error").getString("code"));
        });
    }

    @Test
    void reportsARefusedKeyWithoutShowingIt() {
        api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBodyFile("error-401.json")));

        callTool(clientWithKey(), "test_connection", Map.of(), response -> {
            assertTrue(response.isError());
            assertTrue(text(response).startsWith("**Error AUTH_FAILED:**"), text(response));
            assertFalse(text(response).contains(ToolCalls.KEY));
            assertFalse(structured(response).encode().contains(ToolCalls.KEY));
        });
    }

    @Test
    void refusesInvalidArgumentsWithTheToolsOwnMessage() {
        callTool(clientWithKey(), "get_trace", Map.of("event_id", "evt_abc123", "trunc_len", 0), response -> {
            assertTrue(response.isError());
            assertTrue(text(response).contains("`trunc_len` must be an integer from 1 to 100000; got number 0."), text(response));
        });
        callTool(clientWithKey(), "list_events", Map.of("userId", "u"), response -> {
            assertTrue(response.isError());
            assertTrue(text(response).startsWith("**Error INVALID_ARGUMENT:** `userId` is not an argument of list_events."),
                    text(response));
        });
        assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void usesTheConfiguredKeyWhenTheClientSendsNone() {
        callTool(client(Map.of()), "list_conversations", Map.of(), response -> assertFalse(response.isError(), text(response)));
        api.verify(1, getRequestedFor(urlPathEqualTo("/v1/conversations"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + QueryApiStandIn.FALLBACK_KEY))
                .withoutHeader("X-Raindrop-Project-Id"));
    }

    @Test
    void takesTheProjectAloneFromItsHeader() {
        callTool(client(Map.of("X-Raindrop-Project-Id", "staging")), "test_connection", Map.of(),
                response -> assertFalse(response.isError(), text(response)));
        api.verify(1, getRequestedFor(urlPathEqualTo("/v1/conversations"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + QueryApiStandIn.FALLBACK_KEY))
                .withHeader("X-Raindrop-Project-Id", WireMock.equalTo("staging")));
    }

    @Test
    void refusesAnAuthorizationHeaderThatIsNoBearerKey() {
        callTool(client(Map.of("Authorization", "Basic dXNlcjpwYXNz")), "test_connection", Map.of(), response -> {
            assertTrue(response.isError());
            assertTrue(text(response).startsWith("**Error MISSING_CREDENTIALS:** The MCP request's Authorization header"),
                    text(response));
        });
        assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void refusesAKeyInTheArguments() {
        callTool(clientWithKey(), "test_connection", Map.of("connection", Map.of("api_key", "rk_other")), response -> {
            assertTrue(response.isError());
            assertTrue(text(response).startsWith("**Error INVALID_ARGUMENT:** `connection` is not an argument over MCP"),
                    text(response));
            assertFalse(text(response).contains("rk_other"));
        });
        assertEquals(0, api.getAllServeEvents().size());
    }
}
