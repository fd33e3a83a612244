package com.opstower.raindrop.trace.read;

/**
 * One span as {@link TraceReader} hands it on: the metadata of a {@code /v1/traces} span and its payloads as
 * previews with their lengths and places in the body, null for a payload the span does not have. Times are nanoseconds since the epoch; 0 means the upstream
 * sent none.
 *
 * @param errorReason for a span in ERROR, why it failed as its attributes say it, one short label
 *        ({@code HTTP 503}); else, or when no attribute says, null
 * @param attributes where the span's attributes object lies in the body; null when it has none
 */
public record TraceSpan(String traceId, String spanId, String parentSpanId, String spanName, String spanType, String status,
        long startTimeNs, long endTimeNs, long durationNs, Long inputTokens, Long outputTokens, String model,
        String provider, SpanPayload input, SpanPayload output, String errorReason,
        BodyRange attributes) {
}
