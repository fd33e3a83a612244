package com.opstower.raindrop.registry;

import static com.opstower.raindrop.testing.ToolCalls.call;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.opstower.raindrop.testing.QueryApiStandIn;
import com.opstower.raindrop.testing.ToolCalls;
import com.opstower.raindrop.testing.TraceStorageStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
@QuarkusTestResource(TraceStorageStandIn.class)
class DescribeToolsFunctionTest {

    @Test
    void answersTheManifestInTheToolEnvelope() {
        call("describe_tools", "{}")
                .body("is_error", equalTo(false))
                .body("error", nullValue())
                .body("text", startsWith("# Raindrop tools (12)\n"))
                .body("data.flow", startsWith("list_conversations → list_events"))
                .body("data.calling.mcp", containsString("Authorization: Bearer <key>"))
                .body("data.tools", hasSize(12))
                .body("data.tools[5].name", equalTo("get_trace"))
                .body("data.tools[5].inputSchema.required", equalTo(java.util.List.of("event_id")))
                .body("data.tools[5].inputSchema.properties.limit.maximum", equalTo(1000))
                .body("data.tools[5].inputSchema.additionalProperties", equalTo(false))
                .body("data.tools[5].annotations.idempotentHint", equalTo(false))
                .body("data.tools[0].inputSchema.properties.size()", equalTo(0));
    }

    @Test
    void needsNoKeyAndAcceptsTheCallingConventionsConnection() {
        call("describe_tools", ToolCalls.withConnection(""))
                .body("is_error", equalTo(false))
                .body("data.tools", hasSize(12));
    }

    @Test
    void refusesArguments() {
        call("describe_tools", "{\"tool\":\"get_trace\"}")
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`tool` is not an argument of describe_tools."));
    }
}
