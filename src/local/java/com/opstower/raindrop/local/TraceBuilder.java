package com.opstower.raindrop.local;

import com.opstower.raindrop.local.SampleModel.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays one trace's spans out on a clock, the way an agent run unfolds: a parent opens, its children run one after
 * the other, then it closes; a leaf takes its duration and moves the clock on. Parents therefore always enclose
 * their children, and siblings overlap only when laid out with {@link #parallel}.
 */
final class TraceBuilder {

    static final String INTERNAL = "INTERNAL";
    static final String LLM_GENERATION = "LLM_GENERATION";
    static final String LLM_GENERATION_STREAM = "LLM_GENERATION_STREAM";
    static final String TOOL_CALL = "TOOL_CALL";
    static final String OK = "OK";
    static final String ERROR = "ERROR";
    static final String UNSET = "UNSET";

    private static final long MILLIS = 1_000_000L;
    private static final long MICROS = 1_000L;

    private final SampleRandom random;
    private final String traceId;
    private final List<Draft> drafts = new ArrayList<>();
    private long clockNs;

    TraceBuilder(SampleRandom random, long startNs) {
        this.random = random;
        this.traceId = random.hex(32);
        this.clockNs = startNs;
    }

    /** A span that stays open, at the current time, until {@link #close}. */
    Draft open(Draft parent, String name, String type) {
        Draft draft = new Draft(parent, name, type, clockNs);
        drafts.add(draft);
        pause(1, 15);
        return draft;
    }

    /** Ends a span opened with {@link #open} at the current time. */
    void close(Draft span) {
        pause(1, 10);
        span.endNs = clockNs;
    }

    /** A span without children that lasts {@code durationMs} from now. */
    Draft leaf(Draft parent, String name, String type, long durationMs) {
        Draft draft = new Draft(parent, name, type, clockNs);
        drafts.add(draft);
        clockNs += durationMs * MILLIS + random.between(0, 999) * 1000;
        draft.endNs = clockNs;
        pause(1, 20);
        return draft;
    }

    /**
     * A quick span of instrumentation (a cache read, a flag evaluation, a query) that lasts {@code micros}
     * microseconds, followed by a gap of a few more: unlike {@link #leaf}, without a pause of milliseconds.
     */
    Draft quick(Draft parent, String name, long micros) {
        Draft draft = new Draft(parent, name, INTERNAL, clockNs);
        drafts.add(draft);
        clockNs += micros * MICROS + random.between(0, 99);
        draft.endNs = clockNs;
        clockNs += random.between(5, 60) * MICROS;
        return draft.status(UNSET);
    }

    /**
     * Branches that run at the same time, as parallel tool calls do: each starts at the current time, and the clock
     * moves on to the end of the longest.
     */
    void parallel(List<Runnable> branches) {
        long start = clockNs;
        long end = start;
        for (Runnable branch : branches) {
            clockNs = start + random.between(0, 3) * MILLIS;
            branch.run();
            end = Math.max(end, clockNs);
        }
        clockNs = end;
    }

    /** The trace's source of chance, for layouts that vary durations or ids the way real runs do. */
    SampleRandom random() {
        return random;
    }

    /** One model call; it lasts roughly as long as the model takes to write {@code output}. */
    Draft generation(Draft parent, LlmModel model, boolean streamed, String input, String output) {
        return generation(parent, model.spanName(streamed), model, streamed, input, output);
    }

    Draft generation(Draft parent, String spanName, LlmModel model, boolean streamed, String input, String output) {
        long outputTokens = tokens(output);
        Draft span = leaf(parent, spanName, streamed ? LLM_GENERATION_STREAM : LLM_GENERATION,
                random.between(350, 900) + outputTokens * 12);
        return span.generation(model, streamed, input, output);
    }

    /** One tool call; a failing one usually takes longer, as timeouts and gateway errors do. */
    Draft toolCall(Draft parent, String tool, String input, String output, boolean fails) {
        long durationMs = fails ? random.between(1200, 3200) : random.between(40, 900);
        return describeTool(leaf(parent, tool, TOOL_CALL, durationMs), tool, input, output).status(fails ? ERROR : OK);
    }

    /** A tool call with spans of its own (an HTTP request, say), closed with {@link #close}. */
    Draft openToolCall(Draft parent, String tool, String input, String output) {
        return describeTool(open(parent, tool, TOOL_CALL), tool, input, output);
    }

    private Draft describeTool(Draft span, String tool, String input, String output) {
        return span.payload(input, output).attribute("ai.toolCall.name", tool).attribute("ai.toolCall.id", "call_" + random.hex(12));
    }

    /** Time passing between spans: the agent's own work, queueing, network. */
    void pause(long minMs, long maxMs) {
        clockNs += random.between(minMs, maxMs) * MILLIS;
    }

    /** The spans as {@code /v1/traces} lists them: by start time. */
    List<Span> build() {
        return drafts.stream().sorted(Comparator.comparingLong(d -> d.startNs)).map(Draft::toSpan).toList();
    }

    /** Rough token count of a text, about four characters each. */
    static long tokens(String text) {
        return Math.max(1, text.length() / 4);
    }

    /** A span being laid out; its fields stay open to the builder until {@link #build()}. */
    final class Draft {
        private final String spanId = random.hex(16);
        private final String parentSpanId;
        private final String name;
        private final String type;
        private final long startNs;
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private long endNs;
        private String status = OK;
        private String input;
        private String output;
        private Long inputTokens;
        private Long outputTokens;
        private LlmModel model;

        private Draft(Draft parent, String name, String type, long startNs) {
            this.parentSpanId = parent == null ? null : parent.spanId;
            this.name = name;
            this.type = type;
            this.startNs = startNs;
        }

        Draft status(String value) {
            this.status = value;
            return this;
        }

        Draft payload(String in, String out) {
            this.input = in;
            this.output = out;
            return this;
        }

        Draft attribute(String key, Object value) {
            attributes.put(key, value);
            return this;
        }

        Draft generation(LlmModel generatedBy, boolean streamed, String in, String out) {
            model(generatedBy, in, out);
            attributes.putAll(generatedBy.attributes(streamed, inputTokens, outputTokens));
            return this;
        }

        /** A model call's model, payloads and token counts, with the attributes left to the caller's instrumentation. */
        Draft model(LlmModel generatedBy, String in, String out) {
            this.model = generatedBy;
            this.inputTokens = tokens(in);
            this.outputTokens = tokens(out);
            return payload(in, out);
        }

        /** A model call that failed before the model answered: its model and request, the error, no usage. */
        Draft failedCall(LlmModel calledModel, String in, String error) {
            this.model = calledModel;
            return payload(in, error).status(ERROR);
        }

        long inputTokens() {
            return inputTokens;
        }

        long outputTokens() {
            return outputTokens;
        }

        private Span toSpan() {
            return new Span(traceId, spanId, parentSpanId, name, type, status, startNs, endNs, endNs - startNs, input,
                    output, inputTokens, outputTokens, model == null ? null : model.id(),
                    model == null ? null : model.provider(), Map.copyOf(attributes));
        }
    }
}
