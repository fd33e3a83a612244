package com.opstower.raindrop.trace.read;

import com.opstower.raindrop.tool.Markdown.Preview;

/**
 * One span as {@link TraceReader} hands it on: the metadata of a {@code /v1/traces} span and its payloads as
 * previews, null for a payload the span does not have. Times are nanoseconds since the epoch; 0 means the upstream
 * sent none.
 */
public record TraceSpan(String traceId, String spanId, String parentSpanId, String spanName, String spanType, String status,
        long startTimeNs, long endTimeNs, long durationNs, Long inputTokens, Long outputTokens, String model,
        String provider, Preview input, Preview output) {
}
