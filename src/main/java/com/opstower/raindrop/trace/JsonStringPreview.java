package com.opstower.raindrop.trace;

import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.Markdown.Preview;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@link Markdown#preview(String, int)} of a JSON string read straight from the UTF-8 bytes of the body, in one pass
 * that builds only the shown part and counts the rest: a payload of thousands of characters costs one look at each
 * byte and is never decoded into a string. The parser still passes over the string on its next token, which checks
 * it as decoding would.
 *
 * <p>Decodes exactly as Jackson's parser does (escapes, UTF-8 sequences, surrogate pairs from four-byte ones). A
 * string it would not decode plainly (an invalid escape or byte, a control character, a UTF-8 encoded surrogate, a
 * string longer than {@link #LONGEST} bytes or cut off by the end of the body) gets no preview here: the caller then
 * has the parser decode it, which reports whatever is wrong exactly as it always has.
 */
final class JsonStringPreview {

    /** Longer strings are left to the parser, which also enforces its own length constraint on them. */
    static final int LONGEST = 1 << 20;

    private final int max;
    private char[] shown;
    private int collapsedLength;
    private boolean space;
    /** Where the last string scanned ends: the position after its closing quote. */
    private int after;

    JsonStringPreview(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.max = max;
        this.shown = new char[Math.min(max, 1 << 16)];
    }

    /**
     * The preview of the JSON string whose opening quote is at {@code quote}, or null when the parser should decode
     * it instead.
     */
    Preview scan(byte[] body, int quote) {
        if (quote < 0 || quote >= body.length || body[quote] != '"') {
            return null;
        }
        collapsedLength = 0;
        space = false;
        int end = (int) Math.min(body.length, (long) quote + 1 + LONGEST);
        int i = quote + 1;
        // The shown part: decode, collapse and keep, character by character.
        while (collapsedLength < max) {
            if (i >= end) {
                return null;
            }
            int b = body[i];
            if (b > 0x20 && b != '"' && b != '\\' && b != 0x7f) {
                // Printable ASCII: content, the most common case by far.
                if (space) {
                    keep(' ');
                    space = false;
                }
                if (collapsedLength < max) {
                    keep((char) b);
                } else {
                    collapsedLength++;
                }
                i++;
            } else if (b == ' ' || b == 0x7f) {
                space = collapsedLength > 0;
                i++;
            } else if (b == '"') {
                after = i + 1;
                return preview();
            } else if (b == '\\') {
                int c = escaped(body, i, end);
                if (c < 0) {
                    return null;
                }
                accept((char) c);
                i += c >= 0x10000 ? 6 : 2;
            } else if (b >= 0) {
                return null;
            } else {
                int sequence = utf8(body, i, end);
                if (sequence < 0) {
                    return null;
                }
                int c = sequence & 0xffffff;
                int length = sequence >>> 24;
                if (length == 4) {
                    accept((char) (0xD800 | (c >> 10)));
                    accept((char) (0xDC00 | (c & 0x3FF)));
                } else {
                    accept((char) c);
                }
                i += length;
            }
        }
        return count(body, i, end) ? preview() : null;
    }

    /** Byte classes of ASCII: content, collapsing (space, DEL), or special (quote, backslash, control character). */
    private static final byte CONTENT = 0;
    private static final byte COLLAPSING = 1;
    private static final byte SPECIAL = 2;
    private static final byte[] ASCII = new byte[128];

    static {
        for (int b = 0; b < 0x20; b++) {
            ASCII[b] = SPECIAL;
        }
        ASCII['"'] = SPECIAL;
        ASCII['\\'] = SPECIAL;
        ASCII[' '] = COLLAPSING;
        ASCII[0x7f] = COLLAPSING;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH = 0x8080808080808080L;
    private static final long LOW = 0x7f7f7f7f7f7f7f7fL;
    private static final long ONES = 0x0101010101010101L;

    /**
     * The rest of the string from {@code from}, past the shown part: only counted. Content adds itself, and one space
     * for the run of collapsing characters before it. Eight bytes at a time while they are plain ASCII (no quote,
     * backslash or control character), one character at a time otherwise. False when the parser should decode the
     * string instead.
     */
    private boolean count(byte[] body, int from, int end) {
        int kept = 0;
        int spaces = 0;
        int before = space ? 1 : 0;
        int i = from;
        while (true) {
            if (i + 8 <= end) {
                long x = (long) LONGS.get(body, i);
                long special = x & HIGH | ~((x & LOW) + 0x6060606060606060L) & ~x & HIGH | equal(x, '"') | equal(x, '\\');
                int plain = special == 0 ? 8 : Long.numberOfTrailingZeros(special) >>> 3;
                if (plain > 0) {
                    long lanes = plain == 8 ? -1L : (1L << (plain << 3)) - 1;
                    long collapsing = (equal(x, ' ') | equal(x, 0x7f)) & lanes;
                    long content = ~collapsing & HIGH & lanes;
                    kept += Long.bitCount(content);
                    spaces += Long.bitCount(content & (collapsing << 8 | (long) before << 7));
                    before = (int) (collapsing >>> ((plain << 3) - 1)) & 1;
                    i += plain;
                    if (plain == 8) {
                        continue;
                    }
                }
            }
            if (i >= end) {
                return false;
            }
            int b = body[i];
            int collapses;
            if (b >= 0) {
                collapses = ASCII[b];
                if (collapses == SPECIAL) {
                    if (b == '"') {
                        collapsedLength += kept + spaces;
                        after = i + 1;
                        space = before == 1;
                        return true;
                    }
                    if (b != '\\') {
                        return false;
                    }
                    int e = i + 1 < end ? body[i + 1] : -1;
                    if (e >= 0 && ESCAPES[e] >= 0) {
                        // The two-byte escapes: \n, \t, \r, \b and \f collapse; \", \\ and \/ do not.
                        collapses = Markdown.collapseBit((char) ESCAPES[e]);
                        i += 2;
                    } else {
                        int c = escaped(body, i, end);
                        if (c < 0) {
                            return false;
                        }
                        collapses = Markdown.collapseBit((char) c);
                        i += 6;
                    }
                } else {
                    i++;
                }
            } else {
                int sequence = utf8(body, i, end);
                if (sequence < 0) {
                    return false;
                }
                // A four-byte sequence is a surrogate pair: two characters, neither of which collapses.
                int length = sequence >>> 24;
                collapses = length < 4 ? Markdown.collapseBit((char) sequence) : 0;
                kept += length >>> 2;
                i += length;
            }
            int content = collapses ^ 1;
            kept += content;
            spaces += before & content;
            before = collapses;
        }
    }

    /** The high bit of each byte of {@code x} that equals {@code value}, and no other bit. */
    private static long equal(long x, int value) {
        long t = x ^ (value * ONES);
        return ~((t & LOW) + LOW | t | LOW);
    }

    /** The position after the closing quote of the string the last successful {@link #scan} read. */
    int after() {
        return after;
    }

    /** Phase one's step, as {@link com.opstower.raindrop.tool.PreviewWriter} takes a character. */
    private void accept(char c) {
        if (Markdown.collapses(c)) {
            space = collapsedLength > 0;
            return;
        }
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

    private void keep(char c) {
        if (collapsedLength == shown.length) {
            shown = Arrays.copyOf(shown, Math.min(max, shown.length * 2));
        }
        shown[collapsedLength++] = c;
    }

    private Preview preview() {
        if (collapsedLength <= max) {
            return new Preview(new String(shown, 0, collapsedLength), 0);
        }
        int cut = max;
        if (Character.isHighSurrogate(shown[cut - 1])) {
            cut--;
        }
        if (cut > 0 && shown[cut - 1] == ' ') {
            cut--;
        }
        return new Preview(new String(shown, 0, cut), collapsedLength - cut);
    }

    /** The character each two-byte escape stands for, by the byte after the backslash; -1 for the others. */
    private static final int[] ESCAPES = new int[128];
    /** The value of each hexadecimal digit, by byte; -1 for the others. */
    private static final int[] HEX = new int[128];

    static {
        Arrays.fill(ESCAPES, -1);
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['/'] = '/';
        ESCAPES['b'] = '\b';
        ESCAPES['f'] = '\f';
        ESCAPES['n'] = '\n';
        ESCAPES['r'] = '\r';
        ESCAPES['t'] = '\t';
        Arrays.fill(HEX, -1);
        for (int d = 0; d < 16; d++) {
            HEX[Character.forDigit(d, 16)] = d;
            HEX[Character.toUpperCase(Character.forDigit(d, 16))] = d;
        }
    }

    /**
     * The character of the escape at {@code at} (its backslash), plus 0x10000 when it is a six-byte {@code \}{@code
     * uXXXX} one; -1 for an escape the parser refuses.
     */
    static int escaped(byte[] body, int at, int end) {
        if (at + 1 >= end) {
            return -1;
        }
        int e = body[at + 1];
        if (e < 0) {
            return -1;
        }
        int simple = ESCAPES[e];
        if (simple >= 0 || e != 'u') {
            return simple;
        }
        if (at + 5 >= end) {
            return -1;
        }
        int d1 = hex(body[at + 2]);
        int d2 = hex(body[at + 3]);
        int d3 = hex(body[at + 4]);
        int d4 = hex(body[at + 5]);
        if ((d1 | d2 | d3 | d4) < 0) {
            return -1;
        }
        return 0x10000 | d1 << 12 | d2 << 8 | d3 << 4 | d4;
    }

    private static int hex(byte b) {
        return b < 0 ? -1 : HEX[b];
    }

    /**
     * The UTF-8 sequence starting at {@code at}, a byte of 0x80 or more, as its length in the top byte and below it
     * its value as the parser computes it (for four bytes, the code point minus 0x10000); -1 when the parser refuses
     * it: a byte that cannot lead, a missing or wrong continuation byte, or a three-byte surrogate.
     */
    static int utf8(byte[] body, int at, int end) {
        int lead = body[at] & 0xff;
        if ((lead & 0xe0) == 0xc0) {
            if (at + 1 >= end) {
                return -1;
            }
            int b1 = body[at + 1];
            if ((b1 & 0xc0) != 0x80) {
                return -1;
            }
            return 2 << 24 | (lead & 0x1f) << 6 | (b1 & 0x3f);
        }
        if ((lead & 0xf0) == 0xe0) {
            if (at + 2 >= end) {
                return -1;
            }
            int b1 = body[at + 1];
            int b2 = body[at + 2];
            if ((b1 & 0xc0) != 0x80 || (b2 & 0xc0) != 0x80) {
                return -1;
            }
            int c = (lead & 0x0f) << 12 | (b1 & 0x3f) << 6 | (b2 & 0x3f);
            return c >= 0xD800 && c <= 0xDFFF ? -1 : 3 << 24 | c;
        }
        if ((lead & 0xf8) == 0xf0) {
            if (at + 3 >= end) {
                return -1;
            }
            int b1 = body[at + 1];
            int b2 = body[at + 2];
            int b3 = body[at + 3];
            if ((b1 & 0xc0) != 0x80 || (b2 & 0xc0) != 0x80 || (b3 & 0xc0) != 0x80) {
                return -1;
            }
            return 4 << 24 | (((lead & 0x07) << 18 | (b1 & 0x3f) << 12 | (b2 & 0x3f) << 6 | (b3 & 0x3f)) - 0x10000);
        }
        return -1;
    }
}
