package com.opstower.raindrop.trace;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.ToolFailure;
import java.io.IOException;
import java.io.InputStream;

/**
 * Walks a {@code /v1/traces} body, {@code {"data":[span,...]}}, as a token stream, so that a body of many megabytes
 * is never held as a tree. Both the tree renderer and file mode read the body through here, so that they agree
 * on what a valid body is.
 */
final class TraceBody {

    /** Plain mapper: the wire records carry their own naming and unknown-field annotations. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private TraceBody() {
    }

    /** Reads one element of {@code data}: the parser is on its {@code START_OBJECT} and must be left on its end. */
    @FunctionalInterface
    interface SpanVisitor {
        void visit(JsonParser parser, int index) throws IOException;
    }

    /** Where the tokens come from: an array, or a stream over a body held in pieces. */
    @FunctionalInterface
    private interface Source {
        JsonParser open() throws IOException;
    }

    /** Calls the visitor once per span of the body, in order, and returns how many there were. */
    static int forEachSpan(byte[] body, SpanVisitor visitor) {
        return forEachSpan(() -> MAPPER.createParser(body), visitor);
    }

    /** The same over a stream, which is read to its end and closed. */
    static int forEachSpan(InputStream body, SpanVisitor visitor) {
        return forEachSpan(() -> MAPPER.createParser(body), visitor);
    }

    private static int forEachSpan(Source source, SpanVisitor visitor) {
        try (JsonParser parser = source.open()) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notTraceJson("the body is not a JSON object");
            }
            int spans = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isData = "data".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (isData && value == JsonToken.START_ARRAY && spans < 0) {
                    spans = visitArray(parser, visitor);
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

    private static int visitArray(JsonParser parser, SpanVisitor visitor) throws IOException {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw notTraceJson("element " + index + " of `data` is " + describe(parser.currentToken())
                        + ", not a span object");
            }
            visitor.visit(parser, index++);
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
}
