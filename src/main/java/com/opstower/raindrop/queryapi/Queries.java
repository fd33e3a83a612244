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

    public record EventQuery(String convoId, String userId, String eventName, String signal, String signalGroup,
            Instant timestampAfter, Instant timestampBefore, String orderBy, int limit, String cursor) {
        Map<String, String> params() {
            Params p = new Params();
            p.put("convo_id", convoId);
            p.put("user_id", userId);
            p.put("event_name", eventName);
            p.put("signal", signal);
            p.put("signal_group", signalGroup);
            p.put("timestamp[gte]", timestampAfter);
            p.put("timestamp[lt]", timestampBefore);
            p.put("order_by", orderBy);
            p.put("limit", String.valueOf(limit));
            p.put("cursor", cursor);
            return p.values;
        }
    }

    public record TraceQuery(String eventId, int limit, int truncLen) {
        Map<String, String> params() {
            Params p = new Params();
            p.put("event_id", eventId);
            p.put("limit", String.valueOf(limit));
            p.put("trunc_len", String.valueOf(truncLen));
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
