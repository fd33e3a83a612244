package com.opstower.raindrop.trace.time;

import com.opstower.raindrop.trace.focus.SpanSearch;
import com.opstower.raindrop.trace.read.TraceReader;

/**
 * Reads a span's time to first token from its attributes while the reader meets them, and passes every text on to a
 * search when there is one. Recognised, by key: the Vercel AI SDK's {@code ai.response.msToFirstChunk} and the older
 * {@code ai.stream.msToFirstChunk} (milliseconds), and OpenTelemetry GenAI's {@code gen_ai.response.time_to_first_chunk}
 * (seconds). Stateful, for one read: {@link #take()} after each span.
 */
final class FirstTokenReader implements TraceReader.TextVisitor {

    /** The attribute keys read, in milliseconds or seconds. */
    static final String VERCEL = "ai.response.msToFirstChunk";
    static final String VERCEL_BEFORE_4 = "ai.stream.msToFirstChunk";
    static final String OTEL = "gen_ai.response.time_to_first_chunk";

    private final SpanSearch search;
    private long firstTokenNs = -1;
    /** The key of the first time to first token read in the trace, to name where the figures come from. */
    private String source;

    /** @param search the focus' search, or null */
    FirstTokenReader(SpanSearch search) {
        this.search = search;
    }

    @Override
    public void text(String field, String key, char[] chars, int offset, int length) {
        if (search != null) {
            search.text(field, key, chars, offset, length);
        }
        if (key == null || !"attributes".equals(field) || length > 32) {
            return;
        }
        double nanosPerUnit = VERCEL.equals(key) || VERCEL_BEFORE_4.equals(key) ? 1e6 : OTEL.equals(key) ? 1e9 : 0;
        if (nanosPerUnit == 0) {
            return;
        }
        try {
            double value = Double.parseDouble(new String(chars, offset, length).strip());
            if (value >= 0 && Double.isFinite(value)) {
                firstTokenNs = Math.round(value * nanosPerUnit);
                source = source == null ? key : source;
            }
        } catch (NumberFormatException notANumber) {
            // Shown as sent elsewhere; no time to first token for this span.
        }
    }

    /** The time to first token of the span just read, -1 for none; the next span starts afresh. */
    long take() {
        long taken = firstTokenNs;
        firstTokenNs = -1;
        return taken;
    }

    /** The attribute the trace's first time to first token was read from; null when none was. */
    String source() {
        return source;
    }
}
