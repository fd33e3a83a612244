package com.opstower.raindrop.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic {@code /v1/traces} bodies shaped like production agent runs, for benchmarks: an agent loop of streamed
 * LLM generations (each with its provider call, prompts growing with the conversation), tool calls with HTTP,
 * database and cache spans below them, retrievals, guardrails, sub-agents nested a few levels deep, failures
 * (tool errors with stack traces, rate-limited generations), OpenTelemetry attributes ({@code gen_ai.*},
 * {@code ai.*}, {@code http.*}, {@code db.*}), non-ASCII text, and now and then a payload sent as a JSON object
 * instead of a string.
 *
 * <p>Parameterised by span count and payload size, deterministic by seed: the seed and the span count fix the
 * tree, the timings and every text; the target size only scales payload lengths, which are found by a few
 * generate-and-measure rounds. Payloads are capped at {@link #DEFAULT_MAX_PAYLOAD_CHARS} characters each, what the
 * Query API's {@code trunc_len} leaves of them in tree mode.
 */
public final class SyntheticTrace {

    /** The largest body file mode stores (25 MiB): generated bodies stay under it. */
    public static final long FILE_MODE_CAP = 26_214_400L;

    /** Characters kept of each payload: the tree mode's default {@code trunc_len}. */
    public static final int DEFAULT_MAX_PAYLOAD_CHARS = 4_000;

    /** The sizes the benchmarks report on. */
    public enum Size {
        /** A typical agent run. */
        AGENT_RUN(142, 500_000),
        /** A long run: the {@code limit} maximum of one call. */
        LARGE(1_000, 5_000_000),
        /** The largest body file mode accepts, just under 25 MiB. */
        FILE_MODE_MAX(10_000, 26_000_000);

        public final int spans;
        public final long targetBytes;

        Size(int spans, long targetBytes) {
            this.spans = spans;
            this.targetBytes = targetBytes;
        }

        public static Size ofSpans(int spans) {
            for (Size size : values()) {
                if (size.spans == spans) {
                    return size;
                }
            }
            throw new IllegalArgumentException("no benchmark trace of " + spans + " spans");
        }

        /** The body, with the benchmarks' fixed seed. */
        public byte[] body() {
            return generate(spans, targetBytes, 20261126L + spans);
        }

        /**
         * The same trace as the Query API would send it at another {@code trunc_len}: the spans and payload scale of
         * {@link #body()}, each payload written up to {@code truncLen} characters instead of
         * {@link #DEFAULT_MAX_PAYLOAD_CHARS}.
         */
        public byte[] body(int truncLen) {
            return rewrite(spans, targetBytes, 20261126L + spans, truncLen);
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final long T0 = 1_795_986_578_000_000_000L;
    private static final long MS = 1_000_000L;

    private SyntheticTrace() {
    }

    /** A body of exactly {@code spans} spans, within about 1% of {@code targetBytes}, and below {@link #FILE_MODE_CAP}. */
    public static byte[] generate(int spans, long targetBytes, long seed) {
        return generate(spans, targetBytes, seed, DEFAULT_MAX_PAYLOAD_CHARS);
    }

    public static byte[] generate(int spans, long targetBytes, long seed, int maxPayloadChars) {
        List<Plan> plan = new Planner(seed, spans).plan();
        return write(plan, scale(plan, targetBytes, maxPayloadChars), maxPayloadChars);
    }

    /** {@link #generate(int, long, long)}'s trace with its payloads written up to {@code maxPayloadChars} instead. */
    static byte[] rewrite(int spans, long targetBytes, long seed, int maxPayloadChars) {
        List<Plan> plan = new Planner(seed, spans).plan();
        return write(plan, scale(plan, targetBytes, DEFAULT_MAX_PAYLOAD_CHARS), maxPayloadChars);
    }

    /** The payload scale that makes the plan's body about {@code targetBytes} long, payloads cut at {@code maxPayloadChars}. */
    private static double scale(List<Plan> plan, long targetBytes, int maxPayloadChars) {
        byte[] floor = write(plan, 0, maxPayloadChars);
        if (floor.length >= targetBytes) {
            return 0;
        }
        double weights = 0;
        for (Plan span : plan) {
            weights += span.input.weight + span.output.weight;
        }
        // Payload bytes grow with the scale, about linearly until the per-payload cap bites: bracket the target,
        // then narrow the bracket by interpolation (Illinois false position), a handful of rounds.
        double low = 0;
        long lowBytes = floor.length;
        double high = (targetBytes - floor.length) / Math.max(1, weights);
        byte[] body = write(plan, high, maxPayloadChars);
        while (body.length < targetBytes) {
            if (high > 1e9) {
                throw new IllegalArgumentException(plan.size() + " spans cannot carry " + targetBytes + " bytes of "
                        + maxPayloadChars + "-character payloads; at most " + body.length);
            }
            low = high;
            lowBytes = body.length;
            high *= 2;
            body = write(plan, high, maxPayloadChars);
        }
        long highBytes = body.length;
        double scale = high;
        int side = 0;
        for (int round = 0; round < 40 && !closeEnough(body.length, targetBytes); round++) {
            scale = low + (high - low) * (targetBytes - lowBytes) / Math.max(1.0, highBytes - lowBytes);
            body = write(plan, scale, maxPayloadChars);
            if (body.length < targetBytes) {
                low = scale;
                lowBytes = body.length;
                highBytes = side == -1 ? (highBytes + targetBytes) / 2 : highBytes;
                side = -1;
            } else {
                high = scale;
                highBytes = body.length;
                lowBytes = side == 1 ? (lowBytes + targetBytes) / 2 : lowBytes;
                side = 1;
            }
        }
        if (body.length >= FILE_MODE_CAP && targetBytes < FILE_MODE_CAP) {
            throw new IllegalStateException("generated " + body.length + " bytes, over the file-mode cap");
        }
        return scale;
    }

    /**
     * The same run with every {@code every}-th span changed, as a run of the same feature differs from another: in
     * turn renamed, failed, given another output, or made slower by half a second.
     */
    public static byte[] withChanges(byte[] body, int every) {
        try {
            ObjectMapper json = new ObjectMapper();
            JsonNode root = json.readTree(body);
            ArrayNode spans = (ArrayNode) root.get("data");
            for (int i = every / 2, change = 0; i < spans.size(); i += every, change++) {
                ObjectNode span = (ObjectNode) spans.get(i);
                switch (change % 4) {
                    case 0 -> span.put("span_name", span.get("span_name").asText() + ".v2");
                    case 1 -> span.put("status", "ERROR");
                    case 2 -> span.put("output", "changed: " + span.path("output").asText(""));
                    default -> {
                        span.put("end_time_ns", span.get("end_time_ns").asLong() + 500 * MS);
                        span.put("duration_ns", span.get("duration_ns").asLong() + 500 * MS);
                    }
                }
            }
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean closeEnough(long bytes, long target) {
        return Math.abs(bytes - target) < target / 200;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The tree: names, kinds, timings, tokens, attributes and payload weights, independent of payload size.

    enum Kind {
        NONE, MESSAGES, PROSE, JSON_DOC, ERROR_TEXT, SQL, FLAGS
    }

    /** A payload to write: its kind, how much of the size budget it takes, and its own random stream. */
    record Payload(Kind kind, double weight, boolean asObject, long seed) {
        static final Payload NONE = new Payload(Kind.NONE, 0, false, 0);
    }

    static final class Plan {
        String traceId;
        String spanId;
        String parentId;
        String name;
        String type;
        String status = "OK";
        long startNs;
        long endNs;
        Long inputTokens;
        Long outputTokens;
        String model;
        String provider;
        final Map<String, Object> attributes = new LinkedHashMap<>();
        Payload input = Payload.NONE;
        Payload output = Payload.NONE;
    }

    private static final String[] MODELS = {"gpt-5", "gpt-5-mini", "claude-sonnet-4-5", "gemini-2.5-pro"};
    private static final String[] PROVIDERS = {"openai", "openai", "anthropic", "google"};
    private static final String[] TOOLS = {"lookup_customer", "get_order", "list_charges", "search_kb",
        "check_refund_status", "refund_order", "create_ticket", "send_email", "get_shipment", "update_address"};
    private static final String[] HOSTS = {"payments-api", "orders-api", "crm.internal", "kb-search", "mailer"};

    private static final class Planner {
        private final SplittableRandom random;
        private final int maxSpans;
        private final List<Plan> spans = new ArrayList<>();
        private final String traceId;
        private long clock = T0;
        private int payloads;
        private final long seed;

        Planner(long seed, int maxSpans) {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            this.maxSpans = maxSpans;
            this.traceId = hex(32);
        }

        List<Plan> plan() {
            Plan root = open(null, "support_agent.run", "INTERNAL");
            root.input = payload(Kind.PROSE, 0.3);
            root.output = payload(Kind.PROSE, 0.8);
            root.attributes.put("raindrop.event_id", "evt_" + hex(12));
            root.attributes.put("ai.telemetry.functionId", "support-agent");
            Plan guard = leaf(root, "guardrails.input_check", "INTERNAL", between(5, 60));
            guard.input = payload(Kind.PROSE, 0.2);
            guard.output = payload(Kind.FLAGS, 0);
            int step = 0;
            while (spans.size() < maxSpans) {
                agentStep(root, step++, 0);
            }
            List<Plan> kept = new ArrayList<>(spans.subList(0, maxSpans));
            long end = 0;
            for (Plan span : kept) {
                end = Math.max(end, span.endNs);
            }
            root.endNs = end + between(1, 30) * MS;
            return kept;
        }

        /** One turn of an agent loop: a generation, then its tool calls, now and then a retrieval or a sub-agent. */
        private void agentStep(Plan agent, int step, int depth) {
            if (random.nextInt(100) < 1) {
                Plan limited = generation(agent, step, depth);
                limited.status = "ERROR";
                limited.output = payload(Kind.ERROR_TEXT, 0.15);
                limited.outputTokens = null;
                limited.attributes.put("ai.response.finishReason", "error");
                pause(500, 2_000);
            }
            Plan llm = generation(agent, step, depth);
            boolean answers = random.nextInt(5) == 0;
            llm.attributes.put("ai.response.finishReason", answers ? "stop" : "tool-calls");
            if (random.nextInt(6) == 0) {
                Plan retrieval = open(agent, "retriever.search", "RETRIEVAL");
                retrieval.input = payload(Kind.PROSE, 0.05);
                retrieval.output = payload(Kind.JSON_DOC, 3.0);
                retrieval.provider = "pinecone";
                retrieval.attributes.put("db.system", "pinecone");
                retrieval.attributes.put("retrieval.top_k", 8);
                Plan embed = leaf(retrieval, "embeddings.create", "LLM_GENERATION", between(30, 120));
                embed.model = "text-embedding-3-small";
                embed.provider = "openai";
                embed.inputTokens = (long) between(8, 60);
                close(retrieval);
            }
            int calls = answers ? 0 : 1 + random.nextInt(3);
            for (int i = 0; i < calls; i++) {
                if (depth < 3 && random.nextInt(14) == 0) {
                    subAgent(agent, depth + 1);
                } else {
                    toolCall(agent, step);
                }
            }
        }

        private Plan generation(Plan parent, int step, int depth) {
            int m = depth == 0 ? random.nextInt(2) * 2 : 1 + random.nextInt(3);
            String model = MODELS[m];
            String provider = PROVIDERS[m];
            long input = 900 + step * 210L + random.nextInt(400);
            long output = 20 + random.nextInt(400);
            Plan llm = open(parent, "ai.streamText", "LLM_GENERATION_STREAM");
            llm.input = payload(Kind.MESSAGES, Math.min(12, 2.0 + step * 0.5));
            llm.output = payload(Kind.PROSE, 0.4 + random.nextDouble() * 1.2);
            setModel(llm, model, provider, input, output);
            llm.attributes.put("ai.operationId", "ai.streamText");
            llm.attributes.put("ai.settings.maxRetries", 2);
            llm.attributes.put("ai.telemetry.functionId", depth == 0 ? "support-agent" : "research-agent");
            pause(3, 12);
            Plan call = leaf(llm, "ai.streamText.doStream", "LLM_GENERATION", between(400, 1_500) + output * 12);
            setModel(call, model, provider, input, output);
            call.attributes.put("ai.operationId", "ai.streamText.doStream");
            call.attributes.put("ai.response.msToFirstChunk", between(180, 900));
            if (random.nextBoolean()) {
                // The Vercel AI SDK repeats the prompt and the text on its provider span.
                call.input = new Payload(Kind.MESSAGES, llm.input.weight, false, llm.input.seed);
                call.output = new Payload(Kind.PROSE, llm.output.weight, false, llm.output.seed);
            }
            close(llm);
            return llm;
        }

        private void setModel(Plan span, String model, String provider, long input, long output) {
            span.model = model;
            span.provider = provider;
            span.inputTokens = input;
            span.outputTokens = output;
            span.attributes.put("gen_ai.system", provider);
            span.attributes.put("gen_ai.request.model", model);
            span.attributes.put("gen_ai.usage.input_tokens", input);
            span.attributes.put("gen_ai.usage.output_tokens", output);
            span.attributes.put("gen_ai.request.temperature", 0.2);
        }

        private void toolCall(Plan parent, int step) {
            String tool = TOOLS[random.nextInt(TOOLS.length)];
            boolean fails = random.nextInt(100) < 4;
            Plan call = open(parent, tool, "TOOL_CALL");
            call.input = random.nextInt(50) == 0 ? new Payload(Kind.JSON_DOC, 0.15, true, nextSeed())
                    : payload(Kind.JSON_DOC, 0.15);
            call.output = fails ? payload(Kind.ERROR_TEXT, 0.6) : payload(Kind.JSON_DOC, 0.5 + random.nextDouble() * 2);
            call.status = fails ? "ERROR" : "OK";
            call.attributes.put("ai.toolCall.name", tool);
            call.attributes.put("ai.toolCall.id", "call_" + hex(20));
            call.attributes.put("agent.step", step);
            int children = random.nextInt(4);
            for (int i = 0; i < children; i++) {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        String host = HOSTS[random.nextInt(HOSTS.length)];
                        Plan http = leaf(call, "http.request POST " + host, "INTERNAL", between(20, 700));
                        http.attributes.put("http.method", "POST");
                        http.attributes.put("http.url", "https://" + host + ".acme.internal/v1/" + tool.replace('_', '/'));
                        http.attributes.put("http.status_code", fails && i == children - 1 ? 502 : 200);
                        http.attributes.put("net.peer.name", host + ".acme.internal");
                        if (fails && i == children - 1) {
                            http.status = "ERROR";
                        }
                        if (random.nextInt(3) == 0) {
                            // Some HTTP instrumentations record request and response bodies.
                            http.input = payload(Kind.JSON_DOC, 0.1);
                            http.output = payload(Kind.JSON_DOC, 1.0);
                        }
                    }
                    case 1 -> {
                        Plan db = leaf(call, "db.query SELECT", "INTERNAL", between(1, 40));
                        db.input = payload(Kind.SQL, 0);
                        db.attributes.put("db.system", "postgresql");
                        db.attributes.put("db.name", "billing");
                        db.attributes.put("db.rows", between(0, 40));
                    }
                    default -> {
                        Plan cache = leaf(call, "cache.get", "INTERNAL", between(0, 3));
                        cache.attributes.put("cache.hit", random.nextBoolean() ? "true" : "false");
                    }
                }
            }
            if (fails) {
                call.attributes.put("error.type", "UpstreamError");
            }
            close(call);
        }

        private void subAgent(Plan parent, int depth) {
            Plan delegate = open(parent, "agent.delegate research", "TOOL_CALL");
            delegate.input = payload(Kind.PROSE, 0.3);
            delegate.output = payload(Kind.PROSE, 1.2);
            delegate.attributes.put("ai.toolCall.name", "delegate_research");
            Plan agent = open(delegate, "research_agent.run", "INTERNAL");
            int steps = 1 + random.nextInt(3);
            for (int step = 0; step < steps && spans.size() < maxSpans; step++) {
                agentStep(agent, step, depth);
            }
            close(agent);
            close(delegate);
        }

        private Plan open(Plan parent, String name, String type) {
            Plan span = new Plan();
            span.traceId = traceId;
            span.spanId = hex(16);
            span.parentId = parent == null ? null : parent.spanId;
            span.name = name;
            span.type = type;
            span.startNs = clock;
            spans.add(span);
            pause(1, 8);
            return span;
        }

        private void close(Plan span) {
            pause(1, 6);
            span.endNs = clock;
        }

        private Plan leaf(Plan parent, String name, String type, long durationMs) {
            Plan span = open(parent, name, type);
            clock += durationMs * MS + random.nextInt(1_000_000);
            close(span);
            return span;
        }

        private Payload payload(Kind kind, double weight) {
            return new Payload(kind, weight, false, nextSeed());
        }

        private long nextSeed() {
            return seed * 0x9E3779B97F4A7C15L + (++payloads) * 0xBF58476D1CE4E5B9L;
        }

        private void pause(int minMs, int maxMs) {
            clock += between(minMs, maxMs) * MS + random.nextInt(1_000_000);
        }

        private long between(int min, int max) {
            return min + random.nextInt(max - min + 1);
        }

        private String hex(int digits) {
            StringBuilder hex = new StringBuilder(digits);
            for (int i = 0; i < digits; i++) {
                hex.append(Character.forDigit(random.nextInt(16), 16));
            }
            return hex.toString();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The body.

    private static byte[] write(List<Plan> plan, double scale, int maxChars) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("data");
            for (Plan span : plan) {
                json.writeStartObject();
                json.writeStringField("trace_id", span.traceId);
                json.writeStringField("span_id", span.spanId);
                json.writeStringField("parent_span_id", span.parentId);
                json.writeStringField("span_name", span.name);
                json.writeStringField("span_type", span.type);
                json.writeStringField("status", span.status);
                json.writeNumberField("start_time_ns", span.startNs);
                json.writeNumberField("end_time_ns", span.endNs);
                json.writeNumberField("duration_ns", span.endNs - span.startNs);
                writePayload(json, "input", span.input, scale, maxChars);
                writePayload(json, "output", span.output, scale, maxChars);
                writeNumber(json, "input_tokens", span.inputTokens);
                writeNumber(json, "output_tokens", span.outputTokens);
                json.writeStringField("model", span.model);
                json.writeStringField("provider", span.provider);
                json.writeObjectFieldStart("attributes");
                for (Map.Entry<String, Object> attribute : span.attributes.entrySet()) {
                    Object value = attribute.getValue();
                    if (value instanceof String s) {
                        json.writeStringField(attribute.getKey(), s);
                    } else if (value instanceof Double d) {
                        json.writeNumberField(attribute.getKey(), d);
                    } else {
                        json.writeNumberField(attribute.getKey(), ((Number) value).longValue());
                    }
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeNumber(JsonGenerator json, String field, Long value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }

    private static void writePayload(JsonGenerator json, String field, Payload payload, double scale, int maxChars)
            throws IOException {
        if (payload.kind == Kind.NONE) {
            json.writeNullField(field);
            return;
        }
        int length = (int) Math.min(maxChars, Math.round(payload.weight * scale));
        String text = Texts.of(payload.kind, Math.max(length, 40), new SplittableRandom(payload.seed));
        if (payload.asObject) {
            json.writeFieldName(field);
            json.writeRawValue(text);
        } else {
            json.writeStringField(field, text);
        }
    }

    /** Payload texts of about a given length (JSON documents end at a whole value, so they may pass it a little). */
    static final class Texts {

        private static final String[] WORDS = ("the customer order charge refund invoice was twice account payment "
                + "card shipping address because we and to of in for on with is it that this please check status "
                + "duplicate capture amount currency EUR total subscription plan monthly annual cancel renewal "
                + "billing cycle receipt tax VAT discount coupon balance pending succeeded failed retry gateway "
                + "timeout ticket escalate agent policy within days business support response customer's "
                + "café naïve Zürich müssen größer façade déjà-vu 東京 注文 返金 🙂 ✓").split(" ");
        private static final String SYSTEM = "You are Billie, the billing assistant of Acme Shop. Answer in the "
                + "customer's language, briefly and precisely. Never promise a refund before refund_order succeeds. "
                + "Use the tools to look up customers, orders and charges; escalate with create_ticket when a tool "
                + "fails twice.\n\n## Policies\n- Refunds within 30 days.\n- Duplicate captures are refunded at once.\n";

        private Texts() {
        }

        static String of(Kind kind, int length, SplittableRandom random) {
            StringBuilder text = new StringBuilder(length + 64);
            switch (kind) {
                case MESSAGES -> messages(text, length, random);
                case JSON_DOC -> document(text, length, random);
                case ERROR_TEXT -> error(text, length, random);
                case SQL -> text.append("SELECT id, amount, currency, status, created_at FROM charges WHERE customer_id = $1 "
                        + "AND order_id = $2 ORDER BY created_at DESC LIMIT 50");
                case FLAGS -> text.append("{\"flagged\":false,\"categories\":{\"pii\":0.01,\"abuse\":0.0}}");
                default -> {
                    prose(text, length, random);
                    cut(text, length);
                }
            }
            return text.toString();
        }

        private static void prose(StringBuilder text, int length, SplittableRandom random) {
            int sentence = 0;
            while (text.length() < length) {
                int words = 6 + random.nextInt(14);
                for (int i = 0; i < words; i++) {
                    String word = WORDS[random.nextInt(WORDS.length)];
                    if (i == 0) {
                        text.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
                    } else if (random.nextInt(30) == 0) {
                        text.append('`').append(word).append('`');
                    } else if (random.nextInt(40) == 0) {
                        text.append('"').append(word).append('"');
                    } else {
                        text.append(word);
                    }
                    text.append(i == words - 1 ? "" : random.nextInt(12) == 0 ? ", " : " ");
                }
                text.append(random.nextInt(8) == 0 ? "?" : ".");
                sentence++;
                text.append(sentence % 4 == 0 ? "\n\n" : random.nextInt(10) == 0 ? "\n- " : " ");
            }
        }

        private static void messages(StringBuilder text, int length, SplittableRandom random) {
            text.append("[{\"role\":\"system\",\"content\":");
            quote(text, SYSTEM);
            String[] roles = {"user", "assistant", "tool"};
            int turn = 0;
            while (text.length() < length) {
                String role = roles[turn++ % roles.length];
                StringBuilder content = new StringBuilder();
                if (role.equals("tool")) {
                    document(content, 150 + random.nextInt(600), random);
                } else {
                    prose(content, 60 + random.nextInt(role.equals("user") ? 300 : 900), random);
                }
                cut(content, Math.max(1, length - text.length() - 30));
                text.append("},{\"role\":\"").append(role).append("\",\"content\":");
                quote(text, content);
            }
            text.append("}]");
        }

        private static void document(StringBuilder text, int length, SplittableRandom random) {
            text.append("{\"order_id\":\"ord_").append(1000 + random.nextInt(9000)).append("\",\"customer\":{\"id\":\"cus_")
                    .append(random.nextInt(100_000)).append("\",\"name\":\"Zoë Müller\",\"country\":\"DE\"},\"items\":[");
            int item = 0;
            while (text.length() < length - 2) {
                text.append(item++ == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(random.nextInt(100_000))
                        .append("\",\"title\":");
                StringBuilder title = new StringBuilder();
                prose(title, 20 + random.nextInt(80), random);
                cut(title, 20 + random.nextInt(80));
                quote(text, title);
                text.append(",\"qty\":").append(1 + random.nextInt(4)).append(",\"price\":")
                        .append(random.nextInt(200)).append('.').append(10 + random.nextInt(90))
                        .append(",\"status\":\"").append(random.nextBoolean() ? "succeeded" : "pending").append("\"}");
            }
            text.append("]}");
        }

        private static void error(StringBuilder text, int length, SplittableRandom random) {
            text.append("PaymentsApiError: 502 Bad Gateway from payments-api (POST /v1/refunds, request req_")
                    .append(Long.toHexString(random.nextLong())).append(")\n");
            String[] frames = {"com.acme.payments.Client.post(Client.java:", "com.acme.billing.RefundTool.run(RefundTool.java:",
                "ai.agent.ToolExecutor.execute(ToolExecutor.java:", "java.base/java.util.concurrent.FutureTask.run(FutureTask.java:"};
            while (text.length() < length) {
                text.append("\tat ").append(frames[random.nextInt(frames.length)]).append(10 + random.nextInt(400))
                        .append(")\n");
            }
            cut(text, length);
        }

        private static void quote(StringBuilder text, CharSequence value) {
            text.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> text.append("\\\"");
                    case '\\' -> text.append("\\\\");
                    case '\n' -> text.append("\\n");
                    case '\t' -> text.append("\\t");
                    default -> text.append(c);
                }
            }
            text.append('"');
        }

        /** Cuts to at most {@code length} characters, never between the halves of a surrogate pair. */
        private static void cut(StringBuilder text, int length) {
            if (text.length() > length) {
                int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
                text.setLength(end);
            }
        }
    }
}
