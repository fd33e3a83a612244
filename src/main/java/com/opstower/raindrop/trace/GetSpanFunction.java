package com.opstower.raindrop.trace;

import com.opstower.raindrop.config.TraceFilesConfig;
import com.opstower.raindrop.queryapi.Credentials;
import com.opstower.raindrop.queryapi.Queries.TraceQuery;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import com.opstower.raindrop.trace.span.SpanRenderer;
import com.opstower.raindrop.trace.tree.TraceRenderer;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** {@code get_span}: one span of an event's trace in full, a window at a time, or the part a JSON Pointer names. */
public class GetSpanFunction implements Tool {

    static final String NAME = "get_span";

    /** The largest {@code trunc_len} the Query API takes: payloads as whole as Raindrop keeps them. */
    public static final int TRUNC_LEN = 100_000;

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "Read one span in full: its input, output and attributes, which get_trace only previews. A chat payload "
                    + "(LLM messages) longer than the window comes as an outline, one line per message with the JSON "
                    + "Pointer that reads it; read a message with that pointer, or page any payload with offset and "
                    + "max_chars. Use it after get_trace has shown the span id.",
            List.of(
                    Param.id("event_id", "The event id, as list_events or get_event shows it."),
                    Param.id("span_id", "The span id, as get_trace shows it."),
                    Param.choice("field", "The one part to read; without it, all three, each in a shorter window.",
                            SpanRenderer.FIELDS, null),
                    Param.integer("offset", "Character of the payload the window starts at (0 when left out; a chat "
                            + "payload longer than the window is then outlined by message).", 0, 10_000_000),
                    Param.integer("max_chars", "Characters in the window.", 1, SpanRenderer.MAX_WINDOW, 8_000),
                    Param.text("pointer", "A JSON Pointer (RFC 6901) into the field, when it is JSON text; needs `field`.")));

    @Inject
    ToolRunner runner;

    @Inject
    RaindropClient raindrop;

    @Inject
    TraceFilesConfig fileConfig;

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.run(SPEC, request, this::run);
    }

    private ToolResult run(Args args, Credentials connection) {
        String field = args.choice("field");
        String pointer = args.text("pointer").orElse(null);
        if (pointer != null && field == null) {
            throw ToolFailure.invalidArgument(
                    "`pointer` points into one payload, so it needs `field` (`input`, `output` or `attributes`).",
                    "Call get_span again with `field` and `pointer`.");
        }
        TraceQuery query = new TraceQuery(args.id("event_id"), TraceRenderer.MAX_LIMIT, TRUNC_LEN);
        ResponseBody body = GetTraceFunction.fetch(raindrop, connection, query, fileConfig.maxBytes(),
                ResponseBody.Layout.ONE_ARRAY, "Call get_trace with `getAsFile: true` and a smaller `trunc_len`, such as "
                        + TRUNC_LEN / 5 + ", and read the span from the file.");
        return SpanRenderer.render(query.eventId(), body, new SpanRenderer.Request(args.id("span_id"), field,
                args.optionalInteger("offset").orElse(null), args.integer("max_chars"), pointer, TRUNC_LEN));
    }
}
