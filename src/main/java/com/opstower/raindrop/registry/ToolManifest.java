package com.opstower.raindrop.registry;

import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolSchemas;
import com.opstower.raindrop.tool.ToolSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The agent tools as every surface announces them: name, description, the JSON Schema of the arguments and the MCP
 * tool annotations, each entry shaped like an MCP {@code Tool}. Pure: built from the {@link ToolSpec}s alone.
 */
public final class ToolManifest {

    /** How a call reaches the tools besides MCP's own tools/list and tools/call. */
    static final Map<String, String> CALLING = calling();

    private ToolManifest() {
    }

    /** The manifest of the given tools, as {@code describe_tools} answers it. */
    public static ToolResult describe(List<ToolSpec> specs) {
        return ToolResult.ok(text(specs), data(specs));
    }

    public static Map<String, Object> data(List<ToolSpec> specs) {
        List<Map<String, Object>> tools = new ArrayList<>();
        for (ToolSpec spec : specs) {
            tools.add(entry(spec));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("flow", ToolRegistry.FLOW);
        data.put("calling", CALLING);
        data.put("tools", tools);
        return data;
    }

    /** One tool as MCP's tools/list shows it. */
    public static Map<String, Object> entry(ToolSpec spec) {
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("name", spec.name());
        tool.put("title", title(spec));
        tool.put("description", spec.description());
        tool.put("inputSchema", ToolSchemas.inputSchema(spec));
        tool.put("annotations", annotations(spec));
        return tool;
    }

    /** The name for people: {@code get_trace} is "Get trace". */
    public static String title(ToolSpec spec) {
        String words = spec.name().replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** MCP's ToolAnnotations: the title and the hints. */
    public static Map<String, Object> annotations(ToolSpec spec) {
        ToolSpec.Hints hints = spec.hints();
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put("title", title(spec));
        annotations.put("readOnlyHint", hints.readOnly());
        annotations.put("destructiveHint", hints.destructive());
        annotations.put("idempotentHint", hints.idempotent());
        annotations.put("openWorldHint", hints.openWorld());
        return annotations;
    }

    static String text(List<ToolSpec> specs) {
        StringBuilder text = new StringBuilder("# Raindrop tools (").append(specs.size()).append(")\n\n")
                .append("Flow: ").append(ToolRegistry.FLOW).append('\n');
        for (ToolSpec spec : specs) {
            text.append("\n## ").append(spec.name()).append("\n\n").append(spec.description()).append("\n\n")
                    .append("Arguments: ").append(spec.params().isEmpty() ? "none"
                            : spec.params().stream().map(ToolManifest::argument).collect(Collectors.joining(", ")))
                    .append(".\n");
        }
        text.append("\nEach tool's JSON Schema is in `data.tools[].inputSchema`. ")
                .append(CALLING.get("http")).append(' ').append(CALLING.get("mcp")).append('\n');
        return text.toString();
    }

    /** {@code `limit` (1–100, default 20)}, {@code `event_id` (required)}. */
    private static String argument(Param param) {
        List<String> facts = new ArrayList<>();
        if (param.required()) {
            facts.add("required");
        }
        if (param.kind() == Param.Kind.TIMESTAMP) {
            facts.add("ISO-8601");
        }
        if (param.kind() == Param.Kind.TEXTS) {
            facts.add("one or a list of up to " + param.max());
        } else if (param.min() != null) {
            facts.add(param.min() + "–" + param.max());
        } else if (param.max() != null) {
            facts.add("at most " + param.max());
        }
        if (!param.allowed().isEmpty()) {
            facts.add(param.allowed().stream().collect(Collectors.joining(" | ")));
        }
        if (param.defaultValue() != null) {
            facts.add("default " + param.defaultValue());
        }
        return "`" + param.name() + "`" + (facts.isEmpty() ? "" : " (" + String.join(", ", facts) + ")");
    }

    private static Map<String, String> calling() {
        Map<String, String> calling = new LinkedHashMap<>();
        calling.put("http", "HTTP and Lambda: send the arguments as one JSON object; an optional `connection` object "
                + "{api_key, project_id, integration_id} beside them replaces the configured key.");
        calling.put("mcp", "MCP (streamable HTTP at /mcp): the key comes from `Authorization: Bearer <key>` and the "
                + "project from `X-Raindrop-Project-Id`.");
        calling.put("result", "{text, is_error, error: {code, message, retryable, retry_after_seconds}, data}");
        return Collections.unmodifiableMap(calling);
    }
}
