package com.opstower.raindrop.registry;

import com.opstower.raindrop.connection.SmokeTestFunction;
import com.opstower.raindrop.connection.TestConnectionFunction;
import com.opstower.raindrop.conversation.GetConversationFunction;
import com.opstower.raindrop.conversation.ListConversationsFunction;
import com.opstower.raindrop.event.GetEventFunction;
import com.opstower.raindrop.event.CountEventsFunction;
import com.opstower.raindrop.event.ListEventsFunction;
import com.opstower.raindrop.event.SearchEventsFunction;
import com.opstower.raindrop.signal.ListSignalsFunction;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolSpec;
import com.opstower.raindrop.trace.CompareTracesFunction;
import com.opstower.raindrop.trace.GetSpanFunction;
import com.opstower.raindrop.trace.GetTraceFunction;
import com.opstower.raindrop.user.GetUserFunction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every tool of the connection, declared once: its spec and the class that serves it. The Funqy functions (HTTP and
 * Lambda), {@code describe_tools}, the MCP server, {@code serverless.yml} and the Lambda handler check all follow this
 * list, and tests hold each of them to it. Adding a tool: its class, and one line here.
 */
@ApplicationScoped
public class ToolRegistry {

    /** One tool: what it declares, and the bean that serves it. */
    public record Entry(ToolSpec spec, Class<? extends Tool> type) {
    }

    /** The agent's tools, in the order of an investigation: every surface offers them, MCP and the manifest too. */
    static final List<Entry> AGENT_TOOLS = List.of(
            new Entry(TestConnectionFunction.SPEC, TestConnectionFunction.class),
            new Entry(ListConversationsFunction.SPEC, ListConversationsFunction.class),
            new Entry(GetConversationFunction.SPEC, GetConversationFunction.class),
            new Entry(ListEventsFunction.SPEC, ListEventsFunction.class),
            new Entry(GetEventFunction.SPEC, GetEventFunction.class),
            new Entry(GetTraceFunction.SPEC, GetTraceFunction.class),
            new Entry(GetSpanFunction.SPEC, GetSpanFunction.class),
            new Entry(CompareTracesFunction.SPEC, CompareTracesFunction.class),
            new Entry(ListSignalsFunction.SPEC, ListSignalsFunction.class),
            new Entry(SearchEventsFunction.SPEC, SearchEventsFunction.class),
            new Entry(CountEventsFunction.SPEC, CountEventsFunction.class),
            new Entry(GetUserFunction.SPEC, GetUserFunction.class));

    /** Tools for the deployment itself (the scheduler, the orchestrator): served over HTTP and Lambda only. */
    static final List<Entry> SERVICE_TOOLS = List.of(
            new Entry(SmokeTestFunction.SPEC, SmokeTestFunction.class),
            new Entry(DescribeToolsFunction.SPEC, DescribeToolsFunction.class));

    /** How the agent's tools chain, for an agent that reads the manifest. */
    public static final String FLOW = "list_conversations → list_events (convo_id) → get_event → get_trace "
            + "(the tree; on a big trace status, span_type or search, then span_id; view \"time\" when it was slow) → "
            + "get_span (one span in full, by offset or pointer); getAsFile only as a last resort; compare_traces (event_id, "
            + "baseline_event_id) when a run went wrong and a run of the same feature went right; "
            + "list_signals names the signals that `signal` takes; count_events for how many, trends and top values; "
            + "search_events to find turns by what was said; get_user → list_conversations (user_id); "
            + "test_connection when a call reports AUTH_FAILED or FORBIDDEN.";

    private final Instance<Tool> beans;

    ToolRegistry(Instance<Tool> beans) {
        this.beans = beans;
    }

    /** The agent's tools, in the order of an investigation. */
    public static List<Entry> agentTools() {
        return AGENT_TOOLS;
    }

    public static List<ToolSpec> agentSpecs() {
        return AGENT_TOOLS.stream().map(Entry::spec).toList();
    }

    /** Every tool: the agent's, then the service tools. */
    public static List<Entry> all() {
        return Stream.concat(AGENT_TOOLS.stream(), SERVICE_TOOLS.stream()).toList();
    }

    /** The bean that serves a registered tool. */
    public Tool serving(Entry entry) {
        return beans.select(entry.type()).get();
    }
}
