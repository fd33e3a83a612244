package com.opstower.raindrop.local;

import com.opstower.raindrop.local.SampleModel.Conversation;
import com.opstower.raindrop.local.SampleModel.Event;
import com.opstower.raindrop.local.SampleModel.Signal;
import com.opstower.raindrop.local.SampleModel.SignalGroup;
import com.opstower.raindrop.local.SampleModel.Span;
import com.opstower.raindrop.local.SampleModel.User;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The bundled sample Raindrop workspace of "checkout-bot", a customer-support and checkout assistant: 37
 * conversations of seven users plus two anonymous chats, 257 events with their traces (four of them background
 * jobs outside any conversation), a few events with fixed ids whose traces have known shapes, and stories whose
 * causes their tests write down ({@link RefundConversation}, {@link DeliveryPromise}, {@link TrekAdvice}); the signal catalog ({@link SampleSignal}) in three
 * groups, and the users as their events show them. Generated
 * deterministically from a seed and a {@code now}: the same {@code now} always gives the same workspace, and all of
 * its events lie in the ten days before {@code now}, so that 14-day windows ending now see everything. Local runs
 * and tests only.
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

    /** A refund gone wrong ({@link RefundConversation}): the return arrived, the noisy turn, the complaint. */
    public static final String REFUND_CONVERSATION_ID = "conv_sample_refund";
    /**
     * A noisy support-agent turn: a dozen meaningful spans among several hundred of instrumentation. It refunds
     * €22.90 for a €229.00 jacket because a tool answered with another return's quote.
     */
    public static final String NOISY_TRACE_EVENT_ID = "evt_sample_noisy";
    /** The customer's complaint about {@link #NOISY_TRACE_EVENT_ID}'s answer: where a debugger starts. */
    public static final String REFUND_COMPLAINT_EVENT_ID = "evt_sample_complaint";

    /** A run of the delivery-promise feature that promised Thursday: the baseline of {@link #DELIVERY_BAD_EVENT_ID}. */
    public static final String DELIVERY_GOOD_EVENT_ID = "evt_sample_delivery_good";
    /**
     * The same feature a day later ({@link DeliveryPromise}): another model, a retried call, a changed tool result,
     * one more tool round, and an answer that now says Monday.
     */
    public static final String DELIVERY_BAD_EVENT_ID = "evt_sample_delivery_bad";
    /** A slow run ({@link TrekAdvice}): parallel tool calls, a sub-agent with an eight-second retrieval, a streamed answer. */
    public static final String SLOW_TRACE_EVENT_ID = "evt_sample_slow";

    /** The organization owning the workspace, as signal groups name it. */
    static final String ORG_ID = "org_checkout_bot";

    private final List<Conversation> conversations;
    private final List<Event> events;
    private final Map<String, List<Span>> traces;
    private final List<Signal> signals;
    private final List<SignalGroup> signalGroups;
    private final List<User> users;
    private final Map<String, Conversation> conversationsById;
    private final Map<String, Event> eventsById;

    SampleWorkspace(List<Conversation> conversations, List<Event> events, Map<String, List<Span>> traces, Instant now) {
        this.conversations = List.copyOf(conversations);
        this.events = List.copyOf(events);
        this.traces = Map.copyOf(traces);
        this.signals = Arrays.stream(SampleSignal.values()).map(signal -> signal(signal, now)).toList();
        this.signalGroups = Arrays.stream(SampleSignal.Group.values()).map(group -> group(group, now)).toList();
        this.users = users(this.events);
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

    /** The signal catalog, in declaration order. */
    public List<Signal> signals() {
        return signals;
    }

    public List<SignalGroup> signalGroups() {
        return signalGroups;
    }

    /** Every end user some event names, in order of first appearance. */
    public List<User> users() {
        return users;
    }

    /** The spans of one event's trace, by start time; empty for an unknown event and for {@link #NO_SPANS_EVENT_ID}. */
    public List<Span> trace(String eventId) {
        return traces.getOrDefault(eventId, List.of());
    }

    private static Signal signal(SampleSignal signal, Instant now) {
        return new Signal(signal.id(), signal.type().name().toLowerCase(Locale.ROOT), signal.signalName(),
                signal.description(), daysBefore(now, signal.createdDaysAgo()), signal.group().id(),
                signal.group().groupName(), signal.sentiment().name());
    }

    private static SignalGroup group(SampleSignal.Group group, Instant now) {
        int signalCount = (int) Arrays.stream(SampleSignal.values()).filter(signal -> signal.group() == group).count();
        return new SignalGroup(group.id(), group.groupName(), group.description(), ORG_ID,
                daysBefore(now, group.createdDaysAgo()), daysBefore(now, group.updatedDaysAgo()), signalCount);
    }

    private static Instant daysBefore(Instant now, int days) {
        return now.minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Users as their events show them; traits are what their first event says about their plan, channel and locale. */
    private static List<User> users(List<Event> events) {
        Map<String, List<Event>> byUser = events.stream().filter(e -> e.userId() != null)
                .sorted(Comparator.comparing(Event::timestamp))
                .collect(Collectors.groupingBy(Event::userId, LinkedHashMap::new, Collectors.toList()));
        return byUser.entrySet().stream().map(entry -> {
            List<Event> own = entry.getValue();
            Map<String, Object> properties = own.get(0).properties();
            Map<String, Object> traits = new LinkedHashMap<>();
            traits.put("plan", properties.get("plan"));
            traits.put("signup_channel", properties.get("channel"));
            traits.put("locale", properties.get("locale"));
            return new User(entry.getKey(), Collections.unmodifiableMap(traits), own.get(0).timestamp(),
                    own.get(own.size() - 1).timestamp(), own.size());
        }).toList();
    }
}
