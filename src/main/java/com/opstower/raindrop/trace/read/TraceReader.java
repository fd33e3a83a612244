package com.opstower.raindrop.trace.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.ToolFailure;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The one reader of a {@code /v1/traces} body, {@code {"data":[span,...]}}: Jackson's streaming parser over the
 * raw bytes, handing each span on as soon as it is read, so that no consumer needs the body as a tree or its
 * payloads whole. Each payload string is previewed straight from the parser's buffer; a payload sent as a JSON
 * object, array, number or boolean is previewed as its JSON text, because instrumentations differ in how they
 * serialize payloads and the agent still wants to read them. Each payload also says where it lies in the body, so
 * that a consumer reads again only the few it shows whole ({@link #readPayload}). Unknown fields are ignored.
 *
 * <p>A span's attributes are walked, not built: a value is read only for a visitor, and for the few keys that say why
 * a span in ERROR failed ({@link TraceSpan#errorReason}). What no consumer reads is skipped unread; Jackson still checks its escapes and UTF-8 sequences as it skips, so
 * a body that is not JSON fails every consumer alike, wherever the fault is. Only a surrogate encoded as three bytes
 * passes unseen in skipped text; where text is read it is refused.
 *
 * <p>The tree ({@code tree.TraceRenderer}) reads previews; a search sees each name, payload and attribute value while it is
 * in the parser's buffer ({@link TextVisitor}), and so do compare_traces and the time view, without previews;
 * {@code span.SpanRenderer} reads the one span it wants whole and skips the others' payloads; file mode only counts.
 */
public final class TraceReader {

    /** Plain mapper: only structured payloads are bound, as trees. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TraceReader() {
    }

    /**
     * Hands every span to {@code consumer}, in the order of the body, with its payloads cut to previews of
     * {@code previewLength} characters.
     *
     * @return how many spans there were
     * @throws ToolFailure {@code UPSTREAM_BAD_RESPONSE} when the body is not JSON, has no {@code data} array of
     *         objects, or a span's field has a type the contract does not allow
     */
    public static int read(InputStream body, int previewLength, Consumer<TraceSpan> consumer) {
        return forEachElement(body, (parser, index) ->
                consumer.accept(new SpanReader(parser, previewLength, null, NO_SPAN).read(index)));
    }

    /**
     * Sees the searchable text of each span while it is in the parser's buffer, before the span is handed on: its
     * name, its payloads (one that is not a string as its JSON text) and each of its attribute values, in the order of
     * the body. The characters are valid only during the call. Then it says whether the span is previewed: a search
     * draws only the spans it matches, and making a preview costs a pass over the whole payload.
     */
    public interface TextVisitor {
        /**
         * @param field {@code name}, {@code input}, {@code output} or {@code attributes}
         * @param key the attribute's key, for {@code attributes}; else null
         */
        void text(String field, String key, char[] chars, int offset, int length);

        /**
         * Asked once a span's fields are all read, by a read that makes previews: whether its payloads are
         * previewed; every span's by default.
         */
        default boolean previews() {
            return true;
        }
    }

    /**
     * {@link #read(InputStream, int, Consumer)}, showing each span's text to {@code texts} as it is read: a search
     * sees every payload whole without a string of it. Each payload is held as a copy of its characters until
     * {@code texts} says whether the span is previewed; a copy costs less than a preview.
     */
    public static int read(InputStream body, int previewLength, TextVisitor texts, Consumer<TraceSpan> consumer) {
        Visit visit = new Visit(texts);
        return forEachElement(body, (parser, index) ->
                consumer.accept(new SpanReader(parser, previewLength, visit, NO_SPAN).read(index)));
    }

    /**
     * {@link #read(InputStream, int, TextVisitor, Consumer)} without previews, for a consumer that keeps what it needs
     * of the payloads itself: each payload is shown to {@code texts} and nothing of it is held.
     */
    public static int read(InputStream body, TextVisitor texts, Consumer<TraceSpan> consumer) {
        Visit visit = new Visit(texts);
        return forEachElement(body, (parser, index) ->
                consumer.accept(new SpanReader(parser, NO_PREVIEW, visit, NO_SPAN).read(index)));
    }

    /**
     * A visitor reading along, and each payload of the span being read held as characters until the visitor says
     * whether the span is previewed, in buffers that grow as needed and serve every span.
     */
    private static final class Visit {
        private final TextVisitor texts;
        private final HeldText input = new HeldText();
        private final HeldText output = new HeldText();

        Visit(TextVisitor texts) {
            this.texts = texts;
        }

        void startSpan() {
            input.length = -1;
            output.length = -1;
        }

        /** Shows a payload to the visitor and, when the read makes previews, holds it with its place in the body. */
        void payload(String field, char[] chars, int offset, int length, long from, long to, boolean previewing) {
            texts.text(field, null, chars, offset, length);
            if (previewing) {
                ("input".equals(field) ? input : output).hold(chars, offset, length, from, to);
            }
        }
    }

    private static final class HeldText {
        private char[] chars = new char[0];
        /** -1 when the span has no such payload. */
        private int length = -1;
        private long from;
        private long to;

        void hold(char[] source, int offset, int length, long from, long to) {
            if (chars.length < length) {
                chars = new char[Math.max(length, 2 * chars.length)];
            }
            System.arraycopy(source, offset, chars, 0, length);
            this.length = length;
            this.from = from;
            this.to = to;
        }

        SpanPayload preview(int max) {
            return length < 0 ? null : SpanPayload.of(chars, 0, length, max, from, to);
        }
    }

    /** What a consumer makes of a payload's characters, which are valid only during the call. */
    @FunctionalInterface
    public interface PayloadChars<T> {
        T read(char[] chars, int offset, int length);
    }

    /**
     * The whole text of a payload this reader handed on, read again from the body it read (a string's text, or the
     * JSON text of a payload sent as JSON, as the preview was made from) and handed to {@code reader} in the parser's
     * buffer, without a string of it: a chat payload is parsed where it lies.
     *
     * @param body the bytes the reader read, as one array
     * @throws ToolFailure {@code UPSTREAM_BAD_RESPONSE} when the bytes are not those the payload was read from
     */
    public static <T> T readPayload(byte[] body, SpanPayload payload, PayloadChars<T> reader) {
        try (JsonParser parser = MAPPER.createParser(body, Math.toIntExact(payload.from()),
                Math.toIntExact(payload.to() - payload.from()))) {
            if (parser.nextToken() == JsonToken.VALUE_STRING) {
                return reader.read(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            }
            char[] json = MAPPER.readTree(parser).toString().toCharArray();
            return reader.read(json, 0, json.length);
        } catch (IOException | ArithmeticException e) {
            throw notTraceJson("a payload could not be read again (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Whether two payloads of the body are the same text, compared as the body's bytes without reading either: as an
     * instrumentation repeats a call's prompt on its provider span.
     */
    public static boolean samePayload(byte[] body, SpanPayload a, SpanPayload b) {
        return a.length() == b.length() && a.to() - a.from() == b.to() - b.from()
                && Arrays.equals(body, Math.toIntExact(a.from()), Math.toIntExact(a.to()),
                        body, Math.toIntExact(b.from()), Math.toIntExact(b.to()));
    }

    /**
     * A span's top-level attributes in their order, read again from the body: each key with its value's text, the
     * JSON text of an object or array, {@code null} for JSON null.
     *
     * @param body the bytes the reader read, as one array
     * @throws ToolFailure {@code UPSTREAM_BAD_RESPONSE} when the bytes are not those the attributes were read from
     */
    public static Map<String, String> readAttributes(byte[] body, BodyRange attributes) {
        try (JsonParser parser = MAPPER.createParser(body, Math.toIntExact(attributes.from()),
                Math.toIntExact(attributes.to() - attributes.from()))) {
            Map<String, String> read = new LinkedHashMap<>();
            JsonNode object = MAPPER.readTree(parser);
            object.fields().forEachRemaining(attribute -> read.put(attribute.getKey(),
                    attribute.getValue().isValueNode() ? attribute.getValue().asText() : attribute.getValue().toString()));
            return read;
        } catch (IOException | ArithmeticException e) {
            throw notTraceJson("a span's attributes could not be read again (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A span's payloads and attributes whole, as the body holds them: a payload that is not a string as its JSON
     * text, the attributes as indented JSON; null for what the span does not have.
     */
    public record WholePayloads(String input, String output, String attributes) {
    }

    private static final Predicate<String> NO_SPAN = id -> false;

    /**
     * Hands every span to {@code consumer} without previews, with its whole payloads when {@code wanted} accepts its
     * id (null for every other span, whose payloads are skipped unread). A span whose {@code span_id} comes after its
     * payloads in the body has them kept whole until its id is known, since the reader cannot go back.
     */
    public static int readWhole(InputStream body, Predicate<String> wanted, BiConsumer<TraceSpan, WholePayloads> consumer) {
        return forEachElement(body, (parser, index) -> {
            SpanReader reader = new SpanReader(parser, NO_PREVIEW, null, wanted);
            TraceSpan span = reader.read(index);
            consumer.accept(span, reader.whole(span));
        });
    }

    /** A preview length that makes no previews: each span's input and output are null. */
    private static final int NO_PREVIEW = 0;

    /**
     * The number of spans, for file mode: each is skipped whole, unread, so a body of many megabytes is checked in
     * one pass with constant memory, and never joined into one array.
     *
     * @throws ToolFailure {@code UPSTREAM_BAD_RESPONSE} when the body is not JSON or has no {@code data} array of
     *         objects
     */
    public static int countSpans(ResponseBody body) {
        return forEachElement(body.newInputStream(), (parser, index) -> parser.skipChildren());
    }

    /** Reads one element of {@code data}: the parser is on its {@code START_OBJECT} and must be left on its end. */
    @FunctionalInterface
    private interface ElementReader {
        void read(JsonParser parser, int index) throws IOException;
    }

    private static int forEachElement(InputStream body, ElementReader reader) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notTraceJson("the body is not a JSON object");
            }
            int spans = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isData = "data".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (isData && value == JsonToken.START_ARRAY && spans < 0) {
                    spans = readArray(parser, reader);
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw notTraceJson("content follows the JSON object");
            }
            if (spans < 0) {
                throw notTraceJson("it has no `data` array");
            }
            return spans;
        } catch (StreamReadException e) {
            JsonLocation where = e.getLocation();
            throw notTraceJson(where == null ? "malformed JSON"
                    : "malformed JSON at line " + where.getLineNr() + ", column " + where.getColumnNr());
        } catch (IOException e) {
            throw notTraceJson("it could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static int readArray(JsonParser parser, ElementReader reader) throws IOException {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw notTraceJson("element " + index + " of `data` is " + describe(parser.currentToken())
                        + ", not a span object");
            }
            reader.read(parser, index++);
        }
        return index;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> "a number";
        };
    }

    /** The failure every unreadable trace body maps to: upstream answered, but not with the contract's JSON. */
    private static ToolFailure notTraceJson(String why) {
        return new ToolFailure(ErrorCode.UPSTREAM_BAD_RESPONSE,
                "Raindrop's trace body is not the JSON its Query API contract describes ({\"data\":[span,...]}): "
                        + why + ".",
                "Try again later; if it persists, report it with the event id.");
    }

    /**
     * Reads the fields of one span. Values take the shapes the contract gives them; beyond it, as Jackson's data
     * binding used to read them, a number or boolean where text is due is taken as its text, and a fraction or a
     * string holding an integer where an integer is due as that integer (a fraction cut toward zero). Any other shape
     * fails the read, once the whole span has been read, so that malformed JSON later in the span is what is reported.
     */
    private static final class SpanReader {
        private final JsonParser parser;
        private final int previewLength;
        /** Null when no visitor reads along; then payloads are previewed as they are read. */
        private final Visit visit;
        private final Predicate<String> wholeFor;
        /** The first field whose value has a shape the contract does not allow. */
        private String badField;
        /** The span id as far as read: payloads met before it are kept whole in case it is wanted. */
        private String spanIdSoFar;
        private String wholeInput;
        private String wholeOutput;
        private String wholeAttributes;
        /** Null until an attribute saying why the span failed is met. */
        private ErrorReason reason;
        /** Null unless the span has an attributes object. */
        private BodyRange attributes;

        SpanReader(JsonParser parser, int previewLength, Visit visit, Predicate<String> wholeFor) {
            this.parser = parser;
            this.previewLength = previewLength;
            this.visit = visit;
            this.wholeFor = wholeFor;
        }

        /** The whole payloads, when the span is one asked for. */
        WholePayloads whole(TraceSpan span) {
            if (wholeFor == NO_SPAN || !wholeFor.test(span.spanId())) {
                return null;
            }
            return new WholePayloads(wholeInput, wholeOutput, wholeAttributes);
        }

        private boolean keepingWhole() {
            return wholeFor != NO_SPAN && (spanIdSoFar == null || wholeFor.test(spanIdSoFar));
        }

        /** Reads the span the parser is on (its {@code START_OBJECT}) and leaves the parser on its {@code END_OBJECT}. */
        TraceSpan read(int index) throws IOException {
            String traceId = null;
            String spanId = null;
            String parentSpanId = null;
            String spanName = null;
            String spanType = null;
            String status = null;
            long startTimeNs = 0;
            long endTimeNs = 0;
            long durationNs = 0;
            Long inputTokens = null;
            Long outputTokens = null;
            String model = null;
            String provider = null;
            SpanPayload input = null;
            SpanPayload output = null;
            if (visit != null) {
                visit.startSpan();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "trace_id" -> traceId = text(field, value);
                    case "span_id" -> spanIdSoFar = spanId = text(field, value);
                    case "parent_span_id" -> parentSpanId = text(field, value);
                    case "span_name" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            showText("name", null);
                        }
                        spanName = text(field, value);
                    }
                    case "span_type" -> spanType = text(field, value);
                    case "status" -> status = text(field, value);
                    case "model" -> model = text(field, value);
                    case "provider" -> provider = text(field, value);
                    case "start_time_ns" -> startTimeNs = integer(field, value, 0);
                    case "end_time_ns" -> endTimeNs = integer(field, value, 0);
                    case "duration_ns" -> durationNs = integer(field, value, 0);
                    case "input_tokens" -> inputTokens = boxed(integer(field, value, ABSENT));
                    case "output_tokens" -> outputTokens = boxed(integer(field, value, ABSENT));
                    case "input" -> {
                        Payload payload = payload(field, value, keepingWhole());
                        input = payload.preview();
                        wholeInput = payload.whole();
                    }
                    case "output" -> {
                        Payload payload = payload(field, value, keepingWhole());
                        output = payload.preview();
                        wholeOutput = payload.whole();
                    }
                    case "attributes" -> {
                        if (value == JsonToken.START_OBJECT) {
                            long from = parser.currentTokenLocation().getByteOffset();
                            if (keepingWhole()) {
                                JsonNode attributes = MAPPER.readTree(parser);
                                wholeAttributes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(attributes);
                                attributes.fields().forEachRemaining(attribute -> {
                                    if (attribute.getValue().isValueNode() && !attribute.getValue().isNull()
                                            && ErrorReason.reads(attribute.getKey())) {
                                        reason().take(attribute.getKey(), attribute.getValue().asText());
                                    }
                                });
                            } else {
                                readAttributes();
                            }
                            // The parser stands on the object's end: just past it is where it ends in the body.
                            attributes = new BodyRange(from, parser.currentLocation().getByteOffset());
                        } else if (value != JsonToken.VALUE_NULL) {
                            reject(field);
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (visit != null && previewLength != NO_PREVIEW && visit.texts.previews()) {
                input = visit.input.preview(previewLength);
                output = visit.output.preview(previewLength);
            }
            if (badField != null) {
                throw notTraceJson("span " + index + " has the field `" + badField + "` of a type the contract does not allow");
            }
            String errorReason = reason != null && SpanFacts.isErrorStatus(status) ? reason.label() : null;
            return new TraceSpan(traceId, spanId, parentSpanId, spanName, spanType, status, startTimeNs,
                    endTimeNs, durationNs, inputTokens, outputTokens, model, provider, input, output, errorReason,
                    attributes);
        }

        private String text(String field, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            if (value.isScalarValue()) {
                return parser.getText();
            }
            reject(field);
            return null;
        }

        /** No token count: no count can be this negative. */
        private static final long ABSENT = Long.MIN_VALUE;

        /**
         * An integer; {@code absent} for null, a blank string and a value of a shape the contract does not allow. Not
         * boxed: span times are read for every span.
         */
        private long integer(String field, JsonToken value, long absent) throws IOException {
            try {
                switch (value) {
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        return parser.getLongValue();
                    }
                    case VALUE_STRING -> {
                        String text = parser.getText().trim();
                        return text.isEmpty() ? absent : Long.parseLong(text);
                    }
                    case VALUE_NULL -> {
                        return absent;
                    }
                    default -> {
                        reject(field);
                        return absent;
                    }
                }
            } catch (InputCoercionException | NumberFormatException e) {
                // Out of the range of a long, or a string that is not an integer.
                reject(field);
                return absent;
            }
        }

        private static Long boxed(long tokens) {
            return tokens == ABSENT ? null : tokens;
        }

        /** A payload's preview, and its whole text when asked for (else null). */
        private record Payload(SpanPayload preview, String whole) {
        }

        /**
         * The payload's preview, made from the parser's buffer without a string of the whole payload unless
         * {@code keepWhole}; a payload that is not a string is previewed and kept as its JSON text.
         */
        private Payload payload(String field, JsonToken value, boolean keepWhole) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return new Payload(null, null);
            }
            if (previewLength == NO_PREVIEW && visit == null && !keepWhole) {
                // Skipped unread: Jackson still checks escapes and UTF-8 sequences as it skips.
                parser.skipChildren();
                return new Payload(null, null);
            }
            long from = parser.currentTokenLocation().getByteOffset();
            if (value != JsonToken.VALUE_STRING) {
                String json = MAPPER.readTree(parser).toString();
                return held(field, json.toCharArray(), 0, json.length(), from, keepWhole ? json : null);
            }
            char[] chars = parser.getTextCharacters();
            return held(field, chars, parser.getTextOffset(), parser.getTextLength(), from,
                    keepWhole ? parser.getText() : null);
        }

        /** The payload just read, {@code [from, to)} in the body: shown to the visitor, else previewed. */
        private Payload held(String field, char[] chars, int offset, int length, long from, String whole) {
            // The parser stands just past the payload's last byte.
            long to = parser.currentLocation().getByteOffset();
            if (visit != null) {
                visit.payload(field, chars, offset, length, from, to, previewLength != NO_PREVIEW);
                return new Payload(null, null);
            }
            return new Payload(previewLength == NO_PREVIEW ? null
                    : SpanPayload.of(chars, offset, length, previewLength, from, to), whole);
        }

        /** Shows the string the parser is on to the visitor. */
        private void showText(String field, String key) throws IOException {
            if (visit != null) {
                visit.texts.text(field, key, parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            }
        }

        /** What the attributes say of why the span failed, made when the first such attribute is met. */
        private ErrorReason reason() {
            if (reason == null) {
                reason = new ErrorReason();
            }
            return reason;
        }

        /**
         * Walks the attributes object the parser is on and leaves its end: shows every scalar to the visitor, when one
         * reads along, under its nearest key, and takes the top-level values that say why a span failed.
         */
        private void readAttributes() throws IOException {
            int depth = 0;
            String key = null;
            JsonToken token = parser.currentToken();
            while (true) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> key = parser.currentName();
                    case VALUE_NULL -> {
                    }
                    default -> {
                        showText("attributes", key);
                        if (depth == 1 && ErrorReason.reads(key)) {
                            reason().take(key, parser.getText());
                        }
                    }
                }
                if (depth == 0) {
                    return;
                }
                token = parser.nextToken();
            }
        }

        private void reject(String field) throws IOException {
            if (badField == null) {
                badField = field;
            }
            parser.skipChildren();
        }
    }
}
