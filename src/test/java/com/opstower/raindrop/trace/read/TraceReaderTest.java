package com.opstower.raindrop.trace.read;

import static com.opstower.raindrop.trace.TraceFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.trace.TraceFixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceReaderTest {

    @Test
    void readsTheContractExample() {
        List<TraceSpan> spans = read(TraceFixtures.fixture("refund-3-spans.json"), 200);

        assertEquals(3, spans.size());
        TraceSpan llm = spans.get(1);
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", llm.traceId());
        assertEquals("53995c3f42cd8ad8", llm.spanId());
        assertEquals("00f067aa0ba902b7", llm.parentSpanId());
        assertEquals("ai.generateText", llm.spanName());
        assertEquals("LLM_GENERATION", llm.spanType());
        assertEquals("OK", llm.status());
        assertEquals(1_795_986_578_010_000_000L, llm.startTimeNs());
        assertEquals(1_795_986_579_120_000_000L, llm.endTimeNs());
        assertEquals(1_110_000_000L, llm.durationNs());
        assertEquals(812L, llm.inputTokens());
        assertEquals(41L, llm.outputTokens());
        assertEquals("gpt-5", llm.model());
        assertEquals("openai", llm.provider());
        assertEquals("Let me look up order 1042 and check for a duplicate charge.", llm.output().head());
        assertFalse(llm.output().clipped());
        SpanPayload input = read(TraceFixtures.fixture("refund-3-spans.json"), 45).get(1).input();
        assertEquals("[{\"role\":\"system\",\"content\":\"You are a billin", input.head());
        assertTrue(input.clipped());
        assertEquals(128, input.length());
        assertNull(spans.get(0).parentSpanId());
        assertNull(spans.get(0).input());
        assertNull(spans.get(0).inputTokens());
    }

    @Test
    void previewsPayloadsOfEveryShapeAndReadsThemAgainWhole() {
        // payload as sent → {head, clipped, length, whole text}
        Map<String, List<Object>> payloads = Map.of(
                "\"  a\\n\\n b\\tc\"", List.of("a b c", false, 9, "  a\n\n b\tc"),
                "\"  \\n\\t \"", List.of("", false, 5, "  \n\t "),
                "\"" + "word ".repeat(10) + "\"", List.of("word word word wo", true, 50, "word ".repeat(10)),
                "\"abcdefghijklmnop\\ud83d\\ude00cd\"", List.of("abcdefghijklmnop", true, 20, "abcdefghijklmnop😀cd"),
                "{\"a\": 1.50}", List.of("{\"a\":1.5}", false, 9, "{\"a\":1.5}"),
                "{\"order_id\":1042, \"tags\":[\"x\"]}", List.of("{\"order_id\":1042,", true, 30,
                        "{\"order_id\":1042,\"tags\":[\"x\"]}"),
                "[1,  2]", List.of("[1,2]", false, 5, "[1,2]"),
                "42", List.of("42", false, 2, "42"),
                "true", List.of("true", false, 4, "true"));
        payloads.forEach((payload, expected) -> {
            ResponseBody body = body("{\"data\":[{\"span_id\":\"é\",\"input\":" + payload + ",\"output\":null}]}");
            List<TraceSpan> spans = read(body, 17);
            SpanPayload input = spans.get(0).input();
            assertEquals(expected, List.of(input.head(), input.clipped(), input.length(),
                    TraceReader.readPayload(body.toArray(), input, String::new)), payload);
            assertNull(spans.get(0).output());
        });
    }

    @Test
    void sayWhetherTwoPayloadsAreTheSameTextWhereverTheyLie() {
        String prompt = "[{\\\"role\\\":\\\"user\\\",\\\"content\\\":\\\"Où est ma commande ?\\\"}]";
        ResponseBody body = body("{\"data\":[{\"input\":\"" + prompt + "\",\"output\":\"done\"},"
                + "{\"span_id\":\"b\",\"input\":\"" + prompt + "\",\"output\":\"Done\"}]}");
        List<TraceSpan> spans = read(body, 10);
        byte[] bytes = body.toArray();

        assertTrue(TraceReader.samePayload(bytes, spans.get(0).input(), spans.get(1).input()));
        assertFalse(TraceReader.samePayload(bytes, spans.get(0).output(), spans.get(1).output()));
        assertFalse(TraceReader.samePayload(bytes, spans.get(0).input(), spans.get(1).output()));
        assertEquals("[{\"role\":\"user\",\"content\":\"Où est ma commande ?\"}]",
                TraceReader.readPayload(bytes, spans.get(1).input(), String::new));
    }

    @Test
    void ignoresUnknownFieldsAndTreatsMissingTimesAsZero() {
        List<TraceSpan> spans = read(body("{\"meta\":{\"x\":[1,2]},\"data\":[{\"span_id\":\"a\",\"links\":[{\"span_id\":\"b\"}],"
                + "\"start_time_ns\":null,\"attributes\":{\"k\":[1,{\"v\":\"é\"}]}}],\"next\":null}"), 200);

        assertEquals(1, spans.size());
        assertEquals("a", spans.get(0).spanId());
        assertEquals(0, spans.get(0).startTimeNs());
        assertEquals(0, spans.get(0).endTimeNs());
    }

    @Test
    void takesIntegersSentAsStringsOrFractionsAndScalarsSentWhereTextIsDue() {
        TraceSpan span = read(body("{\"data\":[{\"start_time_ns\":\" 123 \",\"end_time_ns\":\"\",\"duration_ns\":1.9,"
                + "\"input_tokens\":\"7\",\"output_tokens\":2.5,\"span_id\":42,\"status\":true}]}"), 200).get(0);

        assertEquals(123, span.startTimeNs());
        assertEquals(0, span.endTimeNs());
        assertEquals(1, span.durationNs());
        assertEquals(7L, span.inputTokens());
        assertEquals(2L, span.outputTokens());
        assertEquals("42", span.spanId());
        assertEquals("true", span.status());
    }

    @Test
    void readsAnEmptyTrace() {
        assertEquals(List.of(), read(body("{\"data\":[]}"), 200));
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
        assertBadResponse("{\"data\":[[1]]}", "element 0 of `data` is an array, not a span object");
        assertBadResponse("{\"data\":[true]}", "element 0 of `data` is a boolean, not a span object");
        assertBadResponse("{\"data\":[{},]}", "malformed JSON at line 1, column 13");
        assertBadResponse("{\"data\":[]} {}", "content follows the JSON object");
        assertBadResponse("{\"data\":[]}x", "malformed JSON at line 1, column 12");
    }

    @Test
    void rejectsFieldsOfATypeTheContractDoesNotAllow() {
        Map<String, String> badFields = Map.of(
                "{\"span_id\":\"a\",\"start_time_ns\":\"soon\"}", "start_time_ns",
                "{\"start_time_ns\":\"1.5\"}", "start_time_ns",
                "{\"start_time_ns\":1e30}", "start_time_ns",
                "{\"input_tokens\":9223372036854775808}", "input_tokens",
                "{\"output_tokens\":true}", "output_tokens",
                "{\"span_id\":{\"nested\":1}}", "span_id",
                "{\"model\":[\"gpt\"],\"status\":{}}", "model",
                "{\"attributes\":\"\"}", "attributes",
                "{\"attributes\":[1,2]}", "attributes");
        badFields.forEach((span, field) -> assertBadResponse("{\"data\":[{},{\"x\":[1]," + span.substring(1) + "]}",
                "span 1 has the field `" + field + "` of a type the contract does not allow"));
        // Malformed JSON later in the span is what the read reports.
        assertBadResponse("{\"data\":[{\"start_time_ns\":\"soon\",\"x\":[}]}", "malformed JSON at line 1, column 39");
    }

    @Test
    void rejectsBytesThatAreNotUtf8WhereverTheyAre() {
        byte[][] notUtf8 = {{(byte) 0xC3, 'x'}, {(byte) 0x80}, {(byte) 0xF8}, {'\t'}, {'\\', 'q'}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
        int[] columns = {36, 35, 35, 34, 35, 37, 37};
        Map<String, Integer> fieldShift = Map.of("input", 0, "span_name", 4, "unknown", 2);
        for (int i = 0; i < notUtf8.length; i++) {
            for (Map.Entry<String, Integer> field : fieldShift.entrySet()) {
                boolean encodedSurrogate = i == notUtf8.length - 1;
                if (encodedSurrogate && field.getKey().equals("unknown")) {
                    // Skipped unread: Jackson checks the UTF-8 sequence, not what it encodes.
                    continue;
                }
                for (int words : new int[] {0, 250}) {
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    body.writeBytes(("{\"data\":[{\"span_id\":\"a\",\"" + field.getKey() + "\":\"" + "w ".repeat(words))
                            .getBytes(StandardCharsets.UTF_8));
                    body.writeBytes(notUtf8[i]);
                    body.writeBytes(" tail\"}]}".getBytes(StandardCharsets.UTF_8));
                    int column = columns[i] + field.getValue() + 2 * words;
                    ToolFailure failure = assertThrows(ToolFailure.class,
                            () -> read(ResponseBody.of(body.toByteArray()), 200));
                    assertEquals(message("malformed JSON at line 1, column " + column), failure.getMessage(),
                            field.getKey() + " " + i + " " + words);
                }
            }
        }
    }

    @Test
    void countsOnlyTopLevelSpansWhateverTheyNest() {
        assertEquals(3, TraceReader.countSpans(TraceFixtures.fixture("refund-3-spans.json")));
        assertEquals(2, TraceReader.countSpans(body("{\"meta\":{\"data\":[{},{}]},\"data\":[{\"attributes\":{\"a\":[{\"b\":{}}]},"
                + "\"input\":{\"data\":[{}]}},{}],\"tail\":[[],[]]}")));
        assertEquals(0, TraceReader.countSpans(body("{\"data\":[]}")));
    }

    @Test
    void countingFailsLikeReadingOnBodiesThatAreNotTheContractsJson() {
        Map<String, String> bodies = Map.of(
                "{\"data\":[{}", "malformed JSON at line 1, column 12",
                "{\"data\":[{}]", "malformed JSON at line 1, column 13",
                "{}", "it has no `data` array",
                "{\"data\":[1]}", "element 0 of `data` is a number, not a span object",
                "not json", "malformed JSON at line 1, column 1");
        bodies.forEach((body, why) -> {
            ToolFailure failure = assertThrows(ToolFailure.class, () -> TraceReader.countSpans(body(body)), body);
            assertEquals(message(why), failure.getMessage(), body);
            assertThrows(ToolFailure.class, () -> read(body(body), 200), body);
        });
    }

    @Test
    void saysWhyAnErrorSpanFailedFromItsAttributesWhicheverWayItIsRead() {
        // attributes as sent → the reason of a span in ERROR
        Map<String, String> reasons = new java.util.LinkedHashMap<>();
        reasons.put("{\"http.response.status_code\":503,\"error.type\":\"503\",\"url.full\":\"https://x\"}", "HTTP 503");
        reasons.put("{\"http.response.status_code\":429,\"error.type\":\"AI_APICallError\"}", "HTTP 429, AI_APICallError");
        reasons.put("{\"http.status_code\":\"502\",\"error.type\":\"_OTHER\"}", "HTTP 502");
        reasons.put("{\"rpc.grpc.status_code\":14,\"error.type\":\"14\"}", "gRPC UNAVAILABLE (14)");
        reasons.put("{\"rpc.grpc.status_code\":99}", "gRPC 99");
        reasons.put("{\"exception.type\":\"TimeoutError\",\"error.type\":\"timeout\",\"exception.message\":\"read\\n timed out\"}",
                "TimeoutError: read timed out");
        reasons.put("{\"otel.status_description\":\"card declined\",\"error.message\":\"ignored\"}", "card declined");
        reasons.put("{\"error.type\":\"PaymentError\",\"error.message\":\"" + "x".repeat(300) + "\"}",
                "PaymentError: " + "x".repeat(105) + "…");
        reasons.put("{\"nested\":{\"error.type\":\"not top-level\"},\"list\":[\"error.type\"]}", null);
        reasons.put("{\"http.response.status_code\":null}", null);
        reasons.put("{}", null);
        reasons.forEach((attributes, reason) -> {
            String span = "{\"span_id\":\"a\",\"status\":\"error\",\"attributes\":" + attributes + "}";
            ResponseBody body = body("{\"data\":[" + span + "," + span.replace("\"error\"", "\"OK\"") + "]}");
            List<TraceSpan> spans = read(body, 200);
            assertEquals(reason, spans.get(0).errorReason(), attributes);
            assertNull(spans.get(1).errorReason(), "only a span in ERROR has a reason");
            List<TraceSpan> searched = new ArrayList<>();
            TraceReader.read(body.newInputStream(), 200, new TraceReader.TextVisitor() {
                @Override
                public void text(String field, String key, char[] chars, int offset, int length) {
                }

                @Override
                public boolean previews() {
                    return true;
                }
            }, searched::add);
            assertEquals(reason, searched.get(0).errorReason(), "read with a visitor: " + attributes);
            List<TraceSpan> whole = new ArrayList<>();
            TraceReader.readWhole(body.newInputStream(), id -> true, (read, payloads) -> whole.add(read));
            assertEquals(reason, whole.get(0).errorReason(), "read whole: " + attributes);
        });
        assertEquals(120, read(body("{\"data\":[{\"status\":\"ERROR\",\"attributes\":{\"exception.message\":\""
                + "y".repeat(500) + "\"}}]}"), 200).get(0).errorReason().length(), "a label, not the error's whole text");
    }

    private static void assertBadResponse(String body, String why) {
        ToolFailure failure = assertThrows(ToolFailure.class, () -> read(body(body), 200), body);
        assertEquals(ErrorCode.UPSTREAM_BAD_RESPONSE, failure.code());
        assertEquals(message(why), failure.getMessage(), body);
        assertEquals("Try again later; if it persists, report it with the event id.", failure.nextStep());
    }

    private static String message(String why) {
        return "Raindrop's trace body is not the JSON its Query API contract describes ({\"data\":[span,...]}): " + why + ".";
    }

    private static List<TraceSpan> read(ResponseBody body, int previewLength) {
        List<TraceSpan> spans = new ArrayList<>();
        int count = TraceReader.read(body.newInputStream(), previewLength, spans::add);
        assertEquals(spans.size(), count);
        return spans;
    }
}
