package com.opstower.raindrop.trace.compare;

import com.opstower.raindrop.trace.focus.SpanSearch;
import com.opstower.raindrop.trace.read.TraceReader;

/**
 * Holds the input and output of the span being read while the reader meets them, for the comparison to keep those of
 * LLM and tool calls once the span is read and its type known; passes every text on to a search when there is one.
 * The held characters are copied into buffers that grow as needed and serve every span. Stateful, for one read:
 * {@link #take} after each span.
 */
final class CallPayloads implements TraceReader.TextVisitor {

    /** A span's payloads as kept; null for one it does not have. */
    record Kept(PayloadText input, PayloadText output) {
    }

    private final SpanSearch search;
    private final Held input = new Held();
    private final Held output = new Held();

    /** @param search the focus' search, or null */
    CallPayloads(SpanSearch search) {
        this.search = search;
    }

    @Override
    public void text(String field, String key, char[] chars, int offset, int length) {
        if (search != null) {
            search.text(field, key, chars, offset, length);
        }
        if (key == null && "input".equals(field)) {
            input.hold(chars, offset, length);
        } else if (key == null && "output".equals(field)) {
            output.hold(chars, offset, length);
        }
    }

    /** The payloads of the span just read when {@code keep}, else null; the next span starts afresh. */
    Kept take(boolean keep) {
        Kept kept = keep ? new Kept(input.text(), output.text()) : null;
        input.length = -1;
        output.length = -1;
        return kept;
    }

    private static final class Held {
        private char[] chars = new char[256];
        /** -1 when the span has no such payload. */
        private int length = -1;

        void hold(char[] source, int offset, int length) {
            if (chars.length < length) {
                chars = new char[Math.max(length, 2 * chars.length)];
            }
            System.arraycopy(source, offset, chars, 0, length);
            this.length = length;
        }

        PayloadText text() {
            return length < 0 ? null : PayloadText.of(chars, length);
        }
    }
}
