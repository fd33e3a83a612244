package com.opstower.raindrop.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.opstower.raindrop.queryapi.Wire.Span;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.ToolFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceParserTest {

    @Test
    void readsTheContractExample() {
        List<Span> spans = TraceFixtures.fixture("refund-3-spans.json");

        assertEquals(3, spans.size());
        Span llm = spans.get(1);
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", llm.traceId());
        assertEquals("53995c3f42cd8ad8", llm.spanId());
        assertEquals("00f067aa0ba902b7", llm.parentSpanId());
        assertEquals("LLM_GENERATION", llm.spanType());
        assertEquals(1_795_986_578_010_000_000L, llm.startTimeNs());
        assertEquals(1_110_000_000L, llm.durationNs());
        assertEquals(812L, llm.inputTokens());
        assertEquals("Let me look up order 1042 and check for a duplicate charge.", llm.output());
        assertEquals(Map.of("gen_ai.system", "openai", "gen_ai.request.model", "gpt-5", "ai.operationId", "ai.generateText"),
                llm.attributes());
        assertNull(spans.get(0).parentSpanId());
    }

    @Test
    void keepsStructuredPayloadsAsTheirJsonText() {
        Span span = parse("{\"data\":[{\"span_id\":\"a\",\"input\":{\"order_id\":1042,\"tags\":[\"x\"]},\"output\":42}]}").get(0);

        assertEquals("{\"order_id\":1042,\"tags\":[\"x\"]}", span.input());
        assertEquals("42", span.output());
    }

    @Test
    void ignoresUnknownFieldsAndTreatsMissingTimesAsZero() {
        List<Span> spans = parse("{\"meta\":{\"x\":[1,2]},\"data\":[{\"span_id\":\"a\",\"links\":[{\"span_id\":\"b\"}],"
                + "\"start_time_ns\":null}],\"next\":null}");

        assertEquals(1, spans.size());
        assertEquals("a", spans.get(0).spanId());
        assertEquals(0, spans.get(0).startTimeNs());
        assertEquals(0, spans.get(0).endTimeNs());
    }

    @Test
    void readsAnEmptyTrace() {
        assertEquals(List.of(), parse("{\"data\":[]}"));
    }

    @Test
    void rejectsBodiesThatAreNotTheContractsJson() {
        assertBadResponse("{\"data\":[{\"span_id\":\"a\"}", "malformed JSON at line 1, column 25");
        assertBadResponse("", "the body is not a JSON object");
        assertBadResponse("[{\"span_id\":\"a\"}]", "the body is not a JSON object");
        assertBadResponse("{\"spans\":[]}", "it has no `data` array");
        assertBadResponse("{\"data\":null}", "it has no `data` array");
        assertBadResponse("{\"data\":{\"span_id\":\"a\"}}", "it has no `data` array");
        assertBadResponse("{\"data\":[null]}", "element 0 of `data` is null, not a span object");
        assertBadResponse("{\"data\":[{},\"span\"]}", "element 1 of `data` is a string, not a span object");
        assertBadResponse("{\"data\":[]} {}", "content follows the JSON object");
        assertBadResponse("{\"data\":[{\"span_id\":\"a\",\"start_time_ns\":\"soon\"}]}",
                "span 0 has the field `start_time_ns` of a type the contract does not allow");
    }

    private static void assertBadResponse(String body, String why) {
        ToolFailure failure = assertThrows(ToolFailure.class, () -> parse(body));
        assertEquals(ErrorCode.UPSTREAM_BAD_RESPONSE, failure.code());
        assertEquals("Raindrop's trace body is not the JSON its Query API contract describes ({\"data\":[span,...]}): "
                + why + ".", failure.getMessage());
        assertEquals("Try again later; if it persists, report it with the event id.", failure.nextStep());
    }

    private static List<Span> parse(String body) {
        return TraceParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
