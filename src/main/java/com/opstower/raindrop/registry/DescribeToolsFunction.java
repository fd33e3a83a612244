package com.opstower.raindrop.registry;

import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** {@code describe_tools}: the agent tools' manifest, for agents and orchestrators that do not speak MCP. */
public class DescribeToolsFunction implements Tool {

    static final String NAME = "describe_tools";

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "List the Raindrop tools: what each is for, the JSON Schema of its arguments and its MCP hints.",
            List.of(), new ToolSpec.Hints(true, false, true, false));

    @Inject
    ToolRunner runner;

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.guarded(SPEC.name(), request, () -> {
            Args.parse(SPEC, request);
            return ToolManifest.describe(ToolRegistry.agentSpecs());
        });
    }
}
