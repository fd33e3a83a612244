package com.opstower.raindrop.event;

import com.opstower.raindrop.config.EventsConfig;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.tool.AnswerBound;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** {@code get_event}: one turn in full: input, output, signals, tool calls, errors, attachments, properties. */
public class GetEventFunction implements Tool {

    static final String NAME = "get_event";

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "Show one event (LLM turn) in full: user input, assistant output, signals with scores, the tool calls and "
                    + "error spans its record lists (often none: the trace's spans hold them), attachments and properties; "
                    + "long fields share the answer's room. Next: get_trace with its event_id for the span tree.",
            List.of(Param.id("event_id", "The event id, as list_events shows it.")));

    @Inject
    ToolRunner runner;

    @Inject
    RaindropClient raindrop;

    @Inject
    EventsConfig config;

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.run(SPEC, request, (args, connection) ->
                EventDetail.render(raindrop.getEvent(connection, args.id("event_id")), config.fieldLimit(),
                        AnswerBound.TOOL_TEXT_CHARS));
    }
}
