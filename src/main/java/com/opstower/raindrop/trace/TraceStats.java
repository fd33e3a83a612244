package com.opstower.raindrop.trace;

import com.opstower.raindrop.tool.ToolFailure;
import java.io.InputStream;

/** What file mode reports about a raw trace without reading its spans into objects. */
public final class TraceStats {

    private TraceStats() {
    }

    /**
     * The number of spans (elements of the top-level {@code data} array), counted over the token stream: each
     * span is skipped whole, so a body of many megabytes is checked in one pass with constant memory.
     *
     * @throws ToolFailure {@code UPSTREAM_BAD_RESPONSE} on the same bodies {@link TraceParser#parse} rejects as
     *         not JSON or without a {@code data} array of objects
     */
    public static int countSpans(byte[] body) {
        return TraceBody.forEachSpan(body, (parser, index) -> parser.skipChildren());
    }

    /** The same count over a stream, read to its end and closed: a body held in pieces needs no joined copy. */
    public static int countSpans(InputStream body) {
        return TraceBody.forEachSpan(body, (parser, index) -> parser.skipChildren());
    }
}
