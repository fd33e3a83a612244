package com.opstower.raindrop.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParser;
import com.opstower.raindrop.queryapi.Wire.Span;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ToolFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The field-by-field span reader against Jackson's data binding, which it must agree with on every span. */
class TraceParserReferenceTest {

    private static final List<String> SPANS = List.of(
            "{}",
            "{\"span_id\":\"a\",\"parent_span_id\":null,\"start_time_ns\":12,\"end_time_ns\":null,\"duration_ns\":3,"
                    + "\"input_tokens\":5,\"output_tokens\":null,\"input\":\"x\\ny\",\"output\":null,\"model\":\"m\","
                    + "\"provider\":\"p\",\"attributes\":{\"i\":1,\"l\":12345678901,\"d\":0.25,\"s\":\"v\",\"b\":true,"
                    + "\"n\":null,\"o\":{\"k\":[1,\"2\",{}]},\"a\":[],\"big\":123456789012345678901234567890}}",
            "{\"span_id\":\"a\",\"span_id\":\"b\",\"input\":1,\"input\":\"late\"}",
            "{\"input\":{\"order_id\":1042,\"tags\":[\"x\"],\"f\":1.50,\"e\":1e3},\"output\":[1,[2],{\"a\":null}]}",
            "{\"input\":42,\"output\":-0.5e-3}",
            "{\"input\":true,\"output\":false}",
            "{\"attributes\":null,\"links\":[{\"span_id\":\"x\"}],\"unknown\":{\"deep\":[[[\"é\"]]]}}",
            // Shapes only the data binding decides: coerced, or refused with its message.
            "{\"span_id\":42,\"span_name\":1.50,\"status\":true}",
            "{\"start_time_ns\":\"123\",\"duration_ns\":1.9,\"input_tokens\":\"7\",\"output_tokens\":2.5}",
            "{\"start_time_ns\":123456789012345678901234567890}",
            "{\"span_id\":\"a\",\"attributes\":\"\"}",
            "{\"span_id\":\"a\",\"start_time_ns\":\"soon\"}",
            "{\"span_id\":{\"nested\":1}}",
            "{\"attributes\":[1,2]}",
            "{\"model\":[\"gpt\"],\"attributes\":{\"k\":1}}",
            "{\"input_tokens\":true}");

    @Test
    void agreesWithTheDataBindingOnEveryShape() throws IOException {
        for (String span : SPANS) {
            assertSameOutcome(span);
        }
    }

    @Test
    void agreesWithTheDataBindingOnTheFixtures() throws IOException {
        for (String name : List.of("refund-3-spans.json", "orphans.json", "unknown-kinds.json")) {
            byte[] body = Snapshots.resource("fixtures/traces/" + name).getBytes(StandardCharsets.UTF_8);
            List<Span> fast = TraceParser.parse(body);
            List<Span> reference = new java.util.ArrayList<>();
            TraceBody.forEachSpan(body, (parser, index) -> reference.add(TraceParser.readSpanByDataBinding(parser, index)));
            assertEquals(reference, fast, name);
        }
    }

    private static void assertSameOutcome(String span) throws IOException {
        byte[] body = ("{\"data\":[" + span + "]}").getBytes(StandardCharsets.UTF_8);
        Object reference;
        try (JsonParser parser = TraceBody.MAPPER.createParser(span)) {
            parser.nextToken();
            reference = TraceParser.readSpanByDataBinding(parser, 0);
        } catch (ToolFailure failure) {
            reference = failure.getMessage();
        }
        Object fast;
        try {
            fast = TraceParser.parse(body).get(0);
        } catch (ToolFailure failure) {
            fast = failure.getMessage();
        }
        assertEquals(reference, fast, span);
    }

    @Test
    void reportsInvalidUtf8AnywhereInASpanAtItsPlaceInTheBody() {
        byte[] body = "{\"data\":[{\"span_id\":\"a\",\"unknown\":\"\u00e9\"}]}".getBytes(StandardCharsets.UTF_8);
        body[body.length - 6] = (byte) 0x41; // the second byte of é: an invalid continuation
        ToolFailure failure = assertThrows(ToolFailure.class, () -> TraceParser.parse(body));
        assertEquals(true, failure.getMessage().contains("malformed JSON at line 1, column"), failure.getMessage());
    }
}
