package com.opstower.raindrop.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.opstower.raindrop.local.SampleWorkspace;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.queryapi.Wire.Event;
import com.opstower.raindrop.testing.Snapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trace bodies for tests, as the upstream sends them: JSON fixtures, and generated ones whose shape is the point
 * (size, depth). Deterministic.
 */
public final class TraceFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final long T0 = 1_795_986_578_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    private static final String SYSTEM_PROMPT = "You are Billie, the billing assistant of Acme Shop. Answer in the "
            + "customer's language. Never promise a refund before refund_order succeeds. Use the tools to look up "
            + "customers, orders and charges; escalate with create_ticket when a tool fails twice.";
    private static final String[] TOOLS = {"lookup_customer", "get_order", "list_charges", "search_kb",
        "check_refund_status", "create_ticket"};

    private TraceFixtures() {
    }

    /** One span as {@code /v1/traces} sends it; times are nanoseconds since the epoch. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Span(String traceId, String spanId, String parentSpanId, String spanName, String spanType,
            String status, long startTimeNs, long endTimeNs, long durationNs, String input, String output,
            Long inputTokens, Long outputTokens, String model, String provider, Map<String, Object> attributes) {
    }

    /** A fixture under {@code src/test/resources/fixtures/traces}. */
    public static ResponseBody fixture(String name) {
        return body(Snapshots.resource("fixtures/traces/" + name));
    }

    public static ResponseBody body(String json) {
        return ResponseBody.of(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code /v1/traces} body listing the spans, as the upstream writes them. */
    public static ResponseBody body(List<?> spans) {
        try {
            return ResponseBody.of(JSON.writeValueAsBytes(Map.of("data", spans)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample workspace's trace of the event, whole, as its Query API sends it without {@code trunc_len}. */
    public static ResponseBody sampleTrace(String eventId) {
        return body(Sample.WORKSPACE.trace(eventId));
    }

    /** The sample workspace's record of the event, as its Query API answers it and the connection reads it. */
    public static Event sampleEvent(String eventId) {
        try {
            byte[] json = JsonMapper.builder().addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()
                    .writeValueAsBytes(Sample.WORKSPACE.event(eventId).orElseThrow());
            return JSON.readValue(json, Event.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Generated on first use, once for every test. */
    private static final class Sample {
        static final SampleWorkspace WORKSPACE = SampleWorkspace.generate(Instant.parse("2026-11-26T12:00:00Z"));
    }

    /**
     * A support agent's run with {@code steps} model steps, each a streamed LLM call (and its provider call) followed
     * by two tool calls (each with an HTTP and a database span): {@code 6 + 8 * steps} spans. Every 8th step from
     * the 5th has a refund failing with a 502, every 16th from the 12th an e-mail timing out.
     */
    public static List<Span> supportAgentRun(int steps) {
        Generator g = new Generator();
        String root = g.id();
        g.add(root, null, "support_agent.run", "INTERNAL", "OK", 0, 0, null, null, null, null, null, null);
        g.add(g.id(), root, "guardrails.input_check", "INTERNAL", "OK", 2, 38, null, null, null, null, null, null);
        g.add(g.id(), root, "retriever.search", "RETRIEVAL", "OK", 41, 212, "charged twice order 1042",
                "[{\"doc\":\"kb/duplicate-charges.md\",\"score\":0.93},{\"doc\":\"kb/refunds.md\",\"score\":0.81}]",
                null, null, null, "pinecone");
        long t = 260;
        for (int step = 0; step < steps; step++) {
            t = llmStep(g, root, step, t);
            boolean refundFails = step % 8 == 4;
            boolean emailTimesOut = step % 16 == 11;
            t = toolCall(g, root, step, refundFails ? "refund_order" : TOOLS[step % TOOLS.length], refundFails, t);
            t = toolCall(g, root, step, emailTimesOut ? "send_email" : TOOLS[(step + 3) % TOOLS.length], emailTimesOut, t);
        }
        String summary = g.id();
        g.add(summary, root, "ai.generateText", "LLM_GENERATION", "OK", t, 1_340,
                messages(steps, "Summarize the conversation for the ticket."),
                "Customer cus_77 was charged twice for order 1042 (ch_1 and ch_2, 49.00 EUR each). The refund of ch_2 "
                        + "failed once with a 502 from payments-api and succeeded on retry; confirmation e-mail sent.",
                2_310L, 61L, "gpt-5-mini", "openai");
        g.add(g.id(), summary, "ai.generateText.doGenerate", "LLM_GENERATION", "OK", t + 4, 1_330, null, null,
                2_310L, 61L, "gpt-5-mini", "openai");
        t += 1_350;
        g.add(g.id(), root, "memory.save", "INTERNAL", "OK", t, 35, null, null, null, null, null, null);
        // The root ends with its last child: known only now.
        g.spans.set(0, withDuration(g.spans.get(0), t + 40));
        return g.spans;
    }

    /** A chain of {@code depth} spans, each the parent of the next, listed deepest first; the deepest one failed. */
    public static List<Span> chain(int depth) {
        Generator g = new Generator();
        String parent = null;
        for (int level = 0; level < depth; level++) {
            String id = g.id();
            boolean deepest = level == depth - 1;
            g.add(id, parent, deepest ? "fetch_invoice" : "planner.step." + level, deepest ? "TOOL_CALL" : "INTERNAL",
                    deepest ? "ERROR" : "OK", level * 10L, (depth - level) * 20L, deepest ? "{\"invoice\":\"in_1042\"}" : null,
                    deepest ? "404 invoice in_1042 not found" : null, null, null, null, null);
            parent = id;
        }
        List<Span> deepestFirst = new ArrayList<>(g.spans);
        Collections.reverse(deepestFirst);
        return deepestFirst;
    }

    private static long llmStep(Generator g, String root, int step, long t) {
        long duration = 700 + (step * 137L) % 900;
        long inputTokens = 900 + step * 180L;
        long outputTokens = 20 + (step * 17L) % 60;
        String output = step % 5 == 2
                ? "I can see two charges of 49.00 EUR on order 1042, made 3 seconds apart, which looks like a duplicate "
                        + "capture rather than two purchases. I will refund the second charge (ch_2) and keep the first one, "
                        + "then confirm by e-mail."
                : "Calling " + TOOLS[step % TOOLS.length] + " next.";
        String llm = g.id();
        g.add(llm, root, "ai.streamText", "LLM_GENERATION_STREAM", "OK", t, duration,
                messages(step, "Why was I charged twice for order 1042?"), output, inputTokens, outputTokens, "gpt-5", "openai");
        g.add(g.id(), llm, "ai.streamText.doStream", "LLM_GENERATION", "OK", t + 3, duration - 6, null, null,
                inputTokens, outputTokens, "gpt-5", "openai");
        return t + duration + 5;
    }

    private static long toolCall(Generator g, String root, int step, String tool, boolean fails, long t) {
        long duration = 120 + (step * 53L + tool.length() * 31L) % 480;
        String toolSpan = g.id();
        String input = "{\"customer_id\":\"cus_77\",\"order_id\":1042,\"step\":" + step + "}";
        String output = fails
                ? (tool.equals("send_email") ? "TimeoutError: SMTP relay did not answer within 10 s"
                        : "PaymentsApiError: 502 Bad Gateway from payments-api (POST /v1/refunds, request req_" + step + ")")
                : tool.equals("list_charges")
                        ? "[{\"id\":\"ch_1\",\"amount\":4900,\"currency\":\"eur\",\"created\":\"2026-11-24T09:12:03Z\",\"status\":\"succeeded\"},"
                                + "{\"id\":\"ch_2\",\"amount\":4900,\"currency\":\"eur\",\"created\":\"2026-11-24T09:12:06Z\",\"status\":\"succeeded\"}]"
                        : "{\"ok\":true,\"tool\":\"" + tool + "\"}";
        String status = fails ? "ERROR" : "OK";
        g.add(toolSpan, root, tool, "TOOL_CALL", status, t, duration, input, output, null, null, null, null);
        long http = duration * 6 / 10;
        g.add(g.id(), toolSpan, "http.request POST payments-api", "INTERNAL", status, t + 4, http, null, null, null, null,
                null, null);
        g.add(g.id(), toolSpan, "db.query SELECT charges", "INTERNAL", "OK", t + 8 + http, duration - http - 12, null,
                null, null, null, null, null);
        return t + duration + 5;
    }

    private static String messages(int step, String question) {
        return "[{\"role\":\"system\",\"content\":\"" + SYSTEM_PROMPT + "\"},{\"role\":\"user\",\"content\":\"" + question
                + "\"},{\"role\":\"assistant\",\"content\":\"(" + step + " earlier tool results)\"}]";
    }

    private static Span withDuration(Span s, long endMs) {
        return new Span(s.traceId(), s.spanId(), s.parentSpanId(), s.spanName(), s.spanType(), s.status(),
                s.startTimeNs(), T0 + endMs * MS, endMs * MS, s.input(), s.output(), s.inputTokens(), s.outputTokens(),
                s.model(), s.provider(), s.attributes());
    }

    /** Span ids that look like OpenTelemetry's (16 hex digits) and never repeat. */
    private static final class Generator {
        final List<Span> spans = new ArrayList<>();
        private long next = 1;

        String id() {
            return String.format(Locale.ROOT, "%016x", 0x9e3779b97f4a7c15L * next++);
        }

        void add(String id, String parent, String name, String type, String status, long startMs, long durationMs,
                String input, String output, Long inputTokens, Long outputTokens, String model, String provider) {
            spans.add(new Span(TRACE_ID, id, parent, name, type, status, T0 + startMs * MS,
                    T0 + (startMs + durationMs) * MS, durationMs * MS, input, output, inputTokens, outputTokens, model,
                    provider, Map.of()));
        }
    }
}
