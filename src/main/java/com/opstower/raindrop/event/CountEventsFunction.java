package com.opstower.raindrop.event;

import com.opstower.raindrop.queryapi.Credentials;
import com.opstower.raindrop.queryapi.Queries.CountQuery;
import com.opstower.raindrop.queryapi.Queries.EventFilter;
import com.opstower.raindrop.queryapi.Queries.FacetQuery;
import com.opstower.raindrop.queryapi.Queries.TimeseriesQuery;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.queryapi.Wire.Facet;
import com.opstower.raindrop.queryapi.Wire.Signal;
import com.opstower.raindrop.signal.SignalCatalog;
import com.opstower.raindrop.tool.AnswerBound;
import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code count_events}: how many events, users or conversations match; over time, or by their top values. */
public class CountEventsFunction implements Tool {

    static final String NAME = "count_events";
    /** Rows of a time series shown at once: a finer interval over a wider window is coarsened to fit. */
    static final int MAX_BUCKETS = 200;

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "Count events, users or conversations matching list_events' filters: a total; per `interval` a time "
                    + "series (gaps as 0, sparkline); by `group_by` the top values. For how many, how often and which, "
                    + "instead of paging list_events. Next: list_events with the same filters.",
            List.of(
                    EventFilters.SIGNAL,
                    EventFilters.SIGNAL_GROUP,
                    Param.text("event_name", "Only events with this name, such as support_chat."),
                    EventFilters.USER_ID,
                    Param.optionalId("convo_id", "Only this conversation's events (not with interval, group_by)."),
                    PropertyFilters.PARAM,
                    Param.timestamp("timestamp_after", "Only events at or after this time."),
                    EventFilters.BEFORE,
                    Param.choice("count_by", "What to count; a time series counts events.", CountBy.argumentValues(), "events"),
                    Param.choice("interval", "Time series bucket (default window: 1 h of minutes, 1 day of hours, 14 "
                            + "days, 12 weeks, 12 months).", List.of("minute", "hour", "day", "week", "month"), null),
                    Param.choice("group_by", "Top values of this field (not with interval).",
                            List.of("event_name", "user_id", "signal"), null),
                    Param.integer("limit", "With group_by: values shown.", 1, 100, 20)));

    @Inject
    ToolRunner runner;

    @Inject
    RaindropClient raindrop;

    @Inject
    SignalCatalog signals;

    Clock clock = Clock.systemUTC();

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.run(SPEC, request, (args, connection) -> {
            String interval = args.choice("interval");
            String groupBy = args.choice("group_by");
            if (interval != null && groupBy != null) {
                throw ToolFailure.invalidArgument("`interval` and `group_by` cannot be combined: Raindrop counts either "
                        + "over time or by value.", "Call count_events with one of them, or twice.");
            }
            CountBy by = CountBy.of(args.choice("count_by"));
            EventWindow window = EventWindow.of(args);
            Map<String, String> properties = PropertyFilters.params(args.object("properties"));
            String convoId = args.text("convo_id").orElse(null);
            if (interval != null) {
                refuseUnsupported(convoId != null, "`convo_id`", "a time series");
                refuseUnsupported(by != CountBy.EVENTS, "`count_by: \"" + by.argumentValue() + "\"`", "a time series (it counts events)");
                Timeline timeline = Timeline.of(Timeline.Interval.of(interval), window.after(), window.before(),
                        clock.instant(), MAX_BUCKETS);
                EventFilter filter = filter(args, connection, null, properties, new EventWindow(timeline.start(), timeline.end()));
                return CountRenderer.timeseries(raindrop.eventTimeseries(connection,
                        new TimeseriesQuery(filter, timeline.interval().wireName())), timeline, filter);
            }
            if (groupBy != null) {
                refuseUnsupported(convoId != null, "`convo_id`", "`group_by`");
                refuseUnsupported(!properties.isEmpty(), "`properties`", "`group_by`");
                EventFilter filter = filter(args, connection, null, properties, window);
                List<Facet> facets = raindrop.eventFacets(connection,
                        new FacetQuery(filter, groupBy, by.field, args.integer("limit"))).items();
                return CountRenderer.facets(facets, groupBy, by, filter,
                        groupBy.equals("signal") ? signalNames(connection) : Map.of(), AnswerBound.TOOL_TEXT_CHARS);
            }
            EventFilter filter = filter(args, connection, convoId, properties, window);
            Long total = raindrop.countEvents(connection, new CountQuery(filter, by.field)).total();
            return CountRenderer.total(total == null ? 0 : total, by, filter);
        });
    }

    /** The filters, names resolved to ids once every argument has been checked. */
    private EventFilter filter(Args args, Credentials connection, String convoId, Map<String, String> properties, EventWindow window) {
        return new EventFilter(convoId, args.text("user_id").orElse(null), args.text("event_name").orElse(null),
                signals.signalId(connection, "signal", args.text("signal").orElse(null)),
                signals.groupId(connection, "signal_group", args.text("signal_group").orElse(null)),
                properties, window.after(), window.before());
    }

    private Map<String, String> signalNames(Credentials connection) {
        Map<String, String> names = new HashMap<>();
        for (Signal s : signals.signals(connection)) {
            if (s.id() != null && s.name() != null) {
                names.put(s.id(), s.name());
            }
        }
        return names;
    }

    /** The Query API's time series and facets take fewer filters than its count: say so rather than drop one. */
    private static void refuseUnsupported(boolean given, String what, String where) {
        if (given) {
            throw ToolFailure.invalidArgument(what + " cannot be used with " + where + ": Raindrop does not filter that "
                    + "way there.", "Leave " + what + " out, or count without `interval`/`group_by` to use it.");
        }
    }
}
