package com.opstower.raindrop.local;

import com.opstower.raindrop.local.SampleModel.Conversation;
import com.opstower.raindrop.local.SampleModel.Event;
import com.opstower.raindrop.local.SampleModel.Span;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The bundled sample Raindrop workspace of "checkout-bot", a customer-support and checkout assistant: 33
 * conversations of seven users plus two anonymous chats, 251 events with their traces (four of them background
 * jobs outside any conversation), and a few events with fixed ids whose traces have known shapes. Generated deterministically from a seed and a {@code now}:
 * the same {@code now} always gives the same workspace, and all of it lies in the ten days before {@code now}, so
 * that 14-day windows ending now see everything. Local runs and tests only.
 */
public final class SampleWorkspace {

    /** The checkout conversation holding the special events below, started about 26 hours before {@code now}. */
    public static final String CHECKOUT_CONVERSATION_ID = "conv_sample_checkout";
    /** The user of {@link #CHECKOUT_CONVERSATION_ID}, who also has ordinary chats. */
    public static final String SAMPLE_USER_ID = "user_4711";
    /** An agent run of {@value #LARGE_TRACE_SPANS} spans: generations, tool calls with HTTP children, memory lookups. */
    public static final String LARGE_TRACE_EVENT_ID = "evt_sample_large";
    public static final int LARGE_TRACE_SPANS = CheckoutConversation.LARGE_SPANS;
    /** A failed payment: a tool call in ERROR under a parent span in ERROR; the event lists both as error spans. */
    public static final String ERROR_TRACE_EVENT_ID = "evt_sample_error";
    /** A planner nested {@value #DEEP_TRACE_DEPTH} spans below its root. */
    public static final String DEEP_TRACE_EVENT_ID = "evt_sample_deep";
    /** Levels between the deep trace's root and its deepest span (the root's children are at depth 1). */
    public static final int DEEP_TRACE_DEPTH = CheckoutConversation.DEEP_LEVELS + 1;
    /** An event whose trace was not kept: {@code /v1/traces} answers an empty list. */
    public static final String NO_SPANS_EVENT_ID = "evt_sample_nospans";

    private final List<Conversation> conversations;
    private final List<Event> events;
    private final Map<String, List<Span>> traces;
    private final Map<String, Conversation> conversationsById;
    private final Map<String, Event> eventsById;

    SampleWorkspace(List<Conversation> conversations, List<Event> events, Map<String, List<Span>> traces) {
        this.conversations = List.copyOf(conversations);
        this.events = List.copyOf(events);
        this.traces = Map.copyOf(traces);
        this.conversationsById = this.conversations.stream().collect(Collectors.toUnmodifiableMap(Conversation::id, Function.identity()));
        this.eventsById = this.events.stream().collect(Collectors.toUnmodifiableMap(Event::id, Function.identity()));
    }

    /** The workspace as it looks at {@code now}. */
    public static SampleWorkspace generate(Instant now) {
        return new SampleGenerator(now).generate();
    }

    public List<Conversation> conversations() {
        return conversations;
    }

    public List<Event> events() {
        return events;
    }

    public Optional<Conversation> conversation(String id) {
        return Optional.ofNullable(conversationsById.get(id));
    }

    public Optional<Event> event(String id) {
        return Optional.ofNullable(eventsById.get(id));
    }

    /** The spans of one event's trace, by start time; empty for an unknown event and for {@link #NO_SPANS_EVENT_ID}. */
    public List<Span> trace(String eventId) {
        return traces.getOrDefault(eventId, List.of());
    }
}
