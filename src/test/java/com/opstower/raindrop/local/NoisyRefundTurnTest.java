package com.opstower.raindrop.local;

import static com.opstower.raindrop.local.SampleApiClient.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.local.SampleModel.Event;
import com.opstower.raindrop.local.SampleModel.Span;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The story of the noisy support-agent turn {@value SampleWorkspace#NOISY_TRACE_EVENT_ID}, asserted on the sample's
 * own data so that it cannot drift from what the README and the tools' tests tell.
 *
 * <ul>
 *   <li><b>Symptom:</b> in {@value SampleWorkspace#REFUND_CONVERSATION_ID} the customer complains
 *       ({@value SampleWorkspace#REFUND_COMPLAINT_EVENT_ID}): the agent refunded €22.90 for a jacket that cost
 *       €229.00, and said so in the turn before.</li>
 *   <li><b>Cause:</b> the tool result of {@code calculate_refund} ({@value #CALCULATE_REFUND}): asked for order
 *       NW-48213 and return RMA-7731, it answered with the cached quote of the customer's earlier return RMA-6620 of
 *       order NW-41877 (socks, €22.90, twelve days old); its {@code cache.get refund_quote:cust_5532} hit
 *       ({@value #QUOTE_CACHE_READ}) shows the quote cache keyed by customer. The model passed 22.90 on to
 *       {@code issue_refund} ({@value #ISSUE_REFUND}), below the €200 limit that would have sent €229.00 to a
 *       human, while {@code get_order} ({@value #GET_ORDER}) said the jacket was paid 229.00.</li>
 *   <li><b>Decoy:</b> the trace's only error, an HTTP 503 of the returns service ({@value #RETURNS_503}) under
 *       {@code get_return_status}, which the client's retry ({@value #RETURNS_RETRY}), a later sibling of the same
 *       name, recovered.</li>
 * </ul>
 */
class NoisyRefundTurnTest {

    static final String ROOT = "b67af41ebd118da9";
    static final String TRIAGE = "3eebb670c7c38008";
    static final String AGENT = "00784c277b63c048";
    static final String GET_ORDER = "f74bd7282db0e8aa";
    static final String GET_RETURN_STATUS = "5484f128419ff060";
    static final String RETURNS_503 = "5e5c4394e8e1d126";
    static final String RETURNS_RETRY = "775bc196d22d5921";
    static final String CALCULATE_REFUND = "eec808548c832175";
    static final String QUOTE_CACHE_READ = "f270b518364766fe";
    static final String ISSUE_REFUND = "44366e1db30693ca";
    /** The round that wrote the answer: the SDK's call and the provider call inside it, with the same payloads. */
    static final String ANSWER = "c556774974292ff8";
    static final String ANSWER_PROVIDER_CALL = "368bad5020e22de4";
    static final String GUARDRAIL = "23f9b3b0755c746b";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final SampleWorkspace workspace = SampleWorkspace.generate(NOW);
    private final List<Span> spans = workspace.trace(SampleWorkspace.NOISY_TRACE_EVENT_ID);
    private final Map<String, Span> byId = spans.stream().collect(Collectors.toMap(Span::spanId, Function.identity()));

    @Test
    void theComplaintFollowsTheTurnThatRefundedTheWrongAmount() {
        List<Event> turns = workspace.events().stream()
                .filter(e -> SampleWorkspace.REFUND_CONVERSATION_ID.equals(e.convoId()))
                .sorted(Comparator.comparing(Event::timestamp)).toList();
        assertEquals(List.of(SampleWorkspace.NOISY_TRACE_EVENT_ID, SampleWorkspace.REFUND_COMPLAINT_EVENT_ID),
                turns.subList(1, 3).stream().map(Event::id).toList());
        Event complaint = turns.get(2);
        assertTrue(complaint.userInput().contains("€22.90") && complaint.userInput().contains("€229.00"), complaint.userInput());
        assertTrue(complaint.hasSignal(SampleSignal.USER_FRUSTRATION.id()));
        assertTrue(turns.get(1).assistantOutput().contains("€22.90"));
        assertEquals(turns.get(1).assistantOutput(), span(ANSWER).output());
    }

    @Test
    void theCauseIsTheQuoteCalculateRefundAnsweredForAnotherReturn() throws Exception {
        Span quote = span(CALCULATE_REFUND);
        assertEquals("calculate_refund", quote.spanName());
        JsonNode asked = JSON.readTree(quote.input());
        JsonNode answered = JSON.readTree(quote.output());
        assertEquals("NW-48213", asked.get("order_id").asText());
        assertEquals("RMA-7731", asked.get("rma_id").asText());
        assertEquals("NW-41877", answered.get("order_id").asText(), "another order");
        assertEquals("RMA-6620", answered.get("rma_id").asText(), "another return");
        assertEquals("Merino hiking socks 2-pack", answered.at("/items/0/name").asText());
        assertEquals("22.90", answered.get("refund_total").asText());
        assertTrue(Instant.parse(answered.get("quoted_at").asText()).isBefore(NOW.minusSeconds(10 * 86_400)), "quoted days ago");

        Span cacheRead = span(QUOTE_CACHE_READ);
        assertEquals(CALCULATE_REFUND, cacheRead.parentSpanId());
        assertEquals("refund_quote:cust_5532", cacheRead.attributes().get("cache.key"), "keyed by customer, not by return");
        assertEquals("true", cacheRead.attributes().get("cache.hit"));

        JsonNode order = JSON.readTree(span(GET_ORDER).output());
        assertEquals("Alpine Shell jacket", order.at("/items/0/name").asText());
        assertEquals("229.00", order.at("/items/0/paid").asText());
        assertEquals("RMA-7731", order.at("/items/0/return/rma_id").asText());
        assertFalse(span(GET_ORDER).output().contains("RMA-6620"), "the quoted return is not this order's");

        JsonNode refund = JSON.readTree(span(ISSUE_REFUND).input());
        assertEquals("22.90", refund.get("amount").asText(), "the model passed the quote on");
        assertEquals(answered.get("quote_id").asText(), refund.get("quote_id").asText());
        assertEquals("automatic", JSON.readTree(span(ISSUE_REFUND).output()).get("approval").asText(), "below the €200 limit");
        assertTrue(Payloads.SUPPORT_AGENT_PROMPT.contains("Refunds above EUR 200 need a human agent's approval"));
    }

    @Test
    void theOnlyErrorIsA503ThatALaterSiblingOfTheSameNameRecovered() {
        List<Span> errors = spans.stream().filter(s -> s.status().equals("ERROR")).toList();
        assertEquals(List.of(RETURNS_503), errors.stream().map(Span::spanId).toList());
        Span failed = span(RETURNS_503);
        Span retry = span(RETURNS_RETRY);
        assertEquals(GET_RETURN_STATUS, failed.parentSpanId());
        assertEquals(failed.parentSpanId(), retry.parentSpanId());
        assertEquals(failed.spanName(), retry.spanName());
        assertEquals(failed.attributes().get("url.full"), retry.attributes().get("url.full"));
        assertEquals(503, failed.attributes().get("http.response.status_code"));
        assertEquals(200, retry.attributes().get("http.response.status_code"));
        assertTrue(retry.startTimeNs() > failed.endTimeNs());
        assertEquals("OK", span(GET_RETURN_STATUS).status(), "the tool call succeeded");
        Event event = workspace.event(SampleWorkspace.NOISY_TRACE_EVENT_ID).orElseThrow();
        assertEquals(List.of(RETURNS_503), event.errorSpans().stream().map(SampleModel.ErrorSpan::spanId).toList());
        assertFalse(event.hasSignal(SampleSignal.TOOL_FAILURE.id()));
    }

    @Test
    void theEventListsTheErrorSpanWithoutAnOutputItNeverHad() throws Exception {
        try (SampleApiClient api = new SampleApiClient()) {
            JsonNode errorSpan = api.ok("/v1/events/" + SampleWorkspace.NOISY_TRACE_EVENT_ID).at("/data/error_spans/0");
            assertEquals(RETURNS_503, errorSpan.get("span_id").asText());
            assertEquals("GET", errorSpan.get("span_name").asText());
            assertTrue(errorSpan.path("output_payload").isMissingNode(), "an optional field is left out, not null: " + errorSpan);
        }
    }

    @Test
    void aDozenMeaningfulSpansAmongSeveralHundredOfInstrumentation() {
        assertEquals(384, spans.size());
        Set<String> meaningful = spans.stream().filter(NoisyRefundTurnTest::meaningful).map(Span::spanId).collect(Collectors.toSet());
        assertEquals(17, meaningful.size(), meaningful.toString());
        assertTrue(meaningful.containsAll(List.of(ROOT, TRIAGE, AGENT, GET_ORDER, GET_RETURN_STATUS, RETURNS_503,
                CALCULATE_REFUND, ISSUE_REFUND, ANSWER, ANSWER_PROVIDER_CALL, GUARDRAIL)));
        List<Span> noise = spans.stream().filter(s -> !meaningful.contains(s.spanId())).toList();
        assertEquals(367, noise.size());
        Map<String, Long> names = noise.stream().collect(Collectors.groupingBy(Span::spanName, Collectors.counting()));
        assertEquals(Set.of("cache.get", "cache.set", "flags.evaluate", "db.query", "GET", "POST", "pii.redact"), names.keySet());
        for (Span span : noise) {
            assertEquals("INTERNAL", span.spanType(), span.spanId());
            assertEquals("UNSET", span.status(), span.spanId());
            assertNull(span.model(), span.spanId());
            assertNull(span.inputTokens(), span.spanId());
            assertNull(span.input(), span.spanId());
            assertTrue(span.durationNs() < (span.spanName().matches("GET|POST") ? 300_000_000L : 5_000_000L), span.spanId());
            assertTrue(spans.stream().noneMatch(child -> span.spanId().equals(child.parentSpanId())), "a leaf: " + span.spanId());
        }
        assertEquals(4, spans.stream().filter(s -> s.spanType().equals("TOOL_CALL")).count());
        assertTrue(spans.stream().filter(s -> s.model() != null).count() >= 3);
    }

    @Test
    void everyModelCallRepeatsTheLongSystemPromptInOneOfThreeShapes() throws Exception {
        assertEquals(4716, Payloads.SUPPORT_AGENT_PROMPT.length());
        List<Span> calls = spans.stream().filter(s -> s.model() != null).toList();
        assertEquals(10, calls.size());
        for (Span call : calls) {
            JsonNode first = JSON.readTree(call.input()).get(0);
            assertEquals("system", first.get("role").asText());
            String text = first.has("parts") ? first.at("/parts/0/content").asText() : first.get("content").asText();
            assertEquals(Payloads.SUPPORT_AGENT_PROMPT, text, call.spanId());
        }
        // OpenTelemetry GenAI: role and parts, tool calls and their responses as parts.
        JsonNode triage = JSON.readTree(span(TRIAGE).input());
        assertEquals("tool_call_response", triage.get(4).at("/parts/0/type").asText());
        assertEquals("stop", JSON.readTree(span(TRIAGE).output()).get(0).get("finish_reason").asText());
        // Vercel AI SDK: content as parts, tool-call and tool-result.
        JsonNode answer = JSON.readTree(span(ANSWER).input());
        assertEquals("tool-call", answer.get(6).at("/content/0/type").asText());
        assertEquals("tool-result", answer.get(7).at("/content/1/type").asText());
        // OpenAI chat: tool_calls with arguments as text, tool results by tool_call_id.
        JsonNode guardrail = JSON.readTree(span(GUARDRAIL).input());
        assertEquals(15, guardrail.size());
        assertEquals("get_order", guardrail.get(6).at("/tool_calls/0/function/name").asText());
        assertTrue(guardrail.get(6).at("/tool_calls/0/function/arguments").isTextual());
        assertEquals("tool", guardrail.get(10).get("role").asText());
        assertTrue(guardrail.get(10).get("content").asText().contains("RMA-6620"), "the stale quote, as the guardrail read it");
    }

    @Test
    void eachSdkCallCarriesThePayloadsOfItsProviderCall() {
        List<Span> sdkCalls = spans.stream().filter(s -> s.spanName().equals("ai.generateText")).toList();
        assertEquals(4, sdkCalls.size());
        for (Span sdkCall : sdkCalls) {
            Span providerCall = spans.stream().filter(s -> sdkCall.spanId().equals(s.parentSpanId())).findFirst().orElseThrow();
            assertEquals("ai.generateText.doGenerate", providerCall.spanName());
            assertEquals(sdkCall.input(), providerCall.input());
            assertEquals(sdkCall.output(), providerCall.output());
        }
        assertEquals(ANSWER, span(ANSWER_PROVIDER_CALL).parentSpanId());
    }

    @Test
    void truncLenCutsThePayloadsPastIt() throws Exception {
        try (SampleApiClient api = new SampleApiClient()) {
            Map<String, Span> served = api.workspace.trace(SampleWorkspace.NOISY_TRACE_EVENT_ID).stream()
                    .collect(Collectors.toMap(Span::spanId, Function.identity()));
            String order = served.get(GET_ORDER).output();
            assertEquals(5406, order.length());
            Map<String, JsonNode> cut = byId(api, "&trunc_len=4000");
            assertEquals(spans.size(), cut.size());
            String orderCut = cut.get(GET_ORDER).get("output").asText();
            assertEquals(order.substring(0, 4000), orderCut);
            assertEquals(4000, cut.get(GUARDRAIL).get("input").asText().length());
            assertEquals(served.get(CALCULATE_REFUND).output(), cut.get(CALCULATE_REFUND).get("output").asText(), "short payloads stay whole");
            assertEquals(order, byId(api, "&trunc_len=100000").get(GET_ORDER).get("output").asText());
        }
    }

    private static Map<String, JsonNode> byId(SampleApiClient api, String query) throws Exception {
        return list(api.ok("/v1/traces?limit=1000&event_id=" + SampleWorkspace.NOISY_TRACE_EVENT_ID + query)).stream()
                .collect(Collectors.toMap(s -> s.get("span_id").asText(), Function.identity()));
    }

    /** Not instrumentation: the root, a model or tool call, an error, or a span with a model call or tool call below it. */
    private static boolean meaningful(Span span) {
        return span.parentSpanId() == null || span.model() != null || span.spanType().equals("TOOL_CALL")
                || span.status().equals("ERROR") || span.spanName().startsWith("invoke_agent");
    }

    private Span span(String id) {
        Span span = byId.get(id);
        assertTrue(span != null, "no span " + id);
        return span;
    }
}
