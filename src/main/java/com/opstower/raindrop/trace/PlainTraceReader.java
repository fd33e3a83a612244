package com.opstower.raindrop.trace;

import com.opstower.raindrop.queryapi.Wire;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.Markdown.Preview;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tree renderer's reading of a body that is plainly the contract's JSON, in one pass over its bytes: exactly
 * {@code {"data":[span,...]}}, each span an object whose known fields have the contract's types (strings, integers,
 * an attributes object, nulls), strictly valid JSON throughout. Anything else, however harmless (another top-level
 * field, an escaped field name, a time sent as a string, a number with a fraction, a payload sent as an object, deep
 * nesting, a byte-order mark), makes it give up and return null: {@link TraceParser#parseWithPreviews} then reads
 * the body with Jackson's parser, which decides on every such case and words every error. So this reader only ever
 * accepts bodies Jackson's parser accepts, and gives the same spans and previews for them.
 */
final class PlainTraceReader {

    /** Nesting inside attributes and unknown fields, far below what Jackson's parser allows. */
    private static final int DEEPEST = 64;
    /** Longer numbers and names are left to the parser and its constraints. */
    private static final int LONGEST_NUMBER = 64;
    private static final int LONGEST_NAME = 1024;

    /** Thrown to give up; carries nothing, costs nothing. */
    private static final class GiveUp extends RuntimeException {
        private static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super(null, null, false, false);
        }
    }

    private final byte[] body;
    private final int previewLength;
    private final JsonStringPreview previews;
    private int i;
    private String lastTraceId;
    /** One span's fields by {@link #FIELDS} index, reused from span to span. */
    private final String[] texts = new String[FIELDS.length];
    private final long[] numbers = new long[FIELDS.length];
    private final boolean[] present = new boolean[FIELDS.length];

    private PlainTraceReader(byte[] body, int previewLength) {
        this.body = body;
        this.previewLength = previewLength;
        this.previews = new JsonStringPreview(previewLength);
    }

    /** The spans and previews of a plain body, or null when it is not plain: then the parser must read it. */
    static TraceParser.Previewed read(byte[] body, int previewLength) {
        try {
            return new PlainTraceReader(body, previewLength).read();
        } catch (GiveUp notPlain) {
            return null;
        }
    }

    private TraceParser.Previewed read() {
        List<Wire.Span> spans = new ArrayList<>();
        List<Preview> inputs = new ArrayList<>();
        List<Preview> outputs = new ArrayList<>();
        space();
        expect('{');
        space();
        if (!name(DATA)) {
            throw GiveUp.INSTANCE;
        }
        space();
        expect(':');
        space();
        expect('[');
        space();
        if (peek() == ']') {
            i++;
        } else {
            while (true) {
                expect('{');
                readSpan(spans, inputs, outputs);
                space();
                if (next() == ']') {
                    break;
                }
                requireLast(',');
                space();
            }
        }
        space();
        expect('}');
        space();
        if (i != body.length) {
            throw GiveUp.INSTANCE;
        }
        return new TraceParser.Previewed(spans, inputs, outputs);
    }

    private static final byte[] DATA = bytes("data");
    private static final byte[][] FIELDS = {bytes("trace_id"), bytes("span_id"), bytes("parent_span_id"),
        bytes("span_name"), bytes("span_type"), bytes("status"), bytes("start_time_ns"), bytes("end_time_ns"),
        bytes("duration_ns"), bytes("input"), bytes("output"), bytes("input_tokens"), bytes("output_tokens"),
        bytes("model"), bytes("provider"), bytes("attributes")};
    private static final int TRACE_ID = 0;
    private static final int SPAN_ID = 1;
    private static final int PARENT_SPAN_ID = 2;
    private static final int SPAN_NAME = 3;
    private static final int SPAN_TYPE = 4;
    private static final int STATUS = 5;
    private static final int START_TIME_NS = 6;
    private static final int END_TIME_NS = 7;
    private static final int DURATION_NS = 8;
    private static final int INPUT = 9;
    private static final int OUTPUT = 10;
    private static final int INPUT_TOKENS = 11;
    private static final int OUTPUT_TOKENS = 12;
    private static final int MODEL = 13;
    private static final int PROVIDER = 14;
    private static final int ATTRIBUTES = 15;
    private static final int UNKNOWN = -1;

    /** One span, its opening brace read; fields as {@link TraceParser}'s reader takes them, later duplicates winning. */
    private void readSpan(List<Wire.Span> spans, List<Preview> inputs, List<Preview> outputs) {
        Arrays.fill(texts, null);
        Arrays.fill(numbers, 0);
        Arrays.fill(present, false);
        Preview input = null;
        Preview output = null;
        space();
        if (peek() == '}') {
            i++;
        } else {
            while (true) {
                int field = field();
                space();
                expect(':');
                space();
                switch (field) {
                    case TRACE_ID -> {
                        // Spans of a response share their trace id: one string for all, hashed once by the summary.
                        String traceId = peek() == 'n' ? nullLiteral() : sameAsLast(lastTraceId) ? lastTraceId : string();
                        texts[field] = lastTraceId = traceId;
                    }
                    case SPAN_ID, PARENT_SPAN_ID, SPAN_NAME, SPAN_TYPE, STATUS, MODEL, PROVIDER ->
                        texts[field] = peek() == 'n' ? nullLiteral() : string();
                    case START_TIME_NS, END_TIME_NS, DURATION_NS, INPUT_TOKENS, OUTPUT_TOKENS -> {
                        present[field] = peek() != 'n';
                        numbers[field] = present[field] ? integer() : zero(nullLiteral());
                    }
                    case INPUT -> input = peek() == 'n' ? nullPreview() : preview();
                    case OUTPUT -> output = peek() == 'n' ? nullPreview() : preview();
                    case ATTRIBUTES -> {
                        if (peek() == 'n') {
                            nullLiteral();
                        } else if (peek() == '{') {
                            skipValue(0);
                        } else {
                            throw GiveUp.INSTANCE;
                        }
                    }
                    default -> skipValue(0);
                }
                space();
                if (next() == '}') {
                    break;
                }
                requireLast(',');
                space();
            }
        }
        spans.add(new Wire.Span(texts[TRACE_ID], texts[SPAN_ID], texts[PARENT_SPAN_ID], texts[SPAN_NAME],
                texts[SPAN_TYPE], texts[STATUS], numbers[START_TIME_NS], numbers[END_TIME_NS], numbers[DURATION_NS],
                null, null, present[INPUT_TOKENS] ? numbers[INPUT_TOKENS] : null,
                present[OUTPUT_TOKENS] ? numbers[OUTPUT_TOKENS] : null, texts[MODEL], texts[PROVIDER], null));
        inputs.add(input);
        outputs.add(output);
    }

    private static long zero(String nullValue) {
        return 0;
    }

    private Preview nullPreview() {
        nullLiteral();
        return null;
    }

    /**
     * A payload's preview: a string's straight from its bytes; any other value's (an object, an array, a number, a
     * boolean) from its JSON text as Jackson writes its tree, as {@link TraceParser} keeps such payloads.
     */
    private Preview preview() {
        if (peek() != '"') {
            int start = i;
            skipValue(0);
            try {
                return Markdown.preview(TraceBody.MAPPER.readTree(body, start, i - start).toString(), previewLength);
            } catch (java.io.IOException e) {
                throw GiveUp.INSTANCE;
            }
        }
        Preview preview = previews.scan(body, i);
        if (preview == null) {
            throw GiveUp.INSTANCE;
        }
        i = previews.after();
        return preview;
    }

    /** A field name: which known field, or {@link #UNKNOWN}; plain ASCII without escapes, else give up. */
    private int field() {
        expect('"');
        int start = i;
        while (true) {
            if (i >= body.length || i - start > LONGEST_NAME) {
                throw GiveUp.INSTANCE;
            }
            int b = body[i];
            if (b == '"') {
                break;
            }
            if (b < 0x20 || b == '\\') {
                throw GiveUp.INSTANCE;
            }
            i++;
        }
        int length = i - start;
        i++;
        for (int f = 0; f < FIELDS.length; f++) {
            byte[] known = FIELDS[f];
            if (known.length == length && Arrays.equals(body, start, i - 1, known, 0, length)) {
                return f;
            }
        }
        return UNKNOWN;
    }

    /** Whether the next name is the given one (plain ASCII), consuming it either way. */
    private boolean name(byte[] expected) {
        expect('"');
        int start = i;
        while (i < body.length && body[i] != '"') {
            if (body[i] < 0x20 || body[i] == '\\' || i - start > LONGEST_NAME) {
                throw GiveUp.INSTANCE;
            }
            i++;
        }
        if (i >= body.length) {
            throw GiveUp.INSTANCE;
        }
        boolean same = Arrays.equals(body, start, i, expected, 0, expected.length);
        i++;
        return same;
    }

    /**
     * Whether the string value here is plain ASCII equal to {@code last}, a plain ASCII string too; if so it is
     * consumed, else nothing is.
     */
    private boolean sameAsLast(String last) {
        if (last == null || i + last.length() + 1 >= body.length || body[i] != '"' || body[i + last.length() + 1] != '"') {
            return false;
        }
        for (int k = 0; k < last.length(); k++) {
            char c = last.charAt(k);
            if (c >= 0x80 || c < 0x20 || c == '\\' || c == '"' || body[i + 1 + k] != c) {
                return false;
            }
        }
        i += last.length() + 2;
        return true;
    }

    /** A string value decoded as the parser decodes it. */
    private String string() {
        expect('"');
        int start = i;
        // Plain printable ASCII, the usual ids, names and types: one copy.
        while (i < body.length) {
            int b = body[i];
            if (b == '"') {
                i++;
                return new String(body, start, i - 1 - start, StandardCharsets.ISO_8859_1);
            }
            if (b < 0x20 || b == '\\') {
                break;
            }
            i++;
        }
        i = start;
        StringBuilder text = new StringBuilder();
        while (true) {
            if (i >= body.length || i - start > JsonStringPreview.LONGEST) {
                throw GiveUp.INSTANCE;
            }
            int b = body[i];
            if (b == '"') {
                i++;
                return text.toString();
            }
            if (b == '\\') {
                int c = JsonStringPreview.escaped(body, i, body.length);
                if (c < 0) {
                    throw GiveUp.INSTANCE;
                }
                text.append((char) c);
                i += c >= 0x10000 ? 6 : 2;
            } else if (b >= 0x20) {
                text.append((char) b);
                i++;
            } else if (b >= 0) {
                throw GiveUp.INSTANCE;
            } else {
                int sequence = JsonStringPreview.utf8(body, i, body.length);
                if (sequence < 0) {
                    throw GiveUp.INSTANCE;
                }
                int length = sequence >>> 24;
                int c = sequence & 0xffffff;
                if (length == 4) {
                    text.append((char) (0xD800 | (c >> 10))).append((char) (0xDC00 | (c & 0x3FF)));
                } else {
                    text.append((char) c);
                }
                i += length;
            }
        }
    }

    /** A field name inside a skipped value: a string, within the parser's limit on names. */
    private void skipName() {
        skipString(LONGEST_NAME);
    }

    /** A string skipped, checked as the parser checks it when it decodes it. */
    private void skipString() {
        skipString(JsonStringPreview.LONGEST);
    }

    private void skipString(int longest) {
        expect('"');
        int start = i;
        while (true) {
            if (i >= body.length || i - start > longest) {
                throw GiveUp.INSTANCE;
            }
            int b = body[i];
            if (b == '"') {
                i++;
                return;
            }
            if (b == '\\') {
                int c = JsonStringPreview.escaped(body, i, body.length);
                if (c < 0) {
                    throw GiveUp.INSTANCE;
                }
                i += c >= 0x10000 ? 6 : 2;
            } else if (b >= 0x20) {
                i++;
            } else if (b >= 0) {
                throw GiveUp.INSTANCE;
            } else {
                int sequence = JsonStringPreview.utf8(body, i, body.length);
                if (sequence < 0) {
                    throw GiveUp.INSTANCE;
                }
                i += sequence >>> 24;
            }
        }
    }

    /**
     * An integer without fraction or exponent whose magnitude fits a long: what the parser reads as an int or a long
     * (times in nanoseconds since the epoch take 19 digits).
     */
    private long integer() {
        boolean negative = peek() == '-';
        if (negative) {
            i++;
        }
        int digits = i;
        long value = 0;
        while (i < body.length && body[i] >= '0' && body[i] <= '9') {
            int digit = body[i] - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw GiveUp.INSTANCE;
            }
            value = value * 10 + digit;
            i++;
        }
        int count = i - digits;
        if (count == 0 || count > 1 && body[digits] == '0') {
            throw GiveUp.INSTANCE;
        }
        delimiter();
        return negative ? -value : value;
    }

    /** Any JSON value, checked strictly and not kept. */
    private void skipValue(int depth) {
        if (depth > DEEPEST) {
            throw GiveUp.INSTANCE;
        }
        int b = peek();
        if (b == '"') {
            skipString();
        } else if (b == '{') {
            i++;
            space();
            if (peek() == '}') {
                i++;
                return;
            }
            while (true) {
                skipName();
                space();
                expect(':');
                space();
                skipValue(depth + 1);
                space();
                if (next() == '}') {
                    return;
                }
                requireLast(',');
                space();
            }
        } else if (b == '[') {
            i++;
            space();
            if (peek() == ']') {
                i++;
                return;
            }
            while (true) {
                skipValue(depth + 1);
                space();
                if (next() == ']') {
                    return;
                }
                requireLast(',');
                space();
            }
        } else if (b == 'n') {
            nullLiteral();
        } else if (b == 't') {
            literal(TRUE);
        } else if (b == 'f') {
            literal(FALSE);
        } else {
            skipNumber();
        }
    }

    /** A number by JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private void skipNumber() {
        int start = i;
        if (peek() == '-') {
            i++;
        }
        int digits = skipDigits();
        if (digits == 0 || digits > 1 && body[i - digits] == '0') {
            throw GiveUp.INSTANCE;
        }
        if (i < body.length && body[i] == '.') {
            i++;
            if (skipDigits() == 0) {
                throw GiveUp.INSTANCE;
            }
        }
        if (i < body.length && (body[i] == 'e' || body[i] == 'E')) {
            i++;
            if (i < body.length && (body[i] == '+' || body[i] == '-')) {
                i++;
            }
            if (skipDigits() == 0) {
                throw GiveUp.INSTANCE;
            }
        }
        if (i - start > LONGEST_NUMBER) {
            throw GiveUp.INSTANCE;
        }
        delimiter();
    }

    private int skipDigits() {
        int start = i;
        while (i < body.length && body[i] >= '0' && body[i] <= '9') {
            i++;
        }
        return i - start;
    }

    private static final byte[] NULL = bytes("null");
    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");

    private String nullLiteral() {
        literal(NULL);
        return null;
    }

    private void literal(byte[] word) {
        if (i + word.length > body.length || !Arrays.equals(body, i, i + word.length, word, 0, word.length)) {
            throw GiveUp.INSTANCE;
        }
        i += word.length;
        delimiter();
    }

    /** What may follow a number or a literal: whitespace, a comma or a closing bracket; else give up. */
    private void delimiter() {
        if (i >= body.length) {
            throw GiveUp.INSTANCE;
        }
        int b = body[i];
        if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != ',' && b != '}' && b != ']') {
            throw GiveUp.INSTANCE;
        }
    }

    /** JSON's whitespace: space, tab, line feed, carriage return. */
    private void space() {
        while (i < body.length) {
            int b = body[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return;
            }
            i++;
        }
    }

    private int peek() {
        if (i >= body.length) {
            throw GiveUp.INSTANCE;
        }
        return body[i];
    }

    private int next() {
        int b = peek();
        i++;
        return b;
    }

    private void expect(char c) {
        if (next() != c) {
            throw GiveUp.INSTANCE;
        }
    }

    /** The byte just read by {@link #next()} must be {@code c}. */
    private void requireLast(char c) {
        if (body[i - 1] != c) {
            throw GiveUp.INSTANCE;
        }
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
