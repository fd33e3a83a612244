import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opstower.raindrop.local.SampleModel;
import com.opstower.raindrop.local.SampleWorkspace;
import java.util.List;

/** Each tool's call as the orchestrator sends it, on the sample workspace: the connection and the tool's arguments. */
final class SampleCalls {

    static final ObjectMapper JSON = new ObjectMapper();

    final String user = SampleWorkspace.SAMPLE_USER_ID;
    final String conversation = SampleWorkspace.CHECKOUT_CONVERSATION_ID;
    final String errorEvent = SampleWorkspace.ERROR_TRACE_EVENT_ID;
    final String largeTrace = SampleWorkspace.LARGE_TRACE_EVENT_ID;
    /** Two runs of one feature, for compare_traces: the run in question and its baseline. */
    final String laterRun = SampleWorkspace.DELIVERY_BAD_EVENT_ID;
    final String baselineRun = SampleWorkspace.DELIVERY_GOOD_EVENT_ID;
    final int largeTraceSpans = SampleWorkspace.LARGE_TRACE_SPANS;
    final String rootSpan;
    final String middleSpan;
    final String signalName;

    SampleCalls(SampleWorkspace workspace) {
        List<SampleModel.Span> spans = workspace.trace(largeTrace);
        rootSpan = spans.stream().filter(s -> s.parentSpanId() == null).findFirst().orElseThrow().spanId();
        middleSpan = spans.get(spans.size() / 2).spanId();
        signalName = workspace.signals().get(0).name();
    }

    /** The payload of a normal call of the tool. */
    ObjectNode payload(Registry.Tool tool) {
        ObjectNode payload = JSON.createObjectNode();
        if (!tool.name().equals("smoke_test")) {
            payload.putObject("connection").put("integration_id", "int_42").put("api_key", StandIns.REQUEST_KEY)
                    .put("project_id", StandIns.PROJECT);
        }
        switch (tool.name()) {
            case "list_conversations" -> payload.put("user_id", user).put("limit", 5);
            case "get_conversation", "list_events" -> payload.put("convo_id", conversation);
            case "get_event" -> payload.put("event_id", errorEvent);
            case "get_trace" -> payload.put("event_id", largeTrace);
            case "get_span" -> payload.put("event_id", largeTrace).put("span_id", middleSpan);
            case "compare_traces" -> payload.put("event_id", laterRun).put("baseline_event_id", baselineRun);
            case "search_events" -> payload.put("query", "refund");
            case "get_user" -> payload.put("user_id", user);
            default -> {
                // A tool without a case of its own: its required arguments from the sample, by their names.
                for (Registry.Param param : tool.params()) {
                    if (param.required()) {
                        payload.put(param.name(), forArgument(param));
                    }
                }
            }
        }
        return payload;
    }

    /** What a normal call's answer must hold: facts of the sample that any wording keeps. */
    List<String> facts(Registry.Tool tool, List<Registry.Tool> allTools) {
        return switch (tool.name()) {
            case "list_conversations", "get_user" -> List.of(user);
            case "get_conversation", "list_events" -> List.of(conversation);
            case "get_event" -> List.of(errorEvent);
            case "get_trace" -> List.of(rootSpan);
            case "get_span" -> List.of(middleSpan);
            case "compare_traces" -> List.of(laterRun, baselineRun);
            case "list_signals" -> List.of(signalName);
            case "search_events" -> List.of("evt_");
            case "describe_tools" -> allTools.stream().filter(Registry.Tool::agentTool).map(Registry.Tool::name).toList();
            default -> List.of();
        };
    }

    private String forArgument(Registry.Param param) {
        String name = param.name();
        if (name.contains("span")) {
            return middleSpan;
        }
        if (name.contains("event") || name.contains("trace")) {
            return largeTrace;
        }
        if (name.contains("convo") || name.contains("conversation")) {
            return conversation;
        }
        if (name.contains("user")) {
            return user;
        }
        return param.kind().equals("ID") ? largeTrace : "refund";
    }
}
