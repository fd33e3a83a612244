package com.opstower.raindrop.queryapi;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the tools ask of the Query API, already validated; each knows its upstream query parameters. */
public final class Queries {

    private Queries() {
    }

    public record ConversationQuery(String userId, Instant startedAfter, Instant startedBefore, String orderBy,
            int limit, String cursor) {
        Map<String, String> params() {
            Params p = new Params();
            p.put("user_id", userId);
            p.put("started_at[gte]", startedAfter);
            p.put("started_at[lt]", startedBefore);
            p.put("order_by", orderBy);
            p.put("limit", String.valueOf(limit));
            p.put("cursor", cursor);
            return p.values;
        }
    }

    /**
     * {@code properties} are the property filters as query parameters, already named: {@code properties[plan]} or
     * {@code properties[latency_ms][gte]} to the value.
     */
    public record EventQuery(String convoId, String userId, String eventName, String signal, String signalGroup,
            Map<String, String> properties, Instant timestampAfter, Instant timestampBefore, String orderBy, int limit,
            String cursor) {
        /** The filters alone, as the counting endpoints take them. */
        public EventFilter filter() {
            return new EventFilter(convoId, userId, eventName, signal, signalGroup, properties, timestampAfter, timestampBefore);
        }

        Map<String, String> params() {
            Params p = new Params();
            filter().addTo(p, false);
            p.put("order_by", orderBy);
            p.put("limit", String.valueOf(limit));
            p.put("cursor", cursor);
            return p.values;
        }
    }

    public record TraceQuery(String eventId, int limit, int truncLen) {

        /** The largest {@code trunc_len} the Query API takes: payloads as whole as Raindrop keeps them. */
        public static final int MAX_TRUNC_LEN = 100_000;

        Map<String, String> params() {
            Params p = new Params();
            p.put("event_id", eventId);
            p.put("limit", String.valueOf(limit));
            p.put("trunc_len", String.valueOf(truncLen));
            return p.values;
        }
    }

    /** A plain page of a list: signals, signal groups, a group's signals. */
    public record PageQuery(int limit, String cursor) {
        Map<String, String> params() {
            Params p = new Params();
            p.put("limit", String.valueOf(limit));
            p.put("cursor", cursor);
            return p.values;
        }
    }

    /** {@code searchIn} is the upstream's comma list, such as {@code user_input,assistant_output}. */
    public record SearchQuery(String query, String mode, String searchIn, String signal, String userId, String convoId,
            Instant timestampAfter, Instant timestampBefore, int limit, String cursor) {
        Map<String, String> params() {
            Params p = new Params();
            p.put("query", query);
            p.put("mode", mode);
            p.put("search_in", searchIn);
            p.put("signal", signal);
            p.put("user_id", userId);
            p.put("convo_id", convoId);
            p.put("timestamp[gte]", timestampAfter);
            p.put("timestamp[lt]", timestampBefore);
            p.put("limit", String.valueOf(limit));
            p.put("cursor", cursor);
            return p.values;
        }
    }

    /**
     * The filters the counting endpoints share with {@code /v1/events}; {@code properties} named as in
     * {@link EventQuery}. Each endpoint takes a subset: the tools refuse a filter its endpoint does not take.
     */
    public record EventFilter(String convoId, String userId, String eventName, String signal, String signalGroup,
            Map<String, String> properties, Instant timestampAfter, Instant timestampBefore) {

        /** The filters, with the time keys bracketed ({@code timestamp[gte]}) or, for facets, dotted ({@code timestamp.gte}). */
        void addTo(Params p, boolean dottedTime) {
            p.put("convo_id", convoId);
            p.put("user_id", userId);
            p.put("event_name", eventName);
            p.put("signal", signal);
            p.put("signal_group", signalGroup);
            p.values.putAll(properties);
            p.put(dottedTime ? "timestamp.gte" : "timestamp[gte]", timestampAfter);
            p.put(dottedTime ? "timestamp.lt" : "timestamp[lt]", timestampBefore);
        }
    }

    /** {@code countBy} is the upstream's field: {@code event_id}, {@code user_id} or {@code convo_id}. */
    public record CountQuery(EventFilter filter, String countBy) {
        Map<String, String> params() {
            Params p = new Params();
            filter.addTo(p, false);
            p.put("count_by", countBy);
            return p.values;
        }
    }

    public record TimeseriesQuery(EventFilter filter, String interval) {
        Map<String, String> params() {
            Params p = new Params();
            filter.addTo(p, false);
            p.put("interval", interval);
            return p.values;
        }
    }

    /** {@code field} is {@code event_name}, {@code user_id} or {@code signal}. */
    public record FacetQuery(EventFilter filter, String field, String countBy, int limit) {
        Map<String, String> params() {
            Params p = new Params();
            p.put("field", field);
            filter.addTo(p, true);
            p.put("count_by", countBy);
            p.put("limit", String.valueOf(limit));
            return p.values;
        }
    }

    /** Query parameters in a stable order, absent values left out. */
    private static final class Params {
        final Map<String, String> values = new LinkedHashMap<>();

        void put(String name, Object value) {
            if (value != null) {
                values.put(name, value.toString());
            }
        }
    }
}
