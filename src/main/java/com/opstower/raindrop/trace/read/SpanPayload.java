package com.opstower.raindrop.trace.read;

import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.Markdown.Preview;

/**
 * A span's input or output as {@link TraceReader} hands it on: its start on one line, its length, and where it lies in
 * the body, so that a consumer reads it whole ({@link TraceReader#readPayload}) only once it knows it wants to: a
 * payload parsed as chat messages, compared with another, shown in full.
 *
 * @param head the start of the text, whitespace runs collapsed to one space, at most the preview length asked for
 * @param clipped whether the text goes on past its head
 * @param length characters of the payload: of its text for a string, of its JSON text otherwise
 * @param from the offset in the body of the payload's first byte (a string's opening quote)
 * @param to the offset in the body just past its last byte
 */
public record SpanPayload(String head, boolean clipped, int length, long from, long to) {

    /**
     * The payload whose characters are {@code chars[offset, offset + length)}. The head is made from the first few
     * hundred characters, and from the rest only when those collapse to less than a head: a payload's length is known
     * without counting it.
     */
    static SpanPayload of(char[] chars, int offset, int length, int previewLength, long from, long to) {
        int scanned = Math.min(length, 4 * previewLength + 64);
        Preview head = Markdown.preview(chars, offset, scanned, previewLength);
        if (!head.clipped() && scanned < length) {
            head = Markdown.preview(chars, offset, length, previewLength);
        }
        return new SpanPayload(head.text(), head.clipped(), length, from, to);
    }
}
