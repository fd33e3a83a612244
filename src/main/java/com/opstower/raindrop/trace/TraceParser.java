package com.opstower.raindrop.trace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opstower.raindrop.raindrop.Wire;
import com.opstower.raindrop.tool.ToolFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the spans of a {@code /v1/traces} body. The body is streamed and only one span at a time is a tree, so a
 * large trace costs little more than its records. Unknown fields are ignored; an {@code input} or {@code output}
 * sent as a JSON object, array or number is kept as its JSON text, because instrumentations differ in how they
 * serialize payloads and the agent still wants to read them.
 */
public final class TraceParser {

    private static final ObjectReader SPAN_READER = TraceBody.MAPPER.readerFor(Wire.Span.class);
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
        TraceBody.forEachSpan(body, (parser, index) -> spans.add(readSpan(parser, index)));
        return spans;
    }

    private static Wire.Span readSpan(JsonParser parser, int index) throws IOException {
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
}
