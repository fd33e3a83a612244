package com.opstower.raindrop.trace;

import com.opstower.raindrop.config.TraceConfig;
import com.opstower.raindrop.queryapi.Credentials;
import com.opstower.raindrop.queryapi.Queries.TraceQuery;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.queryapi.ResponseTooLarge;
import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import com.opstower.raindrop.trace.focus.Focus;
import com.opstower.raindrop.trace.read.TraceReader;
import com.opstower.raindrop.trace.time.TimeRenderer;
import com.opstower.raindrop.trace.tree.TraceRenderer;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code get_trace}: the span tree behind one event, as markdown or as the raw JSON in a downloadable file. */
public class GetTraceFunction implements Tool {

    static final String NAME = "get_trace";

    static final List<String> VIEWS = List.of("tree", "time");

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "Span tree of one event: tool calls in order (name(args) → result), final output, spans with "
                    + "status, model, tokens, previews. " + TraceRenderer.FOLDING_RULE + ". status, span_type, search, "
                    + "span_id focus it. get_span reads payloads whole; getAsFile is a last resort.",
            List.of(
                    Param.id("event_id", "The event id, as list_events or get_event shows it."),
                    Param.flag("getAsFile", "The raw trace as a JSON file behind a URL, instead of the tree.", false),
                    Param.integer("trunc_len", "Characters kept of each payload upstream (default 50000, 4000 for a "
                            + "tree past 25 MB at it; 100 for the time view).", 1, TraceQuery.MAX_TRUNC_LEN),
                    Param.integer("limit", "Spans to fetch.", 1, TraceRenderer.MAX_LIMIT, TraceRenderer.MAX_LIMIT),
                    Param.text("status", "Only spans with this status, e.g. ERROR."),
                    Param.texts("span_type", "Only spans of this type or these types, e.g. TOOL_CALL.", 20),
                    Param.optionalId("span_id", "This span, its path and subtree, with attributes."),
                    Param.text("search", "Only spans whose name, payloads or attributes hold this text (any case), or "
                            + "match /regex/; at most 500 chars."),
                    Param.choice("view", "`time`: where the wall time went (critical path, shares, first token, "
                            + "slowest calls); `tree`: the spans.", VIEWS, "tree")),
            // Reads Raindrop only; but each getAsFile call stores one more file, with a URL of its own.
            new ToolSpec.Hints(true, false, false, true));

    @Inject
    ToolRunner runner;

    @Inject
    RaindropClient raindrop;

    @Inject
    TraceFiles files;

    @Inject
    TraceConfig config;

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.run(SPEC, request, this::run);
    }

    private ToolResult run(Args args, Credentials connection) {
        boolean asFile = args.flag("getAsFile");
        Focus focus = Focus.of(args.text("status").orElse(null), args.texts("span_type"),
                args.id("span_id"), args.text("search").orElse(null));
        boolean time = args.choice("view").equals("time");
        if (asFile && time) {
            throw ToolFailure.invalidArgument("`getAsFile: true` stores the raw trace; it has no `view: \"time\"`.",
                    "Call get_trace again either with `view: \"time\"` or with `getAsFile` alone.");
        }
        if (asFile && !focus.isNone()) {
            throw ToolFailure.invalidArgument("`getAsFile: true` stores the raw trace whole, so it takes no focus "
                            + "arguments (" + focus.describe() + ").",
                    "Call get_trace again either with the focus arguments and without `getAsFile`, or with `getAsFile` alone.");
        }
        // A search must see whole payloads: it reads as much of each as file mode does. The time view shows none.
        int defaultTruncLen = asFile || focus.searches() ? config.fileTruncLen()
                : time ? config.timeTruncLen() : config.defaultTruncLen();
        Optional<Integer> truncLen = args.optionalInteger("trunc_len");
        TraceQuery query = new TraceQuery(args.id("event_id"), args.integer("limit"), truncLen.orElse(defaultTruncLen));
        if (asFile) {
            ResponseBody body = fetch(raindrop, connection, query, files.maxBytes(), ResponseBody.Layout.PIECES,
                    smallerCall(query));
            // File mode never joins the body into one array: counted and uploaded from the pieces it was read into.
            int spans = TraceReader.countSpans(body);
            TraceFiles.StoredFile file = files.store(connection.integrationId(), query.eventId(), body);
            return saved(query.eventId(), spans, body.length(), file, files.urlTtlSeconds());
        }
        // A trunc_len the agent gave is honoured. The tree's default is what its previews are best read at, not a
        // need: a trace past the cap at it is read again at a smaller one, a tree of shorter payloads rather than none.
        TraceQuery smaller = new TraceQuery(query.eventId(), query.limit(), config.fallbackTruncLen());
        ReadTrace read = truncLen.isEmpty() && !time && smaller.truncLen() < query.truncLen()
                ? fetchOrSmaller(raindrop, connection, query, smaller, files.maxBytes(), ResponseBody.Layout.ONE_ARRAY,
                        smallerCall(smaller))
                : new ReadTrace(fetch(raindrop, connection, query, files.maxBytes(), ResponseBody.Layout.ONE_ARRAY,
                        smallerCall(query)), query);
        if (time) {
            return TimeRenderer.render(query.eventId(), read.body(), new TimeRenderer.Options(config.maxAnswerChars(),
                    focus, query.truncLen()));
        }
        TraceRenderer.PastCap pastCap = read.query() == query ? null
                : new TraceRenderer.PastCap(query.truncLen(), files.maxBytes());
        return TraceRenderer.render(query.eventId(), read.body(), new TraceRenderer.Options(config.previewLength(),
                config.maxAnswerChars(), query.limit(), focus, read.query().truncLen(), pastCap));
    }

    private static String smallerCall(TraceQuery query) {
        return "Call get_trace again with a smaller `trunc_len`, such as " + Math.max(1, query.truncLen() / 5)
                + ", or a smaller `limit`, such as " + Math.max(1, query.limit() / 2) + ".";
    }

    /** The trace body, refused past {@code maxBytes} with the caller's next step: get_span reads through here too. */
    static ResponseBody fetch(RaindropClient raindrop, Credentials connection, TraceQuery query, long maxBytes,
            ResponseBody.Layout layout, String nextStepWhenTooLarge) {
        try {
            return raindrop.traceJson(connection, query, maxBytes, layout);
        } catch (ResponseTooLarge e) {
            throw new ToolFailure(ErrorCode.TRACE_TOO_LARGE,
                    "The trace of event `" + query.eventId() + "` is larger than " + Markdown.size(e.limitBytes()) + " ("
                            + e.limitBytes() + " bytes) with trunc_len " + query.truncLen() + " and limit " + query.limit()
                            + "; reading stopped there and nothing was stored.",
                    nextStepWhenTooLarge);
        }
    }

    /** A trace body and the query that read it. */
    record ReadTrace(ResponseBody body, TraceQuery query) {
    }

    /**
     * The trace body as {@code query} asks for it or, when that passes {@code maxBytes}, as {@code smaller} asks:
     * for a default {@code trunc_len}, which a trace of long payloads may not fit in. Only the second read is refused
     * with the caller's next step. The first costs what it read before the bound: nothing when its length was
     * announced.
     */
    static ReadTrace fetchOrSmaller(RaindropClient raindrop, Credentials connection, TraceQuery query,
            TraceQuery smaller, long maxBytes, ResponseBody.Layout layout, String nextStepWhenTooLarge) {
        try {
            return new ReadTrace(raindrop.traceJson(connection, query, maxBytes, layout), query);
        } catch (ResponseTooLarge e) {
            return new ReadTrace(fetch(raindrop, connection, smaller, maxBytes, layout, nextStepWhenTooLarge), smaller);
        }
    }

    static ToolResult saved(String eventId, int spans, long sizeBytes, TraceFiles.StoredFile file, long ttlSeconds) {
        String text = "Saved trace for event " + eventId + " as JSON file.\n"
                + "- spans: " + spans + "\n"
                + "- size: " + Markdown.size(sizeBytes) + "\n"
                + "- content_type: " + TraceFiles.CONTENT_TYPE + "\n"
                + "- expires_in_seconds: " + ttlSeconds + "\n"
                + "- url: " + file.url();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_id", eventId);
        data.put("spans", spans);
        data.put("size", Markdown.size(sizeBytes));
        data.put("size_bytes", sizeBytes);
        data.put("content_type", TraceFiles.CONTENT_TYPE);
        data.put("expires_in_seconds", ttlSeconds);
        data.put("expires_at", file.expiresAt().toString());
        data.put("url", file.url().toString());
        return ToolResult.ok(text, data);
    }
}
