package com.opstower.raindrop.manifest;

import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** {@code describe_tools}: the agent tools' manifest, for agents and orchestrators that do not speak MCP. */
public class DescribeToolsFunction {

    public static final ToolSpec SPEC = new ToolSpec("describe_tools",
            "List the Raindrop tools: what each is for, the JSON Schema of its arguments and its MCP hints.",
            List.of(), new ToolSpec.Hints(true, false, true, false));

    private static final ToolResult MANIFEST = ToolManifest.describe(AgentTools.SPECS);

    @Inject
    ToolRunner runner;

    @Funq("describe_tools")
    public ToolResult describeTools(Map<String, Object> request) {
        return runner.guarded(SPEC.name(), request, () -> {
            Args.parse(SPEC, request);
            return MANIFEST;
        });
    }
}
