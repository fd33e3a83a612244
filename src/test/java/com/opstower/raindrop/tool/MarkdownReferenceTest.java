package com.opstower.raindrop.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass preview and the integer duration format against the plain definitions they replace. */
class MarkdownReferenceTest {

    private static final char[] ALPHABET = {'a', 'b', 'Z', '7', '`', '"', ' ', ' ', ' ', '\t', '\n', '\r', '\u000B',
        '\u001C', '\u001F', '\u007F', '\u0085', '\u00A0', '\u1680', '\u2007', '\u2028', '\u202F', '\u3000', '\uFEFF',
        'é', '東', '\uD83D', '\uDE00'};

    @Test
    void previewMatchesCollapseThenCutForEveryCharacter() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String text = "a" + (char) c + (char) c + "b" + (char) c;
            for (int max = 0; max <= 6; max++) {
                assertEquals(referencePreview(text, max), Markdown.preview(text, max), "U+" + Integer.toHexString(c));
            }
            assertEquals(referenceCollapse(text), Markdown.collapseWhitespace(text));
        }
    }

    @Test
    void previewMatchesCollapseThenCutOnRandomTexts() {
        Random random = new Random(42);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            int max = random.nextInt(45);
            assertEquals(referencePreview(text.toString(), max), Markdown.preview(text.toString(), max), text.toString());
            assertEquals(referenceCollapse(text.toString()), Markdown.collapseWhitespace(text.toString()));
        }
        assertEquals(referencePreview(null, 5), Markdown.preview(null, 5));
    }

    @Test
    void durationsRoundHalfUpAsTheFormatterDid() {
        long[] units = {1_000L, 1_000_000L, 10_000_000L};
        for (long unit : units) {
            for (long k = 0; k < 20_000; k++) {
                for (long delta = -1; delta <= 1; delta++) {
                    long nanos = k * unit + unit / 2 + delta;
                    if (nanos >= 0) {
                        assertEquals(referenceDuration(Duration.ofNanos(nanos)), Markdown.duration(Duration.ofNanos(nanos)));
                    }
                }
            }
        }
        Random random = new Random(7);
        for (int n = 0; n < 200_000; n++) {
            long nanos = (long) Math.pow(10, random.nextDouble() * 15);
            assertEquals(referenceDuration(Duration.ofNanos(nanos)), Markdown.duration(Duration.ofNanos(nanos)));
        }
        assertEquals("negative duration", Markdown.duration(Duration.ofNanos(-1)));
    }

    private static Markdown.Preview referencePreview(String text, int max) {
        String collapsed = referenceCollapse(text == null ? "" : text);
        if (collapsed.length() <= max) {
            return new Markdown.Preview(collapsed, 0);
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(collapsed.charAt(end - 1))) {
            end--;
        }
        String shown = collapsed.substring(0, end).stripTrailing();
        return new Markdown.Preview(shown, collapsed.length() - shown.length());
    }

    private static String referenceCollapse(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String referenceDuration(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 0) {
            return "negative duration";
        }
        if (nanos < 1_000_000) {
            return nanos < 1_000 ? nanos + " ns" : String.format(Locale.ROOT, "%.0f µs", nanos / 1_000.0);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.0f ms", nanos / 1_000_000.0);
        }
        if (nanos < 60_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1_000_000_000.0);
        }
        long seconds = d.toSeconds();
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
