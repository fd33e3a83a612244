package com.opstower.raindrop.trace;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.Markdown.Preview;
import com.opstower.raindrop.tool.ToolFailure;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The one reader of a {@code /v1/traces} body, {@code {"data":[span,...]}}: Jackson's streaming parser over the
 * raw bytes, handing each span on as soon as it is read, so that no consumer needs the body as a tree or its
 * payloads whole. Each payload string is previewed straight from the parser's buffer; a payload sent as a JSON
 * object, array, number or boolean is previewed as its JSON text, because instrumentations differ in how they
 * serialize payloads and the agent still wants to read them. Unknown fields are ignored.
 *
 * <p>Every string of the body is decoded, skipped ones included, so that bytes that are not UTF-8 fail the read
 * wherever they are. All consumers read through here, so they agree on what a valid body is.
 *
 * <p>Single-span extraction ({@link SpanRenderer}) reads through here without the tree: it asks for whole payloads
 * and attributes for the one span id it wants, and every other span costs only its previews. Consumers to come read
 * through here too: a focus filter (status, span type, span id, a search over names, payloads and attribute values)
 * keeps the spans it matches; its search runs where the previews are made, over each payload's and attribute
 * value's characters while they are in the parser's buffer.
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
    static int read(InputStream body, int previewLength, Consumer<TraceSpan> consumer) {
        return read(body, previewLength, NO_SPAN, (span, whole) -> consumer.accept(span));
    }

    /**
     * A span's payloads and attributes whole, as the body holds them: a payload that is not a string as its JSON
     * text, the attributes as indented JSON; null for what the span does not have.
     */
    record WholePayloads(String input, String output, String attributes) {
    }

    /**
     * A preview length that makes no previews: each span's input and output are null, for a consumer that reads only
     * the payloads it asks for whole.
     */
    static final int NO_PREVIEW = 0;

    /** Asks for no span whole. */
    static final Predicate<String> NO_SPAN = id -> false;

    /** Asks for every span whole, spans without an id too: a search reads them all. */
    static final Predicate<String> EVERY_SPAN = id -> true;

    /**
     * {@link #read(InputStream, int, Consumer)}, also handing on whole payloads for the spans whose id
     * {@code wholeFor} accepts (null for every other span). A span whose {@code span_id} comes after its payloads in
     * the body has them kept whole until its id is known, since the reader cannot go back. {@code wholeFor} is asked
     * about a span without an id with null.
     */
    static int read(InputStream body, int previewLength, Predicate<String> wholeFor,
            BiConsumer<TraceSpan, WholePayloads> consumer) {
        return forEachElement(body, (parser, index) -> {
            SpanReader reader = new SpanReader(parser, previewLength, wholeFor);
            TraceSpan span = reader.read(index);
            consumer.accept(span, reader.whole(span));
        });
    }

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
    static ToolFailure notTraceJson(String why) {
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
        private final Predicate<String> wholeFor;
        /** The first field whose value has a shape the contract does not allow. */
        private String badField;
        /** The span id as far as read: payloads met before it are kept whole in case it is wanted. */
        private String spanIdSoFar;
        private String wholeInput;
        private String wholeOutput;
        private String wholeAttributes;

        SpanReader(JsonParser parser, int previewLength, Predicate<String> wholeFor) {
            this.parser = parser;
            this.previewLength = previewLength;
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
            Long startTimeNs = null;
            Long endTimeNs = null;
            Long durationNs = null;
            Long inputTokens = null;
            Long outputTokens = null;
            String model = null;
            String provider = null;
            Preview input = null;
            Preview output = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "trace_id" -> traceId = text(field, value);
                    case "span_id" -> spanIdSoFar = spanId = text(field, value);
                    case "parent_span_id" -> parentSpanId = text(field, value);
                    case "span_name" -> spanName = text(field, value);
                    case "span_type" -> spanType = text(field, value);
                    case "status" -> status = text(field, value);
                    case "model" -> model = text(field, value);
                    case "provider" -> provider = text(field, value);
                    case "start_time_ns" -> startTimeNs = integer(field, value);
                    case "end_time_ns" -> endTimeNs = integer(field, value);
                    case "duration_ns" -> durationNs = integer(field, value);
                    case "input_tokens" -> inputTokens = integer(field, value);
                    case "output_tokens" -> outputTokens = integer(field, value);
                    case "input" -> {
                        Payload payload = payload(value, keepingWhole());
                        input = payload.preview();
                        wholeInput = payload.whole();
                    }
                    case "output" -> {
                        Payload payload = payload(value, keepingWhole());
                        output = payload.preview();
                        wholeOutput = payload.whole();
                    }
                    case "attributes" -> {
                        if (value == JsonToken.START_OBJECT && keepingWhole()) {
                            wholeAttributes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(MAPPER.readTree(parser));
                        } else if (value == JsonToken.START_OBJECT) {
                            skipDecoding();
                        } else if (value != JsonToken.VALUE_NULL) {
                            reject(field);
                        }
                    }
                    default -> skipDecoding();
                }
            }
            if (badField != null) {
                throw notTraceJson("span " + index + " has the field `" + badField + "` of a type the contract does not allow");
            }
            return new TraceSpan(traceId, spanId, parentSpanId, spanName, spanType, status, orZero(startTimeNs),
                    orZero(endTimeNs), orZero(durationNs), inputTokens, outputTokens, model, provider, input, output);
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

        /** An integer; null for null and for a blank string. */
        private Long integer(String field, JsonToken value) throws IOException {
            try {
                switch (value) {
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        return parser.getLongValue();
                    }
                    case VALUE_STRING -> {
                        String text = parser.getText().trim();
                        return text.isEmpty() ? null : Long.parseLong(text);
                    }
                    case VALUE_NULL -> {
                        return null;
                    }
                    default -> {
                        reject(field);
                        return null;
                    }
                }
            } catch (InputCoercionException | NumberFormatException e) {
                // Out of the range of a long, or a string that is not an integer.
                reject(field);
                return null;
            }
        }

        /** A payload's preview, and its whole text when asked for (else null). */
        private record Payload(Preview preview, String whole) {
        }

        /**
         * The payload's preview, made from the parser's buffer without a string of the whole payload unless
         * {@code keepWhole}; a payload that is not a string is previewed and kept as its JSON text.
         */
        private Payload payload(JsonToken value, boolean keepWhole) throws IOException {
            if (previewLength == NO_PREVIEW && value != JsonToken.VALUE_NULL) {
                // Decoded all the same, so that bytes that are not UTF-8 fail the read here too.
                return new Payload(null, keepWhole ? wholeText(value) : skipped());
            }
            return switch (value) {
                case VALUE_NULL -> new Payload(null, null);
                case VALUE_STRING -> new Payload(Markdown.preview(parser.getTextCharacters(), parser.getTextOffset(),
                        parser.getTextLength(), previewLength), keepWhole ? parser.getText() : null);
                default -> {
                    String json = wholeText(value);
                    yield new Payload(Markdown.preview(json, previewLength), keepWhole ? json : null);
                }
            };
        }

        private String wholeText(JsonToken value) throws IOException {
            return value == JsonToken.VALUE_STRING ? parser.getText() : MAPPER.readTree(parser).toString();
        }

        private String skipped() throws IOException {
            skipDecoding();
            return null;
        }

        private void reject(String field) throws IOException {
            if (badField == null) {
                badField = field;
            }
            skipDecoding();
        }

        /**
         * Skips the value the parser is on, decoding every string in it as reading it would: bytes that are not
         * UTF-8 fail here, at their own line and column, whichever field they are in.
         */
        private void skipDecoding() throws IOException {
            int depth = 0;
            JsonToken token = parser.currentToken();
            while (true) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING) {
                    parser.getTextLength();
                }
                if (depth == 0) {
                    return;
                }
                token = parser.nextToken();
            }
        }

        private static long orZero(Long nanos) {
            return nanos == null ? 0 : nanos;
        }
    }
}
