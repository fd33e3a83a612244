package com.opstower.raindrop.trace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opstower.raindrop.queryapi.Wire;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.Markdown.Preview;
import com.opstower.raindrop.tool.PreviewWriter;
import com.opstower.raindrop.tool.ToolFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the spans of a {@code /v1/traces} body. The body is streamed and each span is read field by field straight
 * into its record, so a large trace costs little more than its records. Unknown fields are ignored; an
 * {@code input} or {@code output} sent as a JSON object, array or number is kept as its JSON text, because
 * instrumentations differ in how they serialize payloads and the agent still wants to read them.
 *
 * <p>The field-by-field reader takes every value in the shape the contract gives it (strings, integers, an
 * attributes object, nulls). A span with any other shape (a time sent as a string, a token count as a fraction, a
 * name as a number) is read again from its own bytes by Jackson's data binding, whose coercions and error messages
 * decide: both readers give the same record wherever the first one accepts a span.
 */
public final class TraceParser {

    private static final ObjectReader SPAN_READER = TraceBody.MAPPER.readerFor(Wire.Span.class);
    private static final ObjectReader ATTRIBUTES_READER = TraceBody.MAPPER.readerFor(new TypeReference<Map<String, Object>>() {
    });
    private static final List<String> PAYLOAD_FIELDS = List.of("input", "output");

    private TraceParser() {
    }

    /**
     * The spans in the order the body lists them.
     *
     * @throws ToolFailure {@code UPSTREAM_BAD_RESPONSE} when the body is not JSON, has no {@code data} array, or a
     *         span's field has a type the contract does not allow
     */
    public static List<Wire.Span> parse(byte[] body) {
        List<Wire.Span> spans = new ArrayList<>();
        TraceBody.forEachSpan(body, (parser, index) -> spans.add(readSpan(body, parser, index, new SpanFields(0, null, null, null))));
        return spans;
    }

    /**
     * The spans as the tree renderer reads them: in place of each payload, its preview, made while the parser decodes
     * it, so that no payload is ever held whole; the spans carry neither payloads nor attributes. Accepts and rejects
     * exactly the bodies {@link #parse} does.
     *
     * @param inputs each span's input preview, by position in the body; null where the span has no input
     */
    record Previewed(List<Wire.Span> spans, List<Preview> inputs, List<Preview> outputs) {
    }

    static Previewed parseWithPreviews(byte[] body, int previewLength) {
        // A body that is plainly the contract's JSON is read in one pass over its bytes; any other goes through the
        // parser below, which accepts, coerces and rejects exactly as {@link #parse} does.
        Previewed plain = PlainTraceReader.read(body, previewLength);
        if (plain != null) {
            return plain;
        }
        List<Wire.Span> spans = new ArrayList<>();
        List<Preview> inputs = new ArrayList<>();
        List<Preview> outputs = new ArrayList<>();
        PreviewWriter writer = new PreviewWriter(previewLength);
        JsonStringPreview scanner = new JsonStringPreview(previewLength);
        TraceBody.forEachSpan(body, (parser, index) -> {
            SpanFields fields = new SpanFields(previewLength, body, scanner, writer);
            Wire.Span span = readSpan(body, parser, index, fields);
            spans.add(span);
            if (fields.unusual) {
                // Read again by the data binding, with whole payloads.
                inputs.add(span.input() == null ? null : Markdown.preview(span.input(), previewLength));
                outputs.add(span.output() == null ? null : Markdown.preview(span.output(), previewLength));
            } else {
                inputs.add(fields.inputPreview);
                outputs.add(fields.outputPreview);
            }
        });
        return new Previewed(spans, inputs, outputs);
    }

