package com.opstower.raindrop.local;

import static com.opstower.raindrop.local.SampleWorkspace.CHECKOUT_CONVERSATION_ID;
import static com.opstower.raindrop.local.SampleWorkspace.DEEP_TRACE_EVENT_ID;
import static com.opstower.raindrop.local.SampleWorkspace.DELIVERY_BAD_EVENT_ID;
import static com.opstower.raindrop.local.SampleWorkspace.DELIVERY_GOOD_EVENT_ID;
import static com.opstower.raindrop.local.SampleWorkspace.ERROR_TRACE_EVENT_ID;
import static com.opstower.raindrop.local.SampleWorkspace.LARGE_TRACE_EVENT_ID;
import static com.opstower.raindrop.local.SampleWorkspace.NO_SPANS_EVENT_ID;
import static com.opstower.raindrop.local.SampleWorkspace.NOISY_TRACE_EVENT_ID;
import static com.opstower.raindrop.local.SampleWorkspace.REFUND_COMPLAINT_EVENT_ID;
import static com.opstower.raindrop.local.SampleWorkspace.REFUND_CONVERSATION_ID;
import static com.opstower.raindrop.local.SampleWorkspace.SAMPLE_USER_ID;
import static com.opstower.raindrop.local.SampleWorkspace.SLOW_TRACE_EVENT_ID;

import com.opstower.raindrop.local.SampleModel.Attachment;
import com.opstower.raindrop.local.SampleModel.Conversation;
import com.opstower.raindrop.local.SampleModel.ErrorSpan;
import com.opstower.raindrop.local.SampleModel.Event;
import com.opstower.raindrop.local.SampleModel.SignalCount;
import com.opstower.raindrop.local.SampleModel.SignalScore;
import com.opstower.raindrop.local.SampleModel.Span;
import com.opstower.raindrop.local.SampleModel.ToolCall;
import com.opstower.raindrop.local.Script.Facts;
import com.opstower.raindrop.local.Script.Scenario;
import com.opstower.raindrop.local.Script.Turn;
import com.opstower.raindrop.local.TraceBuilder.Draft;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the sample workspace: conversations of the {@link Scenarios}, the fixed {@link CheckoutConversation} and a
 * few background events, each event with its trace. One seed and the given {@code now} decide everything, so the
 * same {@code now} always gives the same workspace, and every timestamp falls within the ten days before it.
 */
final class SampleGenerator {

    private static final long SEED = 4711L;
    private static final int CHATS = 32;
    private static final Set<Integer> ANONYMOUS_CHATS = Set.of(7, 19);
    private static final int BACKGROUND_EVENTS = 4;
    private static final List<String> USERS = List.of(SAMPLE_USER_ID, "user_1029", "user_2288", "user_3190",
            "user_5532", "user_6604", "user_8817");
    private static final List<LlmModel> MODELS = List.of(LlmModel.values());
    private static final Duration OLDEST = Duration.ofHours(9 * 24 + 12);
    private static final Duration NEWEST = Duration.ofHours(2);

    private SampleRandom random = new SampleRandom(SEED);
    private final Instant now;
    private final List<Conversation> conversations = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final Map<String, List<Span>> traces = new HashMap<>();
    private Instant clock;

    SampleGenerator(Instant now) {
        this.now = now;
    }

    SampleWorkspace generate() {
        for (int i = 0; i < CHATS; i++) {
            Scenario scenario = Scenarios.ALL.get(i % Scenarios.ALL.size());
            chat(ANONYMOUS_CHATS.contains(i) ? null : USERS.get(i % USERS.size()), scenario);
        }
        checkout();
        for (int i = 0; i < BACKGROUND_EVENTS; i++) {
            background(random.pick(USERS));
        }
        // Each story draws on a seed of its own, so that its ids stay put when anything generated before it changes.
        story(1881L, this::refund);
        story(2026L, this::deliveryPromises);
        story(8848L, this::trekAdvice);
        return new SampleWorkspace(conversations, events, traces, now);
    }

