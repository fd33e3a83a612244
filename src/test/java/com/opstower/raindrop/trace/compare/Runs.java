package com.opstower.raindrop.trace.compare;

import com.opstower.raindrop.trace.TraceFixtures;
import com.opstower.raindrop.trace.TraceFixtures.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs of a support agent for comparisons, written step by step: each step a span under the run's root, one after
 * another in time, with what the test needs of it. Ids are unique per run and prefix.
 */
final class Runs {

    static final long MS = 1_000_000L;

    private final String prefix;
    private final List<Span> spans = new ArrayList<>();
    private final String root;
    private long clockMs = 5;
    private int next;

    Runs(String prefix) {
        this.prefix = prefix;
        this.root = id();
        spans.add(null);
    }

    String id() {
        return String.format(Locale.ROOT, "%s%013x", prefix, ++next);
    }

    /** An LLM call (the SDK's span and the provider's below it, as the Vercel AI SDK writes them). */
    Runs llm(String model, long ms, String input, String output, long inputTokens, long outputTokens) {
        String call = id();
        add(call, root, "ai.streamText", "LLM_GENERATION_STREAM", "OK", clockMs, ms, input, output, inputTokens,
                outputTokens, model, "openai", Map.of("ai.response.msToFirstChunk", 300));
        add(id(), call, "ai.streamText.doStream", "LLM_GENERATION", "OK", clockMs + 2, ms - 4, null, null, inputTokens,
                outputTokens, model, "openai", Map.of("ai.response.msToFirstChunk", 290));
        clockMs += ms + 5;
        return this;
    }

    /** A tool call, with an HTTP span below it. */
    Runs tool(String name, String status, long ms, String input, String output) {
        String call = id();
        add(call, root, name, "TOOL_CALL", status, clockMs, ms, input, output, null, null, null, null, Map.of());
        add(id(), call, "http.request POST api", "INTERNAL", status, clockMs + 2, ms - 4, null, null, null, null, null,
                null, Map.of());
        clockMs += ms + 5;
        return this;
    }

    Runs span(Span span) {
        spans.add(span);
        return this;
    }

    private void add(String id, String parent, String name, String type, String status, long startMs, long ms,
            String input, String output, Long inputTokens, Long outputTokens, String model, String provider,
            Map<String, Object> attributes) {
        spans.add(new Span("trace-" + prefix, id, parent, name, type, status, TraceFixtures.T0 + startMs * MS,
                TraceFixtures.T0 + (startMs + ms) * MS, ms * MS, input, output, inputTokens, outputTokens, model, provider,
                attributes));
    }

    List<Span> spans() {
        List<Span> all = new ArrayList<>(spans);
        all.set(0, new Span("trace-" + prefix, root, null, "support_agent.run", "INTERNAL", "OK", TraceFixtures.T0,
                TraceFixtures.T0 + (clockMs + 5) * MS, (clockMs + 5) * MS, "Why was I charged twice for order 1042?",
                null, null, null, null, null, Map.of()));
        return all;
    }

    static final String QUESTION = "[{\"role\":\"system\",\"content\":\"You are Billie, the billing assistant.\"},"
            + "{\"role\":\"user\",\"content\":\"Why was I charged twice for order 1042?\"}";

    /** The conversation so far, as the LLM call's input: the question and the tool results before it. */
    static String messages(String... toolResults) {
        StringBuilder messages = new StringBuilder(QUESTION);
        for (String result : toolResults) {
            messages.append(",{\"role\":\"tool\",\"content\":").append(quoted(result)).append('}');
        }
        return messages.append(']').toString();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static final String CUSTOMER = "{\"customer_id\":\"cus_77\",\"plan\":\"plus\"}";
    static final String TWO_CHARGES = "[{\"id\":\"ch_1\",\"amount\":4900},{\"id\":\"ch_2\",\"amount\":4900}]";
    static final String ONE_CHARGE = "[{\"id\":\"ch_1\",\"amount\":4900}]";
    static final String ORDER = "{\"order_id\":1042,\"status\":\"paid\",\"total\":4900}";

    /** The run that went right: it found the duplicate charge and refunded it. */
    static List<Span> baseline() {
        return new Runs("b").llm("gpt-5", 900, messages(), "Calling lookup_customer.", 410, 12)
                .tool("lookup_customer", "OK", 120, "{\"order_id\":1042}", CUSTOMER)
                .llm("gpt-5", 950, messages(CUSTOMER), "Calling list_charges.", 520, 11)
                .tool("list_charges", "OK", 240, "{\"customer_id\":\"cus_77\",\"order_id\":1042}", TWO_CHARGES)
                .llm("gpt-5", 1400, messages(CUSTOMER, TWO_CHARGES),
                        "You were charged twice: ch_2 duplicates ch_1. I refunded ch_2.", 640, 24)
                .spans();
    }

    /**
     * The same feature's run that went wrong: list_charges failed once and was retried, its result lost a charge, the
     * model was slower, an extra tool round looked up the order, and the answer changed with the result.
     */
    static List<Span> run() {
        return new Runs("r").llm("gpt-5", 920, messages(), "Calling lookup_customer.", 410, 12)
                .tool("lookup_customer", "OK", 118, "{\"order_id\":1042}", CUSTOMER)
                .llm("gpt-5", 2400, messages(CUSTOMER), "Calling list_charges.", 520, 11)
                .tool("list_charges", "ERROR", 3010, "{\"customer_id\":\"cus_77\",\"order_id\":1042}",
                        "TimeoutError: payments-api did not answer within 3 s")
                .tool("list_charges", "OK", 250, "{\"customer_id\":\"cus_77\",\"order_id\":1042}", ONE_CHARGE)
                .llm("gpt-5", 1000, messages(CUSTOMER, ONE_CHARGE), "Calling get_order.", 610, 13)
                .tool("get_order", "OK", 180, "{\"order_id\":1042}", ORDER)
                .llm("gpt-5", 1500, messages(CUSTOMER, ONE_CHARGE, ORDER),
                        "I can see only one charge for order 1042, so there is nothing to refund.", 760, 22)
                .spans();
    }
}
