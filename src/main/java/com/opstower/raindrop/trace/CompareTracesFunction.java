package com.opstower.raindrop.trace;

import static com.opstower.raindrop.tool.Markdown.code;

import com.opstower.raindrop.config.TraceConfig;
import com.opstower.raindrop.config.TraceFilesConfig;
import com.opstower.raindrop.queryapi.Credentials;
import com.opstower.raindrop.queryapi.InvocationDeadline;
import com.opstower.raindrop.queryapi.Queries.TraceQuery;
import com.opstower.raindrop.queryapi.QueryApiFailure;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.QueryApiFailures;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import com.opstower.raindrop.trace.compare.CompareRenderer;
import com.opstower.raindrop.trace.compare.ComparedTrace;
import com.opstower.raindrop.trace.compare.EventRecords;
import com.opstower.raindrop.trace.focus.Focus;
import com.opstower.raindrop.trace.tree.TraceRenderer;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * {@code compare_traces}: what one run did differently from another, read from both traces and, beside them, both
 * events' records.
 */
public class CompareTracesFunction implements Tool {

    static final String NAME = "compare_traces";

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "Compare a run with a baseline, such as its last good turn: the events' model, flag and property changes; "
                    + "in the traces, steps only one has, status, model and token changes, inputs and outputs where they "
                    + "part, own-time changes, totals. Spans pair by their path of names from the root, same-named "
                    + "siblings in order, the last with the last. status, span_type, search compare part of each.",
            List.of(
                    Param.id("event_id", "The run in question, as list_events shows it."),
                    Param.id("baseline_event_id", "The run to compare it with, such as the same feature's last good turn."),
                    Param.integer("trunc_len", "Characters kept of each span payload upstream (default 50000).", 1, 100_000),
                    Param.text("status", "Compare only spans with this status, and their ancestors."),
                    Param.texts("span_type", "Compare only spans of this type or these types, and their ancestors.", 20),
                    Param.text("search", "Compare only spans holding this text (any case) or matching /regex/, and their "
                            + "ancestors.")));

    @Inject
    ToolRunner runner;

    @Inject
    RaindropClient raindrop;

    @Inject
    TraceConfig config;

    @Inject
    TraceFilesConfig fileConfig;

    /** Quarkus' worker pool: the baseline is read on one of its threads while the run is read on the caller's. */
    @Inject
    ExecutorService workers;

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.run(SPEC, request, this::run);
    }

    private ToolResult run(Args args, Credentials connection) {
        String eventId = args.id("event_id");
        String baselineId = args.id("baseline_event_id");
        if (eventId.equals(baselineId)) {
            throw ToolFailure.invalidArgument("`event_id` and `baseline_event_id` are both " + code(eventId)
                            + ": a run compared with itself is identical.",
                    "Call compare_traces with another run as `baseline_event_id`: list_events with the same `event_name` "
                            + "lists the feature's runs.");
        }
        Focus focus = Focus.of(args.text("status").orElse(null), args.texts("span_type"), null,
                args.text("search").orElse(null));
        int truncLen = args.optionalInteger("trunc_len").orElse(config.fileTruncLen());
        Side runSide = new Side("run", "event_id", eventId);
        Side baselineSide = new Side("baseline", "baseline_event_id", baselineId);
        // Within the invocation's deadline too, when it has one: a Lambda's answer must not wait on the other reads' retries.
        CompletableFuture<ComparedTrace> baseline = CompletableFuture.supplyAsync(InvocationDeadline.carried(
                () -> read(connection, baselineSide, focus, truncLen)), workers);
        CompletableFuture<EventRecords.Read> runEvent = CompletableFuture.supplyAsync(InvocationDeadline.carried(
                () -> event(connection, runSide)), workers);
        CompletableFuture<EventRecords.Read> baselineEvent = CompletableFuture.supplyAsync(InvocationDeadline.carried(
                () -> event(connection, baselineSide)), workers);
        ComparedTrace run = null;
        ToolFailure runFailure = null;
        try {
            run = read(connection, runSide, focus, truncLen);
        } catch (ToolFailure failure) {
            runFailure = failure;
        }
        // Every read ends before the answer, so that no call is left running after it; the run's failure comes first.
        EventRecords records = new EventRecords(baselineEvent.join(), runEvent.join());
        ComparedTrace baselineTrace;
        try {
            baselineTrace = baseline.join();
        } catch (CompletionException e) {
            throw runFailure != null ? runFailure : e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (runFailure != null) {
            throw runFailure;
        }
        return CompareRenderer.render(baselineTrace, run, records,
                new CompareRenderer.Options(config.maxAnswerChars(), focus, truncLen));
    }

    /** One side's event record; a failure to read it is told in the answer, beside the traces' comparison. */
    private EventRecords.Read event(Credentials connection, Side side) {
        try {
            return EventRecords.Read.of(raindrop.getEvent(connection, side.eventId()));
        } catch (QueryApiFailure failure) {
            return unread(side, QueryApiFailures.toToolFailure(failure));
        } catch (ToolFailure failure) {
            return unread(side, failure);
        }
    }

    private static EventRecords.Read unread(Side side, ToolFailure failure) {
        return EventRecords.Read.failed("The " + side.role() + "'s event " + code(side.eventId()) + " could not be read ("
                + failure.code() + "): " + failure.getMessage());
    }

    /** One of the two events, as the answer names it. */
    private record Side(String role, String argument, String eventId) {
    }

    /** Fetches and reads one side; a failure says which side it is about. */
    private ComparedTrace read(Credentials connection, Side side, Focus focus, int truncLen) {
        TraceQuery query = new TraceQuery(side.eventId(), TraceRenderer.MAX_LIMIT, truncLen);
        try {
            ResponseBody body = GetTraceFunction.fetch(raindrop, connection, query, fileConfig.maxBytes(),
                    ResponseBody.Layout.ONE_ARRAY, "Call compare_traces again with a smaller `trunc_len`, such as "
                            + Math.max(1, truncLen / 5) + ".");
            return ComparedTrace.read(side.eventId(), body, focus, truncLen);
        } catch (QueryApiFailure failure) {
            throw about(side, QueryApiFailures.toToolFailure(failure));
        } catch (ToolFailure failure) {
            throw about(side, failure);
        }
    }

    private static ToolFailure about(Side side, ToolFailure failure) {
        return new ToolFailure(failure.code(), "The " + side.role() + " " + code(side.eventId()) + " (`" + side.argument()
                + "`): " + failure.getMessage(), failure.nextStep(), failure.retryAfterSeconds());
    }
}
