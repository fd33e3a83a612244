package com.opstower.raindrop.tool;

import com.opstower.raindrop.tool.Markdown.Preview;
import java.io.Writer;

/**
 * {@link Markdown#preview(String, int)} of text that arrives in pieces, such as a JSON string a parser hands over
 * straight from its buffers: the whole text is never held, only the part of the preview that is shown. Write the
 * text, in as many pieces as it comes, then take {@link #preview()}.
 */
public final class PreviewWriter extends Writer {

    private final int max;
    /** The first {@code max} characters of the collapsed text, as far as they are known. */
    private char[] shown;
    private int collapsedLength;
    private boolean space;

    public PreviewWriter(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, was " + max);
        }
        this.max = max;
        this.shown = new char[Math.min(max, 256)];
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        int i = offset;
        int end = offset + length;
        // While the preview is being filled: collapse and keep.
        for (; i < end && collapsedLength < max; i++) {
            char c = chars[i];
            if (Markdown.collapses(c)) {
                space = collapsedLength > 0;
            } else {
                if (space) {
                    keep(' ');
                    space = false;
                }
                if (collapsedLength < max) {
                    keep(c);
                } else {
                    collapsedLength++;
                }
            }
        }
        // Past it, content has been seen (unless the preview is empty): only count. The collapsed length grows by
        // the characters that do not collapse, plus one space for each run of collapsing ones that content follows.
        if (i < end && collapsedLength == 0) {
            while (i < end && Markdown.collapses(chars[i])) {
                i++;
            }
            if (i == end) {
                return;
            }
            space = false;
        }
        int from = i;
        int collapsing = 0;
        int runs = 0;
        boolean before = space;
        for (; i < end; i++) {
            char c = chars[i];
            // The test most characters take is the first: printable ASCII.
            boolean collapses = c <= ' ' || c >= 0x7f && Markdown.collapses(c);
            if (collapses) {
                collapsing++;
                if (!before) {
                    runs++;
                }
            }
            before = collapses;
        }
        collapsedLength += (end - from) - collapsing + runs + (space ? 1 : 0) - (before ? 1 : 0);
        space = before;
    }

    private void keep(char c) {
        if (collapsedLength == shown.length) {
            shown = java.util.Arrays.copyOf(shown, Math.min(max, shown.length * 2));
        }
        shown[collapsedLength++] = c;
    }

    @Override
    public void write(String text, int offset, int length) {
        char[] piece = new char[Math.min(length, 4096)];
        for (int at = offset; at < offset + length; at += piece.length) {
            int n = Math.min(piece.length, offset + length - at);
            text.getChars(at, at + n, piece, 0);
            write(piece, 0, n);
        }
    }

    /** Forgets everything written, to preview another text with the same bound. */
    public PreviewWriter reset() {
        collapsedLength = 0;
        space = false;
        return this;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** The preview of everything written so far, exactly as {@link Markdown#preview(String, int)} has it. */
    public Preview preview() {
        if (collapsedLength <= max) {
            return new Preview(new String(shown, 0, collapsedLength), 0);
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(shown[end - 1])) {
            end--;
        }
        // Collapsed text holds no whitespace but single spaces: stripping its end drops at most one.
        if (end > 0 && shown[end - 1] == ' ') {
            end--;
        }
        return new Preview(new String(shown, 0, end), collapsedLength - end);
    }
}
