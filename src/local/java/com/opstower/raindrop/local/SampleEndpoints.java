package com.opstower.raindrop.local;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.opstower.raindrop.local.SampleModel.Conversation;
import com.opstower.raindrop.local.SampleModel.Event;
import com.opstower.raindrop.local.SampleModel.Span;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Query API's read endpoints over a {@link SampleWorkspace}: validation, filters, ordering and paging, with no
 * HTTP in sight. Each method answers the body of a 2xx response or throws an {@link ApiError}.
 */
final class SampleEndpoints {

    static final int DEFAULT_LIST_LIMIT = 50;
    static final int MAX_LIST_LIMIT = 100;
    static final int DEFAULT_TRACE_LIMIT = 200;
    static final int MAX_TRACE_LIMIT = 1000;
    /** The widest timestamp window {@code /v1/events} and its search accept. */
    static final Duration MAX_EVENT_WINDOW = Duration.ofDays(14);

    private static final Comparator<Conversation> BY_LAST_MESSAGE = Comparator.comparing(Conversation::lastMessageAt)
            .thenComparing(Conversation::id);
    private static final Comparator<Conversation> BY_START = Comparator.comparing(Conversation::startedAt)
            .thenComparing(Conversation::id);
    private static final Comparator<Event> BY_TIMESTAMP = Comparator.comparing(Event::timestamp).thenComparing(Event::id);
    /** {@code -timestamp}, the official SDK's default for every list, is a conversation's latest activity. */
    private static final Map<String, Comparator<Conversation>> CONVERSATION_ORDERS = Map.of(
            "-last_message_at", BY_LAST_MESSAGE.reversed(), "last_message_at", BY_LAST_MESSAGE,
            "-timestamp", BY_LAST_MESSAGE.reversed(), "timestamp", BY_LAST_MESSAGE,
            "-started_at", BY_START.reversed(), "started_at", BY_START);
    static final Map<String, Comparator<Event>> EVENT_ORDERS = Map.of(
            "-timestamp", BY_TIMESTAMP.reversed(), "timestamp", BY_TIMESTAMP);

    private final SampleWorkspace workspace;
    private final Clock clock;

    SampleEndpoints(SampleWorkspace workspace, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
    }

    /** A list endpoint's body. */
    record Page(List<?> data, Meta meta) {

        /** The page {@code limit} and {@code cursor} ask for out of everything that matched. */
        static <T> Page of(List<T> matching, QueryParams params) {
            int limit = params.integer("limit", DEFAULT_LIST_LIMIT, 1, MAX_LIST_LIMIT);
            int offset = Math.min(PageCursor.decode(params.text("cursor").orElse(null)), matching.size());
            int end = Math.min(offset + limit, matching.size());
            boolean hasMore = end < matching.size();
            return new Page(matching.subList(offset, end), new Meta(hasMore ? PageCursor.encode(end) : null, hasMore));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Meta(String cursor, boolean hasMore) {
    }

    /** A get-by-id or {@code /v1/traces} body. */
    record Data(Object data) {
    }

    Page listConversations(QueryParams params) {
        Comparator<Conversation> order = CONVERSATION_ORDERS.get(params.oneOf("order_by", "-last_message_at", CONVERSATION_ORDERS.keySet()));
        TimeRange started = TimeRange.of(params, "started_at");
        Predicate<Conversation> matches = Filters.text(params, "user_id", Conversation::userId);
        matches = matches.and(c -> started.contains(c.startedAt()));
        return Page.of(workspace.conversations().stream().filter(matches).sorted(order).toList(), params);
    }

    Data conversation(String id) {
        return new Data(workspace.conversation(id).orElseThrow(() -> ApiError.notFound("Conversation not found")));
    }

    Page listEvents(QueryParams params) {
        Comparator<Event> order = EVENT_ORDERS.get(params.oneOf("order_by", "-timestamp", EVENT_ORDERS.keySet()));
        TimeRange window = limitedWindow(params, clock.instant());
        return Page.of(workspace.events().stream().filter(Filters.events(params, window)).sorted(order).toList(), params);
    }

    Data event(String id) {
        return new Data(workspace.event(id).orElseThrow(() -> ApiError.notFound("Event not found")));
    }

    /** The event's spans by start time, the first {@code limit} of them, payloads cut to {@code trunc_len}. */
    Data traces(QueryParams params) {
        String eventId = params.text("event_id").filter(id -> !id.isBlank())
                .orElseThrow(() -> ApiError.badRequest("event_id", "event_id is required"));
        int limit = params.integer("limit", DEFAULT_TRACE_LIMIT, 1, MAX_TRACE_LIMIT);
        int truncLen = params.integer("trunc_len", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        List<Span> spans = workspace.trace(eventId).stream().limit(limit).map(span -> span.truncated(truncLen)).toList();
        return new Data(spans);
    }

    /** The request's {@code timestamp[...]} window, refused when it spans more than {@link #MAX_EVENT_WINDOW}. */
    static TimeRange limitedWindow(QueryParams params, Instant now) {
        TimeRange window = TimeRange.of(params, "timestamp");
        if (window.width(now).filter(width -> width.compareTo(MAX_EVENT_WINDOW) > 0).isPresent()) {
            throw ApiError.badRequest("timestamp", "Date range too large: the timestamp window may span at most 14 days");
        }
        return window;
    }
}
