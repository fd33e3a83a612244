package com.opstower.raindrop.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.local.SampleModel.Event;
import com.opstower.raindrop.local.SampleModel.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The story of two runs of one feature, {@value SampleWorkspace#DELIVERY_GOOD_EVENT_ID} (the baseline) and
 * {@value SampleWorkspace#DELIVERY_BAD_EVENT_ID} a day later, asserted on the sample's own data.
 *
 * <ul>
 *   <li><b>Symptom:</b> the same quick reply, "will my cart arrive in Munich by Friday?", for the same cart, got
 *       "Thursday" and, a day later, "Monday"; the second answer also took about five times as long.</li>
 *   <li><b>What changed:</b> the tool result of {@code quote_shipping} ({@value #GOOD_QUOTE} →
 *       {@value #BAD_QUOTE}), asked the same arguments: the pack now ships from Lyon, express arrives on Monday. The
 *       model then took one more tool round, {@code get_inventory} ({@value #EXTRA_TOOL}): no packs left in Leipzig.
 *       The answer changed with them.</li>
 *   <li><b>Why slower:</b> the {@code checkout_agent} flag's variant runs {@code gpt-5} instead of
 *       {@code gpt-5-mini}, slower per call; its first provider call was refused with a 429
 *       ({@value #RATE_LIMITED}) and the SDK's retry ({@value #RETRY}), a later sibling of the same name, answered
 *       about two seconds later; and the extra round adds a model call.</li>
 * </ul>
 */
class DeliveryRunPairTest {

    static final String GOOD_ROOT = "295344818649264c";
    static final String BAD_ROOT = "7f098c4397165336";
    static final String GOOD_QUOTE = "5ed7c341ff7f5b8a";
    static final String BAD_QUOTE = "9a79effabe909543";
    static final String EXTRA_TOOL = "d62a176962b7e294";
    static final String RATE_LIMITED = "41278fc2741e3cd2";
    static final String RETRY = "fac3f82561629c54";
    static final String GOOD_ANSWER = "cdcf00d3de73b420";
    static final String BAD_ANSWER = "f9e2092afcf62bb7";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SampleWorkspace workspace = SampleWorkspace.generate(Instant.parse("2026-11-26T12:00:00Z"));
    private final Event good = workspace.event(SampleWorkspace.DELIVERY_GOOD_EVENT_ID).orElseThrow();
    private final Event bad = workspace.event(SampleWorkspace.DELIVERY_BAD_EVENT_ID).orElseThrow();
    private final List<Span> goodSpans = workspace.trace(good.id());
    private final List<Span> badSpans = workspace.trace(bad.id());

    @Test
    void theSameFeatureAskedTheSameQuestionADayApart() {
        assertEquals(good.eventName(), bad.eventName());
        assertEquals(good.userInput(), bad.userInput());
        assertNotEquals(good.convoId(), bad.convoId());
        Duration apart = Duration.between(good.timestamp(), bad.timestamp());
        assertTrue(apart.compareTo(Duration.ofHours(20)) > 0 && apart.compareTo(Duration.ofHours(30)) < 0, apart.toString());
        assertEquals(23, goodSpans.size());
        assertEquals(30, badSpans.size());
        assertEquals(GOOD_ROOT, root(goodSpans).spanId());
        assertEquals(BAD_ROOT, root(badSpans).spanId());
    }

    @Test
    void theAnswerChangedWithTheQuote() throws Exception {
        assertTrue(good.assistantOutput().contains("**Thursday**"), good.assistantOutput());
        assertTrue(bad.assistantOutput().contains("**Monday**"), bad.assistantOutput());
        assertEquals(good.assistantOutput(), span(goodSpans, GOOD_ANSWER).output());
        assertEquals(bad.assistantOutput(), span(badSpans, BAD_ANSWER).output());

        Span before = span(goodSpans, GOOD_QUOTE);
        Span after = span(badSpans, BAD_QUOTE);
        assertEquals("quote_shipping", before.spanName());
        assertEquals(before.spanName(), after.spanName());
        assertEquals(before.input(), after.input(), "asked the same");
        JsonNode was = JSON.readTree(before.output());
        JsonNode is = JSON.readTree(after.output());
        assertEquals("thursday", was.at("/options/1/arrives").asText());
        assertEquals("monday", is.at("/options/1/arrives").asText());
        assertEquals("[\"Leipzig\"]", was.get("ships_from").toString());
        assertEquals("[\"Leipzig\",\"Lyon\"]", is.get("ships_from").toString());
    }

    @Test
    void theSecondRunTookOneMoreToolRound() throws Exception {
        assertEquals(List.of("get_cart", "quote_shipping"), toolNames(goodSpans));
        assertEquals(List.of("get_cart", "quote_shipping", "get_inventory"), toolNames(badSpans));
        assertEquals(3, count(goodSpans, "ai.generateText"));
        assertEquals(4, count(badSpans, "ai.generateText"));
        Span stock = span(badSpans, EXTRA_TOOL);
        assertEquals("get_inventory", stock.spanName());
        assertEquals(0, JSON.readTree(stock.output()).at("/warehouses/0/quantity").asInt(), "no packs left in Leipzig");
        // Everything else lines up: same tool order, same cart.
        assertEquals(output(goodSpans, "get_cart"), output(badSpans, "get_cart"));
    }

    @Test
    void theSecondRunsFirstProviderCallWasRetried() {
        Span refused = span(badSpans, RATE_LIMITED);
        Span retry = span(badSpans, RETRY);
        assertEquals("ERROR", refused.status());
        assertEquals(429, refused.attributes().get("http.response.status_code"));
        assertEquals("OK", retry.status());
        assertEquals(refused.parentSpanId(), retry.parentSpanId());
        assertEquals(refused.spanName(), retry.spanName());
        assertEquals(refused.input(), retry.input());
        long backOffMs = (retry.startTimeNs() - refused.endTimeNs()) / 1_000_000;
        assertTrue(backOffMs >= 1900 && backOffMs < 2400, backOffMs + " ms");
        assertEquals(List.of(RATE_LIMITED), bad.errorSpans().stream().map(SampleModel.ErrorSpan::spanId).toList());
        assertTrue(goodSpans.stream().noneMatch(s -> s.status().equals("ERROR")));
    }

    @Test
    void theSecondRunIsSlowerOnAnotherModel() {
        assertEquals("control", good.featureFlags().get("checkout_agent"));
        assertEquals("variant-b", bad.featureFlags().get("checkout_agent"));
        assertEquals(List.of("gpt-5-mini"), models(goodSpans));
        assertEquals(List.of("gpt-5"), models(badSpans));
        assertEquals("gpt-5-mini", good.model());
        assertEquals("gpt-5", bad.model());
        long goodWall = root(goodSpans).durationNs();
        long badWall = root(badSpans).durationNs();
        assertTrue(badWall > 4 * goodWall, goodWall / 1_000_000 + " ms → " + badWall / 1_000_000 + " ms");
        // Round by round, the same step takes longer: the model, not only the extra round and the retry.
        List<Span> goodCalls = ok(goodSpans, "ai.generateText.doGenerate");
        List<Span> badCalls = ok(badSpans, "ai.generateText.doGenerate");
        for (int round = 0; round < goodCalls.size(); round++) {
            assertTrue(badCalls.get(round).durationNs() > 2 * goodCalls.get(round).durationNs(), "round " + (round + 1));
        }
    }

    private static Span root(List<Span> spans) {
        return spans.stream().filter(s -> s.parentSpanId() == null).findFirst().orElseThrow();
    }

    private static Span span(List<Span> spans, String id) {
        Map<String, Span> byId = spans.stream().collect(Collectors.toMap(Span::spanId, Function.identity()));
        assertTrue(byId.containsKey(id), "no span " + id);
        return byId.get(id);
    }

    private static List<String> toolNames(List<Span> spans) {
        return spans.stream().filter(s -> s.spanType().equals("TOOL_CALL")).map(Span::spanName).toList();
    }

    private static String output(List<Span> spans, String name) {
        return spans.stream().filter(s -> s.spanName().equals(name)).findFirst().orElseThrow().output();
    }

    private static long count(List<Span> spans, String name) {
        return spans.stream().filter(s -> s.spanName().equals(name)).count();
    }

    private static List<Span> ok(List<Span> spans, String name) {
        return spans.stream().filter(s -> s.spanName().equals(name) && s.status().equals("OK")).toList();
    }

    private static List<String> models(List<Span> spans) {
        return spans.stream().map(Span::model).filter(m -> m != null).distinct().toList();
    }
}