    /** What stays the same for every event of one conversation (or one background job). */
    private record Context(String convoId, String userId, String eventName, List<String> topics, LlmModel model,
            boolean background, Facts facts, Map<String, String> featureFlags, Map<String, Object> properties) {

        /** The same context with the {@code checkout_agent} experiment's arm set, in its flag and its property. */
        Context arm(String arm) {
            Map<String, String> flags = new LinkedHashMap<>(featureFlags);
            flags.put("checkout_agent", arm);
            Map<String, Object> withArm = new LinkedHashMap<>(properties);
            withArm.put("experiment", Map.of("name", "checkout_agent_v2", "arm", arm));
            return new Context(convoId, userId, eventName, topics, model, background, facts, Map.copyOf(flags), withArm);
        }
    }

    private Context context(String convoId, String userId, Scenario scenario, LlmModel model, boolean background) {
        Facts facts = new Facts("NW-" + random.digits(5), String.format(Locale.ROOT, "€%d.%02d",
                random.between(19, 189), random.between(0, 19) * 5), "00340434" + random.digits(10), "re_" + random.hex(10),
                "SUP-" + random.digits(4));
        return context(convoId, userId, scenario, model, background, facts);
    }

    private Context context(String convoId, String userId, Scenario scenario, LlmModel model, boolean background, Facts facts) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("refund_v2", random.chance(0.5) ? "on" : "off");
        flags.put("checkout_agent", random.pick(List.of("control", "variant-b")));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("channel", random.pick(List.of("web", "ios", "android")));
        properties.put("locale", scenario.locale());
        properties.put("plan", random.pick(List.of("free", "plus", "pro")));
        properties.put("app_version", random.pick(List.of("4.18.2", "4.19.0")));
        properties.put("order_id", facts.order());
        properties.put("experiment", Map.of("name", "checkout_agent_v2", "arm", flags.get("checkout_agent")));
        return new Context(convoId, userId, scenario.eventName(), scenario.topics(), model, background, facts,
                Map.copyOf(flags), properties);
    }

    /** One chat: its scenario, for English speakers maybe a second one, a few follow-ups and often a thank-you. */
    private void chat(String userId, Scenario scenario) {
        Context context = context("conv_" + random.hex(6), userId, scenario, random.pick(MODELS), false);
        List<Turn> turns = new ArrayList<>(scenario.turns());
        if (scenario.english()) {
            if (random.chance(0.45)) {
                List<Scenario> others = Scenarios.ALL.stream().filter(s -> s != scenario && s.english()).toList();
                turns.addAll(random.pick(others).turns());
            }
            turns.addAll(random.sample(Scenarios.FOLLOW_UPS, (int) random.between(1, 3)));
            if (random.chance(0.5)) {
                turns.add(Scenarios.THANKS);
            }
        }
        clock = randomPastInstant();
        Instant startedAt = clock;
        List<Event> chatEvents = new ArrayList<>();
        for (Turn turn : turns) {
            chatEvents.add(event(context, "evt_" + random.hex(12), turn.filled(context.facts()), TraceLayout.STANDARD));
        }
        conversation(context, startedAt, chatEvents);
    }

    /** The fixed checkout conversation, about a day old, with the events whose traces tests and demos rely on. */
    private void checkout() {
        Context context = context(CHECKOUT_CONVERSATION_ID, SAMPLE_USER_ID,
                new Scenario(Scenarios.CHECKOUT_ASSIST, "en-US", List.of("checkout", "shipping", "payments"), List.of()),
                LlmModel.GPT_5, false);
        clock = now.minus(Duration.ofHours(26)).plusSeconds(random.between(0, 900));
        conversation(context, clock, List.of(
                event(context, "evt_" + random.hex(12), CheckoutConversation.OPENING, TraceLayout.STANDARD),
                event(context, LARGE_TRACE_EVENT_ID, CheckoutConversation.LARGE, CheckoutConversation::large),
                event(context, ERROR_TRACE_EVENT_ID, CheckoutConversation.FAILED_PAYMENT, CheckoutConversation::failedPayment),
                event(context, "evt_" + random.hex(12), CheckoutConversation.PAYPAL_RETRY, TraceLayout.STANDARD),
                event(context, DEEP_TRACE_EVENT_ID, CheckoutConversation.DEEP_PLAN, CheckoutConversation::deepPlan),
                event(context, NO_SPANS_EVENT_ID, CheckoutConversation.NO_SPANS, null)));
    }

    /** An order confirmation written by a background job: no conversation, no user input. */
    private void background(String userId) {
        Context context = context(null, userId, Scenarios.ORDER_SUMMARY, LlmModel.GPT_5_MINI, true);
        clock = randomPastInstant();
        event(context, "evt_" + random.hex(12), Scenarios.ORDER_SUMMARY.turns().get(0).filled(context.facts()), TraceLayout.STANDARD);
    }

    private void story(long seed, Runnable story) {
        random = new SampleRandom(seed);
        story.run();
    }

    /**
     * Two runs of one feature a day apart ({@link DeliveryPromise}): the answer that promised Thursday, about 27 hours
     * before {@code now}, and the one that says Monday, three hours before it.
     */
    private void deliveryPromises() {
        Scenario scenario = new Scenario(Scenarios.CHECKOUT_ASSIST, "en-US", List.of("checkout", "shipping"), List.of());
        Context before = context("conv_sample_delivery_good", "user_2288", scenario, LlmModel.GPT_5_MINI, false).arm("control");
        clock = now.minus(Duration.ofHours(27));
        conversation(before, clock, List.of(event(before, DELIVERY_GOOD_EVENT_ID, DeliveryPromise.PROMISED_THURSDAY,
                DeliveryPromise::promisedThursday)));
        Context after = context("conv_sample_delivery_bad", "user_3190", scenario, LlmModel.GPT_5, false).arm("variant-b");
        clock = now.minus(Duration.ofHours(3));
        conversation(after, clock, List.of(event(after, DELIVERY_BAD_EVENT_ID, DeliveryPromise.PROMISED_MONDAY,
                DeliveryPromise::promisedMonday)));
    }

    /** The slow run ({@link TrekAdvice}), two and a quarter hours before {@code now}. */
    private void trekAdvice() {
        Context context = context("conv_sample_slow", "user_6604",
                new Scenario(Scenarios.CHECKOUT_ASSIST, "en-US", List.of("checkout", "sizing"), List.of()), LlmModel.GPT_5,
                false).arm("control");
        clock = now.minus(Duration.ofMinutes(135));
        conversation(context, clock, List.of(event(context, SLOW_TRACE_EVENT_ID, TrekAdvice.ADVICE, TrekAdvice::advise)));
    }

    /**
     * The refund that went wrong ({@link RefundConversation}), 80 minutes before {@code now}: the return arrived, the
     * noisy turn that refunds the wrong amount, the customer's complaint.
     */
    private void refund() {
        RefundConversation story = new RefundConversation(now);
        Context context = context(REFUND_CONVERSATION_ID, "user_5532",
                new Scenario(Scenarios.SUPPORT_CHAT, "en-GB", List.of("returns", "refunds"), List.of()), LlmModel.GPT_5,
                false, RefundConversation.FACTS);
        clock = now.minus(Duration.ofMinutes(80));
        conversation(context, clock, List.of(
                event(context, "evt_" + random.hex(12), RefundConversation.RETURN_ARRIVED, story::returnArrived),
                event(context, NOISY_TRACE_EVENT_ID, RefundConversation.REFUND, story::refund),
                event(context, REFUND_COMPLAINT_EVENT_ID, RefundConversation.COMPLAINT, story::complaint)));
    }

    private Instant randomPastInstant() {
        return now.minus(OLDEST).plusMillis(random.between(0, OLDEST.minus(NEWEST).toMillis()));
    }

    /**
     * One event at the current clock, with its trace laid out by {@code layout} ({@code null}: no spans). The event
     * happens when the answer is complete, at the end of its root span; the clock then moves on by the time the
     * user takes to reply.
     */
    private Event event(Context context, String id, Turn turn, TraceLayout layout) {
        long startNs = nanos(clock);
        List<Span> spans = layout == null ? List.of() : trace(context, id, turn, layout, startNs);
        long endNs = spans.isEmpty() ? startNs + random.between(1500, 4000) * 1_000_000L
                : spans.stream().mapToLong(Span::endTimeNs).max().orElseThrow();
        Instant timestamp = instant(endNs).truncatedTo(ChronoUnit.MILLIS);
        // A number among the properties, so that properties[latency_ms][gte]=... has something to compare.
        Map<String, Object> properties = new LinkedHashMap<>(context.properties());
        properties.put("latency_ms", (endNs - startNs) / 1_000_000);
        Event event = new Event(id, context.eventName(), context.userId(), context.convoId(), timestamp,
                timestamp.plusMillis(random.between(200, 1500)), context.background() ? null : turn.userInput(),
                turn.assistantOutput(), context.model().id(), context.topics(), withIds(turn.inputAttachments()),
                withIds(turn.outputAttachments()), signals(turn, spans), errorSpans(spans), toolCalls(spans),
                context.featureFlags(), properties);
        events.add(event);
        traces.put(id, spans);
        clock = timestamp.plusSeconds(random.between(15, 240));
        return event;
    }

    /** A trace rooted in one span named after the event, as Raindrop's SDKs open it around each interaction. */
    private List<Span> trace(Context context, String eventId, Turn turn, TraceLayout layout, long startNs) {
        TraceBuilder trace = new TraceBuilder(random, startNs);
        Draft root = trace.open(null, context.eventName(), TraceBuilder.INTERNAL)
                .attribute("raindrop.event_id", eventId).attribute("service.name", "checkout-bot");
        layout.fill(trace, root, turn, context.model());
        trace.close(root);
        return trace.build();
    }

    /** The conversation of these events; its signals count the events that carry each one. */
    private void conversation(Context context, Instant startedAt, List<Event> turns) {
        Map<String, SignalCount> counts = new LinkedHashMap<>();
        for (Event event : turns) {
            for (SignalScore score : event.signals()) {
                counts.merge(score.id(), new SignalCount(score.id(), score.name(), 1),
                        (seen, again) -> new SignalCount(seen.id(), seen.name(), seen.count() + 1));
            }
        }
        conversations.add(new Conversation(context.convoId(), context.userId(), startedAt,
                turns.get(turns.size() - 1).timestamp(), turns.size(), List.copyOf(counts.values())));
    }

    /** The turn's flagged signals, plus tool_failure whenever one of its tool calls failed. */
    private List<SignalScore> signals(Turn turn, List<Span> spans) {
        Set<SampleSignal> flagged = EnumSet.noneOf(SampleSignal.class);
        flagged.addAll(turn.signals());
        if (spans.stream().anyMatch(s -> TraceBuilder.TOOL_CALL.equals(s.spanType()) && TraceBuilder.ERROR.equals(s.status()))) {
            flagged.add(SampleSignal.TOOL_FAILURE);
        }
        return flagged.stream()
                .map(s -> new SignalScore(s.id(), s.signalName(), Math.round(random.between(0.62, 0.98) * 100) / 100.0))
                .toList();
    }

    private static List<ToolCall> toolCalls(List<Span> spans) {
        return spans.stream().filter(s -> TraceBuilder.TOOL_CALL.equals(s.spanType()))
                .map(s -> new ToolCall(s.spanName(), s.status(), s.durationNs() / 1_000_000, instant(s.startTimeNs()), s.spanId()))
                .toList();
    }

    private static List<ErrorSpan> errorSpans(List<Span> spans) {
        return spans.stream().filter(s -> TraceBuilder.ERROR.equals(s.status()))
                .map(s -> new ErrorSpan(s.spanId(), instant(s.startTimeNs()), s.status(), s.durationNs() / 1_000_000,
                        s.spanType(), s.spanName(), s.output()))
                .toList();
    }

    private List<Attachment> withIds(List<Attachment> attachments) {
        return attachments.stream()
                .map(a -> new Attachment("att_" + random.hex(10), a.attachmentType(), a.name(), a.value())).toList();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }
}
