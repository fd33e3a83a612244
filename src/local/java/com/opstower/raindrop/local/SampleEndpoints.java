package com.opstower.raindrop.local;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.opstower.raindrop.local.SampleModel.Conversation;
import com.opstower.raindrop.local.SampleModel.Event;
import com.opstower.raindrop.local.SampleModel.Span;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Query API's read endpoints over a {@link SampleWorkspace}: validation, filters, ordering and paging, with no
 * HTTP in sight. Each method answers the body of a 2xx response or throws an {@link ApiError}.
 */
final class SampleEndpoints {

    static final int DEFAULT_LIST_LIMIT = 50;
    static final int MAX_LIST_LIMIT = 100;
    static final int DEFAULT_TRACE_LIMIT = 200;
    static final int MAX_TRACE_LIMIT = 1000;
    /** The widest timestamp window {@code /v1/events} accepts. */
    static final Duration MAX_EVENT_WINDOW = Duration.ofDays(14);

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Comparator<Conversation> BY_LAST_MESSAGE = Comparator.comparing(Conversation::lastMessageAt)
            .thenComparing(Conversation::id);
    private static final Comparator<Conversation> BY_START = Comparator.comparing(Conversation::startedAt)
            .thenComparing(Conversation::id);
    private static final Comparator<Event> BY_TIMESTAMP = Comparator.comparing(Event::timestamp).thenComparing(Event::id);
    private static final Map<String, Comparator<Conversation>> CONVERSATION_ORDERS = Map.of(
            "-last_message_at", BY_LAST_MESSAGE.reversed(), "last_message_at", BY_LAST_MESSAGE,
            "-started_at", BY_START.reversed(), "started_at", BY_START);
    private static final Map<String, Comparator<Event>> EVENT_ORDERS = Map.of(
            "-timestamp", BY_TIMESTAMP.reversed(), "timestamp", BY_TIMESTAMP);

    private final SampleWorkspace workspace;
    private final Clock clock;

    SampleEndpoints(SampleWorkspace workspace, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
    }

    /** A list endpoint's body. */
    record Page(List<?> data, Meta meta) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Meta(String cursor, boolean hasMore) {
    }

    /** A get-by-id or {@code /v1/traces} body. */
    record Data(Object data) {
    }

    Page listConversations(QueryParams params) {
        Comparator<Conversation> order = CONVERSATION_ORDERS.get(params.oneOf("order_by", "-last_message_at", CONVERSATION_ORDERS.keySet()));
        Optional<String> userId = params.text("user_id", "user_id[eq]");
        TimeRange started = TimeRange.of(params, "started_at");
        Predicate<Conversation> matches = c -> userId.map(id -> id.equals(c.userId())).orElse(true) && started.contains(c.startedAt());
        return page(workspace.conversations().stream().filter(matches).sorted(order).toList(), params);
    }

    Data conversation(String id) {
        return new Data(workspace.conversation(id).orElseThrow(() -> ApiError.notFound("Conversation not found")));
    }

    Page listEvents(QueryParams params) {
        Comparator<Event> order = EVENT_ORDERS.get(params.oneOf("order_by", "-timestamp", EVENT_ORDERS.keySet()));
        TimeRange window = TimeRange.of(params, "timestamp");
        if (window.width(clock.instant()).filter(width -> width.compareTo(MAX_EVENT_WINDOW) > 0).isPresent()) {
            throw ApiError.badRequest("timestamp", "Date range too large: the timestamp window may span at most 14 days");
        }
        Predicate<Event> matches = e -> window.contains(e.timestamp());
        matches = matches.and(equalTo(params, "user_id", Event::userId))
                .and(equalTo(params, "convo_id", Event::convoId))
                .and(equalTo(params, "event_name", Event::eventName));
        Optional<String> signal = uuid(params, "signal");
        if (signal.isPresent()) {
            matches = matches.and(e -> e.hasSignal(signal.get()));
        }
        Optional<String> group = uuid(params, "signal_group");
        if (group.isPresent()) {
            matches = matches.and(e -> e.signals().stream().anyMatch(score -> SampleSignal.byId(score.id())
                    .filter(s -> s.group().id().equalsIgnoreCase(group.get())).isPresent()));
        }
        return page(workspace.events().stream().filter(matches).sorted(order).toList(), params);
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

    private static <T> Page page(List<T> matching, QueryParams params) {
        int limit = params.integer("limit", DEFAULT_LIST_LIMIT, 1, MAX_LIST_LIMIT);
        int offset = Math.min(PageCursor.decode(params.text("cursor").orElse(null)), matching.size());
        int end = Math.min(offset + limit, matching.size());
        boolean hasMore = end < matching.size();
        return new Page(matching.subList(offset, end), new Meta(hasMore ? PageCursor.encode(end) : null, hasMore));
    }

    /** {@code name=value} or {@code name[eq]=value}: the field must equal it. */
    private static Predicate<Event> equalTo(QueryParams params, String name, Function<Event, String> field) {
        Optional<String> wanted = params.text(name, name + "[eq]");
        return e -> wanted.map(value -> value.equals(field.apply(e))).orElse(true);
    }

    private static Optional<String> uuid(QueryParams params, String name) {
        Optional<String> value = params.text(name);
        if (value.isPresent() && !UUID.matcher(value.get()).matches()) {
            throw ApiError.badRequest(name, name + " must be an id (UUID), not a name");
        }
        return value;
    }

}