    /** Reads the span the parser is on (its {@code START_OBJECT}) and leaves the parser on its {@code END_OBJECT}. */
    private static Wire.Span readSpan(byte[] body, JsonParser parser, int index, SpanFields span) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        boolean exact = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (exact) {
                exact = span.read(field, value, parser);
            } else {
                decodeAndSkip(parser);
            }
        }
        if (exact) {
            return span.toSpan();
        }
        long end = parser.currentLocation().getByteOffset();
        try (JsonParser again = TraceBody.MAPPER.createParser(body, (int) start, (int) (end - start))) {
            again.nextToken();
            return readSpanByDataBinding(again, index);
        }
    }

    /**
     * Skips the value the parser is on, decoding every string in it as reading it would: a body whose bytes are not
     * valid UTF-8 fails here, at its own line and column, whichever field it is in.
     */
    private static void decodeAndSkip(JsonParser parser) throws IOException {
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

    /**
     * The span as Jackson's data binding reads it, from a tree of the span in which structured payloads became
     * their JSON text.
     */
    static Wire.Span readSpanByDataBinding(JsonParser parser, int index) throws IOException {
        ObjectNode span = TraceBody.MAPPER.readTree(parser);
        for (String field : PAYLOAD_FIELDS) {
            JsonNode payload = span.get(field);
            if (payload != null && !payload.isNull() && !payload.isTextual()) {
                span.put(field, payload.toString());
            }
        }
        try {
            return SPAN_READER.readValue(span);
        } catch (JsonProcessingException e) {
            throw TraceBody.notTraceJson(
                    "span " + index + " has " + offendingField(e) + " of a type the contract does not allow");
        }
    }

    private static String offendingField(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && mapping.getPath().get(0).getFieldName() != null) {
            return "the field `" + mapping.getPath().get(0).getFieldName() + "`";
        }
        return "a field";
    }

    /**
     * The fields of one span as the body gives them; a field missing from the body keeps its record default. With a
     * preview length, payloads become previews and attributes are checked but not kept.
     */
    private static final class SpanFields {
        final int previewLength;
        Preview inputPreview;
        Preview outputPreview;
        String traceId;
        String spanId;
        String parentSpanId;
        String spanName;
        String spanType;
        String status;
        long startTimeNs;
        long endTimeNs;
        long durationNs;
        String input;
        String output;
        Long inputTokens;
        Long outputTokens;
        String model;
        String provider;
        Map<String, Object> attributes;
        /** Set once a value needed the data binding's rules. */
        boolean unusual;

        /** The body, its string previewer and the parser's decoded-text previewer, shared by its spans. */
        final byte[] body;
        final JsonStringPreview scanner;
        final PreviewWriter writer;

        SpanFields(int previewLength, byte[] body, JsonStringPreview scanner, PreviewWriter writer) {
            this.previewLength = previewLength;
            this.body = body;
            this.scanner = scanner;
            this.writer = writer;
        }

        /** Takes one field's value; false, with the value skipped, when its shape needs the data binding's rules. */
        boolean read(String field, JsonToken value, JsonParser parser) throws IOException {
            switch (field) {
                case "trace_id" -> traceId = text(value, parser);
                case "span_id" -> spanId = text(value, parser);
                case "parent_span_id" -> parentSpanId = text(value, parser);
                case "span_name" -> spanName = text(value, parser);
                case "span_type" -> spanType = text(value, parser);
                case "status" -> status = text(value, parser);
                case "model" -> model = text(value, parser);
                case "provider" -> provider = text(value, parser);
                case "start_time_ns" -> startTimeNs = time(value, parser);
                case "end_time_ns" -> endTimeNs = time(value, parser);
                case "duration_ns" -> durationNs = time(value, parser);
                case "input_tokens" -> inputTokens = count(value, parser);
                case "output_tokens" -> outputTokens = count(value, parser);
                case "input" -> {
                    if (previewLength > 0) {
                        inputPreview = preview(value, parser);
                    } else {
                        input = payload(value, parser);
                    }
                }
                case "output" -> {
                    if (previewLength > 0) {
                        outputPreview = preview(value, parser);
                    } else {
                        output = payload(value, parser);
                    }
                }
                case "attributes" -> {
                    if (value == JsonToken.START_OBJECT && previewLength > 0) {
                        decodeAndSkip(parser);
                    } else if (value == JsonToken.START_OBJECT) {
                        attributes = ATTRIBUTES_READER.readValue(parser);
                    } else if (value == JsonToken.VALUE_NULL) {
                        attributes = null;
                    } else {
                        return skip(parser);
                    }
                }
                default -> decodeAndSkip(parser);
            }
            return !unusual;
        }

        private String text(JsonToken value, JsonParser parser) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            if (value != JsonToken.VALUE_NULL) {
                skip(parser);
            }
            return null;
        }

        private long time(JsonToken value, JsonParser parser) throws IOException {
            if (value == JsonToken.VALUE_NUMBER_INT && isLong(parser)) {
                return parser.getLongValue();
            }
            if (value != JsonToken.VALUE_NULL) {
                skip(parser);
            }
            return 0;
        }

        private Long count(JsonToken value, JsonParser parser) throws IOException {
            if (value == JsonToken.VALUE_NUMBER_INT && isLong(parser)) {
                return parser.getLongValue();
            }
            if (value != JsonToken.VALUE_NULL) {
                skip(parser);
            }
            return null;
        }

        /** A string as it is; null as null; any other JSON value as its JSON text, as the data binding path has it. */
        private static String payload(JsonToken value, JsonParser parser) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            JsonNode node = TraceBody.MAPPER.readTree(parser);
            return node.toString();
        }

        /**
         * The payload's preview; null for null. A string is previewed from its bytes in the body, and the parser
         * only passes over it on its next token; one the previewer leaves to the parser is decoded by it, straight
         * into a {@link PreviewWriter}.
         */
        private Preview preview(JsonToken value, JsonParser parser) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                Preview read = scanner.scan(body, (int) parser.currentTokenLocation().getByteOffset());
                if (read != null) {
                    return read;
                }
                parser.getText(writer.reset());
                return writer.preview();
            }
            String text = payload(value, parser);
            return text == null ? null : Markdown.preview(text, previewLength);
        }

        private static boolean isLong(JsonParser parser) throws IOException {
            JsonParser.NumberType type = parser.getNumberType();
            return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
        }

        private boolean skip(JsonParser parser) throws IOException {
            decodeAndSkip(parser);
            unusual = true;
            return false;
        }

        Wire.Span toSpan() {
            return new Wire.Span(traceId, spanId, parentSpanId, spanName, spanType, status, startTimeNs, endTimeNs,
                    durationNs, input, output, inputTokens, outputTokens, model, provider, attributes);
        }
    }
}
