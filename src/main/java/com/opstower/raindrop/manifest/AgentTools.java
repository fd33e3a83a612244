package com.opstower.raindrop.manifest;

import com.opstower.raindrop.connection.TestConnectionFunction;
import com.opstower.raindrop.conversation.GetConversationFunction;
import com.opstower.raindrop.conversation.ListConversationsFunction;
import com.opstower.raindrop.event.GetEventFunction;
import com.opstower.raindrop.event.ListEventsFunction;
import com.opstower.raindrop.tool.ToolSpec;
import com.opstower.raindrop.trace.GetTraceFunction;
import java.util.List;

/** The tools an agent calls, in the order of an investigation. Every surface (HTTP, Lambda, MCP) offers these. */
public final class AgentTools {

    public static final List<ToolSpec> SPECS = List.of(
            TestConnectionFunction.SPEC,
            ListConversationsFunction.SPEC,
            GetConversationFunction.SPEC,
            ListEventsFunction.SPEC,
            GetEventFunction.SPEC,
            GetTraceFunction.SPEC);

    /** How the tools chain, for an agent that reads the manifest. */
    public static final String FLOW = "list_conversations → list_events (convo_id) → get_event → get_trace; "
            + "test_connection when a call reports AUTH_FAILED or FORBIDDEN.";

    private AgentTools() {
    }
}
