package com.opstower.raindrop.trace.read;

import com.opstower.raindrop.tool.Markdown;

/**
 * How a span is classified and timed. Span types and statuses are open enumerations and instrumentations vary
 * in case, so comparisons ignore case; a time of 0 means the upstream sent none.
 */
public final class SpanFacts {

    private SpanFacts() {
    }

    public static boolean isError(TraceSpan span) {
        return isErrorStatus(span.status());
    }

    static boolean isErrorStatus(String status) {
        return "ERROR".equalsIgnoreCase(status);
    }

    /**
     * A span of type {@code LLM_GENERATION}, {@code LLM_GENERATION_STREAM} or any later {@code LLM_*} type, or any span
     * that names a model or counts tokens: instrumentations do not all type their model calls.
     */
    public static boolean isLlmCall(TraceSpan span) {
        String type = span.spanType();
        return type != null && type.regionMatches(true, 0, "LLM_", 0, 4)
                || span.model() != null || span.inputTokens() != null || span.outputTokens() != null;
    }

    public static boolean isToolCall(TraceSpan span) {
        return "TOOL_CALL".equalsIgnoreCase(span.spanType());
    }

    static boolean isRetrieval(TraceSpan span) {
        return "RETRIEVAL".equalsIgnoreCase(span.spanType());
    }

    /**
     * The span's model with its provider as one label, {@code gpt-5 (openai)}; {@code provider openai} when it names
     * only a provider; null when it names neither.
     */
    public static String modelLabel(TraceSpan span) {
        String model = Markdown.label(span.model(), null);
        String provider = Markdown.label(span.provider(), null);
        if (model == null) {
            return provider == null ? null : "provider " + provider;
        }
        return provider == null ? model : model + " (" + provider + ")";
    }

    /** {@code duration_ns}, else end minus start (negative under clock skew), else null when neither is known. */
    public static Long durationNs(TraceSpan span) {
        if (span.durationNs() > 0) {
            return span.durationNs();
        }
        if (span.startTimeNs() > 0 && span.endTimeNs() > 0) {
            return span.endTimeNs() - span.startTimeNs();
        }
        return null;
    }

    /** The latest instant the span is known to reach: its end, else start plus duration; 0 when unknown. */
    public static long endNs(TraceSpan span) {
        if (span.endTimeNs() > 0) {
            return span.endTimeNs();
        }
        return span.startTimeNs() > 0 && span.durationNs() > 0 ? span.startTimeNs() + span.durationNs() : 0;
    }
}
