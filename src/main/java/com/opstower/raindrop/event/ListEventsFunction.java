package com.opstower.raindrop.event;

import com.opstower.raindrop.config.EventsConfig;
import com.opstower.raindrop.queryapi.Queries.EventQuery;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** {@code list_events}: the turns (events) of the workspace, filtered and paged. */
public class ListEventsFunction implements Tool {

    static final String NAME = "list_events";

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "List events (LLM turns): time, name, user, conversation, model, input/output previews and top signals, "
                    + "and a cursor for the next page. Newest first; oldest first (turn order) when convo_id is given. "
                    + "Time windows are at most 14 days. Next: get_event for one turn in full.",
            List.of(
                    Param.optionalId("convo_id", "Only this conversation's events, in turn order."),
                    Param.text("user_id", "Only this end user's events."),
                    Param.text("event_name", "Only events with this name, such as support_chat."),
                    Param.text("signal", "Only events carrying this signal (its id)."),
                    Param.text("signal_group", "Only events carrying a signal of this group."),
                    Param.timestamp("timestamp_after", "Only events at or after this time (at most 14 days before timestamp_before or now)."),
                    Param.timestamp("timestamp_before", "Only events before this time."),
                    Param.integer("limit", "Events per page.", 1, 100, 20),
                    Param.text("cursor", "The cursor a previous page gave, to read the next page.")));

    @Inject
    ToolRunner runner;

    @Inject
    RaindropClient raindrop;

    @Inject
    EventsConfig config;

    Clock clock = Clock.systemUTC();

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.run(SPEC, request, (args, connection) -> {
            EventQuery query = query(args, config.maxWindow(), clock.instant());
            return EventRenderer.list(raindrop.listEvents(connection, query), query, config.previewLength());
        });
    }

    /** The upstream query, with the window checked before any call: the Query API refuses wider ones. */
    static EventQuery query(Args args, Duration maxWindow, Instant now) {
        Instant after = args.instant("timestamp_after").orElse(null);
        Instant before = args.instant("timestamp_before").orElse(null);
        if (after != null && before != null && !after.isBefore(before)) {
            throw ToolFailure.invalidArgument("`timestamp_after` must be earlier than `timestamp_before`.",
                    "Swap the two times, or leave one of them out.");
        }
        if (after != null) {
            Instant end = before == null ? now : before;
            if (Duration.between(after, end).compareTo(maxWindow) > 0) {
                // An open window ends "now", which moves on before the agent calls again: leave it up to an hour of slack.
                Instant suggestedAfter = before == null
                        ? end.minus(maxWindow).truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS)
                        : before.minus(maxWindow);
                throw new ToolFailure(ErrorCode.DATE_RANGE_LIMIT,
                        "The window from " + Markdown.utc(after) + " to " + (before == null ? "now" : Markdown.utc(before))
                                + " spans " + Duration.between(after, end).toDays() + " days; Raindrop allows at most "
                                + maxWindow.toDays() + " days.",
                        "Call list_events with `timestamp_after: \"" + suggestedAfter + "\"`"
                                + (before == null ? "" : " and `timestamp_before: \"" + before + "\"`")
                                + ", or page back through earlier windows of at most " + maxWindow.toDays() + " days.");
            }
        }
        String convoId = args.text("convo_id").orElse(null);
        return new EventQuery(convoId, args.text("user_id").orElse(null), args.text("event_name").orElse(null),
                args.text("signal").orElse(null), args.text("signal_group").orElse(null), after, before,
                convoId == null ? "-timestamp" : "timestamp", args.integer("limit"), args.text("cursor").orElse(null));
    }
}
