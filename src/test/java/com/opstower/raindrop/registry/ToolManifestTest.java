package com.opstower.raindrop.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.testing.JsonSchemas;
import com.opstower.raindrop.testing.ToolCallExamples;
import com.opstower.raindrop.testing.ToolCallExamples.Example;
import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolSchemas;
import com.opstower.raindrop.tool.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The manifest as describe_tools answers it, and the documented example calls against its schemas. */
class ToolManifestTest {

    /** A budget for what every agent reads before its first call: twelve tools, about 4,600 tokens. */
    static final int MAX_MANIFEST_CHARS = 18_500;

    private static ToolSpec spec(String name) {
        return ToolRegistry.agentSpecs().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no agent tool " + name));
    }

    @Test
    void listsTheAgentToolsInInvestigationOrder() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tools = (List<Map<String, Object>>) ToolManifest.data(ToolRegistry.agentSpecs()).get("tools");
        assertEquals(List.of("test_connection", "list_conversations", "get_conversation", "list_events", "get_event", "get_trace",
                "get_span", "compare_traces", "list_signals", "search_events", "count_events", "get_user"),
                tools.stream().map(t -> t.get("name")).collect(Collectors.toList()));
        for (Map<String, Object> tool : tools) {
            ToolSpec spec = spec((String) tool.get("name"));
            assertEquals(spec.description(), tool.get("description"));
            assertEquals(ToolSchemas.inputSchema(spec), tool.get("inputSchema"));
            assertEquals(Set.of("title", "readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"),
                    ((Map<?, ?>) tool.get("annotations")).keySet());
            assertEquals(tool.get("title"), ((Map<?, ?>) tool.get("annotations")).get("title"));
        }
    }

    @Test
    void titlesEachToolForPeople() {
        assertEquals(List.of("Test connection", "List conversations", "Get conversation", "List events", "Get event", "Get trace",
                "Get span", "Compare traces", "List signals", "Search events", "Count events", "Get user"),
                ToolRegistry.agentSpecs().stream().map(ToolManifest::title).collect(Collectors.toList()));
    }

    @Test
    void hintsThatEveryToolOnlyReadsRaindrop() {
        for (ToolSpec spec : ToolRegistry.agentSpecs()) {
            assertTrue(spec.hints().readOnly(), spec.name());
            assertFalse(spec.hints().destructive(), spec.name());
            assertTrue(spec.hints().openWorld(), spec.name());
            assertEquals(!spec.name().equals("get_trace"), spec.hints().idempotent(), spec.name());
        }
    }

    @Test
    void staysSmall() throws Exception {
        ToolResult manifest = ToolManifest.describe(ToolRegistry.agentSpecs());
        int chars = JsonSchemas.JSON.writeValueAsString(manifest.data()).length();
        System.out.println("describe_tools manifest: " + chars + " characters of JSON (data), " + manifest.text().length()
                + " characters of text");
        assertTrue(chars <= MAX_MANIFEST_CHARS, chars + " characters");
        for (ToolSpec spec : ToolRegistry.agentSpecs()) {
            assertTrue(spec.description().length() <= 400, spec.name() + " has a long description");
        }
    }

    @Test
    void writesAConciseListingForTheAgent() {
        String text = ToolManifest.describe(ToolRegistry.agentSpecs()).text();
        assertTrue(text.startsWith("# Raindrop tools (12)\n\nFlow: list_conversations → list_events (convo_id) → get_event → get_trace"),
                text);
        assertTrue(text.contains("\n## get_trace\n\n" + spec("get_trace").description() + "\n\nArguments: `event_id` (required), "
                + "`getAsFile` (default false), `trunc_len` (1–100000), `limit` (1–1000, default 1000), `status`, "
                + "`span_type` (one or a list of up to 20), `span_id`, `search`, `view` (tree | time, default tree).\n"), text);
        assertTrue(text.contains("\n## test_connection\n\n" + spec("test_connection").description() + "\n\nArguments: none.\n"), text);
        assertTrue(text.contains("`sort` (-last_message_at | last_message_at | -started_at | started_at, default -last_message_at)"),
                text);
        assertTrue(text.contains("Authorization: Bearer <key>"), text);
    }

    @Test
    void everyExampleCallIsValidAgainstItsToolsSchema() {
        List<Example> examples = ToolCallExamples.all();
        for (Example example : examples) {
            ToolSpec spec = spec(example.tool());
            assertEquals(List.of(), JsonSchemas.errors(ToolSchemas.inputSchema(spec), example.arguments()),
                    example.tool() + " " + example.arguments());
            Args.parse(spec, example.arguments());
        }
        assertEquals(ToolRegistry.agentSpecs().stream().map(ToolSpec::name).collect(Collectors.toSet()),
                examples.stream().map(Example::tool).collect(Collectors.toSet()), "an example for every tool");
    }
}
