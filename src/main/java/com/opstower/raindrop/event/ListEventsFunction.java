package com.opstower.raindrop.event;

import com.opstower.raindrop.config.EventsConfig;
import com.opstower.raindrop.queryapi.Credentials;
import com.opstower.raindrop.queryapi.Queries.EventQuery;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.signal.SignalCatalog;
import com.opstower.raindrop.tool.AnswerBound;
import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.PageCursor;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** {@code list_events}: the turns (events) of the workspace, filtered and paged. */
public class ListEventsFunction implements Tool {

    static final String NAME = "list_events";

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "List events (LLM turns): time, name, user, conversation, model, input/output previews and top signals; as "
                    + "many as fit, with a cursor to read on. Newest first; oldest first (turn order) when convo_id is given. "
                    + "Time windows are at most 14 days. Next: get_event for one turn in full. By what was said: "
                    + "search_events; how many: count_events.",
            List.of(
                    Param.optionalId("convo_id", "Only this conversation's events, in turn order."),
                    EventFilters.USER_ID,
                    Param.text("event_name", "Only events with this name, such as support_chat."),
                    EventFilters.SIGNAL,
                    EventFilters.SIGNAL_GROUP,
                    PropertyFilters.PARAM,
                    EventFilters.BOUNDED_AFTER,
                    EventFilters.BEFORE,
                    EventFilters.PAGE_LIMIT,
                    PageCursor.PARAM));

    @Inject
    ToolRunner runner;

    @Inject
    RaindropClient raindrop;

    @Inject
    EventsConfig config;

    @Inject
    SignalCatalog signals;

    Clock clock = Clock.systemUTC();

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.run(SPEC, request, (args, connection) -> {
            PageCursor start = PageCursor.parse(args.text("cursor").orElse(null));
            EventQuery query = query(args, start, connection);
            return EventRenderer.list(raindrop.listEvents(connection, query), query, start, config.previewLength(),
                    AnswerBound.TOOL_TEXT_CHARS);
        });
    }

    /** The upstream query: window and properties checked before any call, then signal names resolved. */
    private EventQuery query(Args args, PageCursor start, Credentials connection) {
        EventWindow window = EventWindow.bounded(args, config.maxWindow(), clock.instant(), NAME);
        Map<String, String> properties = PropertyFilters.params(args.object("properties"));
        String convoId = args.text("convo_id").orElse(null);
        return new EventQuery(convoId, args.text("user_id").orElse(null), args.text("event_name").orElse(null),
                signals.signalId(connection, "signal", args.text("signal").orElse(null)),
                signals.groupId(connection, "signal_group", args.text("signal_group").orElse(null)),
                properties, window.after(), window.before(), convoId == null ? "-timestamp" : "timestamp",
                start.upstreamLimit(args.integer("limit")), start.upstream());
    }
}
