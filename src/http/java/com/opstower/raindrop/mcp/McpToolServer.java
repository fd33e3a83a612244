package com.opstower.raindrop.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.registry.ToolManifest;
import com.opstower.raindrop.registry.ToolRegistry;
import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSchemas;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the agent tools over MCP (streamable HTTP at {@code /mcp}): each is registered from its {@link ToolSpec}
 * with the schema {@link ToolSchemas} derives, and each call goes to the tool's own function with the calling
 * convention's request, so that validation, Raindrop calls and rendering are the HTTP and Lambda ones.
 *
 * <p>The credentials come from the MCP request's headers (see {@link McpCredentials}); a {@code connection}
 * argument, which would put a key into the model's context, is refused.
 */
@ApplicationScoped
public class McpToolServer {

    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    @Inject
    ToolManager toolManager;

    /** The HTTP request that carries the current MCP message. */
    @Inject
    HttpServerRequest httpRequest;

    @Inject
    ObjectMapper json;

    @Inject
    ToolRunner runner;

    @Inject
    ToolRegistry registry;

    void register(@Observes StartupEvent startup) {
        for (ToolRegistry.Entry entry : ToolRegistry.agentTools()) {
            ToolSpec spec = entry.spec();
            Tool tool = registry.serving(entry);
            ToolSpec.Hints hints = spec.hints();
            String title = ToolManifest.title(spec);
            toolManager.newTool(spec.name())
                    .setTitle(title)
                    .setDescription(spec.description())
                    .setInputSchema(new JsonObject(ToolSchemas.inputSchema(spec)))
                    .setAnnotations(new ToolManager.ToolAnnotations(title, hints.readOnly(), hints.destructive(),
                            hints.idempotent(), hints.openWorld()))
                    .setHandler(arguments -> call(spec.name(), tool, arguments.args()))
                    .register();
        }
    }

    private ToolResponse call(String name, Tool tool, Map<String, Object> arguments) {
        Map<String, Object> request;
        try {
            request = request(arguments);
        } catch (ToolFailure refused) {
            // Answered and logged as the tool's own refusals are.
            return response(runner.guarded(name, null, () -> {
                throw refused;
            }));
        }
        return response(tool.call(request));
    }

    /** The calling convention's request: the arguments, and a {@code connection} from the headers if they carry one. */
    private Map<String, Object> request(Map<String, Object> arguments) {
        Map<String, Object> request = arguments == null ? new LinkedHashMap<>() : new LinkedHashMap<>(arguments);
        if (request.containsKey(Args.CONNECTION)) {
            throw ToolFailure.invalidArgument("`connection` is not an argument over MCP: the key comes from the "
                            + "MCP request's `Authorization: Bearer` header.",
                    "Call again without `connection`; configure the key as the MCP client's Authorization header.");
        }
        Map<String, Object> connection = McpCredentials.connection(
                httpRequest.getHeader(HttpHeaders.AUTHORIZATION), httpRequest.getHeader(McpCredentials.PROJECT_HEADER));
        if (!connection.isEmpty()) {
            request.put(Args.CONNECTION, connection);
        }
        return request;
    }

    /** The text for the model, the error flag, and the structured data (or the error) as structured content. */
    private ToolResponse response(ToolResult result) {
        Object structured = result.isError() ? Map.of("error", result.error()) : result.data();
        JsonObject content = structured == null ? null : new JsonObject(json.convertValue(structured, JSON_OBJECT));
        return new ToolResponse(result.isError(), List.of(new TextContent(result.text())), content, null);
    }
}
