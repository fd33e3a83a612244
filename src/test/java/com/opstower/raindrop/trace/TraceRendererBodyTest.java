package com.opstower.raindrop.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.Wire.Span;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.trace.TraceRenderer.Options;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * get_trace renders straight from the raw body, previews made while parsing; the answer must be exactly the one the
 * parsed spans give ({@link TraceParser#parse} then {@link TraceRenderer#render(String, List, Options)}), which
 * the snapshot tests pin.
 */
class TraceRendererBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Options> OPTIONS = List.of(Options.withLimit(1000), Options.withLimit(3),
            new Options(200, 6_000, 1000), new Options(40, 3_000, 0), new Options(1, 2_000, 0));

    @Test
    void rendersTheFixturesAsTheParsedSpansDo() {
        for (String name : List.of("refund-3-spans.json", "orphans.json", "unknown-kinds.json", "unicode-payloads.json",
                "malformed-links.json")) {
            byte[] body = Snapshots.resource("fixtures/traces/" + name).getBytes(StandardCharsets.UTF_8);
            for (Options options : OPTIONS) {
                assertSameAnswer(body, options);
            }
        }
    }

    @Test
    void rendersGeneratedRunsAsTheParsedSpansDo() throws Exception {
        for (List<Span> spans : List.of(TraceFixtures.supportAgentRun(17), TraceFixtures.supportAgentRun(300),
                TraceFixtures.chain(35), randomSpans(new Random(11), 400))) {
            byte[] body = JSON.writeValueAsBytes(Map.of("data", spans));
            for (Options options : OPTIONS) {
                assertSameAnswer(body, options);
            }
        }
    }

    @Test
    void rendersPayloadsOfEveryShapeAsTheParsedSpansDo() {
        String[] payloads = {"null", "\"\"", "\"  \\n\\t \"", "42", "-1.50e3", "true", "{\"a\":[1,{\"b\":\"c d\"}]}",
            "[\"x\",  \"y\"]", "\"\\u00a0lead and trail\\u2028\"", "\"" + "word ".repeat(500) + "\"",
            "\"" + "😀".repeat(150) + "\""};
        for (String input : payloads) {
            for (String output : payloads) {
                String body = "{\"data\":[{\"span_id\":\"a\",\"input\":" + input + ",\"output\":" + output
                        + ",\"attributes\":{\"k\":[1,2]}},{\"span_id\":\"b\",\"parent_span_id\":\"a\",\"input\":" + output
                        + ",\"start_time_ns\":\"12\"}]}";
                for (Options options : OPTIONS) {
                    assertSameAnswer(body.getBytes(StandardCharsets.UTF_8), options);
                }
            }
        }
    }

    @Test
    void rejectsWhatTheParserRejects() {
        for (String body : new String[] {"", "{\"data\":[{\"span_id\":\"a\"}", "{\"spans\":[]}", "{\"data\":[null]}",
            "{\"data\":[{\"span_id\":\"a\",\"start_time_ns\":\"soon\"}]}", "{\"data\":[{\"attributes\":\"x\"}]}",
            "{\"data\":[]} {}"}) {
            assertSameAnswer(body.getBytes(StandardCharsets.UTF_8), Options.withLimit(1000));
        }
    }

    @Test
    void rejectsBytesThatAreNotUtf8InPayloadsAsTheParserDoes() {
        byte[][] payloads = {{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC3, 'x'}, {(byte) 0x80}, {(byte) 0xF8},
            {'\t'}, {'\\', 'q'}, {(byte) 0xE2, (byte) 0x82}};
        for (byte[] bad : payloads) {
            for (int at : new int[] {0, 3, 250}) {
                java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                body.writeBytes("{\"data\":[{\"span_id\":\"a\",\"input\":\"".getBytes(StandardCharsets.UTF_8));
                body.writeBytes("w ".repeat(at).getBytes(StandardCharsets.UTF_8));
                body.writeBytes(bad);
                body.writeBytes(" tail\"}]}".getBytes(StandardCharsets.UTF_8));
                assertSameAnswer(body.toByteArray(), Options.withLimit(1000));
            }
        }
    }

    @Test
    void readsPlainAndUnusualBodiesAlike() {
        String span = "{\"trace_id\":\"t\",\"span_id\":\"s1\",\"parent_span_id\":null,\"span_name\":\"n\",\"span_type\":"
                + "\"LLM_GENERATION\",\"status\":\"OK\",\"start_time_ns\":1795986578000000000,\"end_time_ns\":"
                + "1795986579000000000,\"duration_ns\":1000000000,\"input\":\"hi there\",\"output\":null,\"input_tokens\":"
                + "12,\"output_tokens\":null,\"model\":\"gpt-5\",\"provider\":\"openai\",\"attributes\":{\"a\":[1,-2.5e3,true,"
                + "false,null,{\"b\":\"\\u00e9\"}]}}";
        String[] bodies = {
            "{\"data\":[" + span + "]}",
            " \r\n\t{ \"data\" : [ " + span + " , " + span.replace("s1", "s2") + " ] } \n",
            "{\"data\":[" + span.replace("12,", "9223372036854775807,") + "]}",
            "{\"data\":[" + span.replace("12,", "9223372036854775808,") + "]}",
            "{\"data\":[" + span.replace("12,", "-0,") + "]}",
            "{\"data\":[" + span.replace("12,", "012,") + "]}",
            "{\"data\":[" + span.replace("12,", "12.0,") + "]}",
            "{\"data\":[" + span.replace("12,", "1e2,") + "]}",
            "{\"data\":[" + span.replace("12,", "\"12\",") + "]}",
            "{\"data\":[" + span.replace("\"hi there\"", "{\"x\":1.50,\"y\":\"\\u0041\\/\"}") + "]}",
            "{\"data\":[" + span.replace("\"hi there\"", "[1,2]") + "]}",
            "{\"data\":[" + span.replace("\"hi there\"", "42") + "]}",
            "{\"data\":[" + span.replace("\"n\"", "\"n\\u00e9\\n\\\"q\\\"\"") + "]}",
            "{\"data\":[" + span.replace("\"span_name\"", "\"span\\u005fname\"") + "]}",
            "{\"data\":[" + span + "],\"meta\":{}}",
            "{\"meta\":null,\"data\":[" + span + "]}",
            "{\"data\":[" + span + "],\"data\":[]}",
            "\ufeff{\"data\":[" + span + "]}",
            "{\"data\":[" + span + "]}x",
            "{\"data\":[" + span + ",]}",
            "{\"data\":[" + span.replace("null,\"span_name\"", "nul,\"span_name\"") + "]}",
            "{\"data\":[" + span.replace("true", "tru") + "]}",
            "{\"data\":[" + span.replace("[1,", "[01,") + "]}",
            "{\"data\":[" + span.replace("{\"b\"", "{'b'") + "]}",
            "{\"data\":[" + span.replace("\"attributes\":{", "\"attributes\":\"x\",\"z\":{") + "]}",
            "{\"data\":[" + span.replace("\"attributes\":{", "\"attributes\":[],\"z\":{") + "]}",
            "{\"data\":[" + span + "," + "[".repeat(100) + "]".repeat(100) + "]}",
            "{\"data\":[{\"x\":" + "[".repeat(100) + "]".repeat(100) + "}]}",
            "{\"data\":[{}]}", "{\"data\":[]}", "{\"data\":[{},{}]}", "{}", "{\"data\":{}}"};
        for (String body : bodies) {
            for (Options options : OPTIONS) {
                assertSameAnswer(body.getBytes(StandardCharsets.UTF_8), options);
            }
        }
    }

    @Test
    void readsMutatedBodiesAsTheParserDoes() throws Exception {
        Random random = new Random(29);
        byte[] original = JSON.writeValueAsBytes(Map.of("data", randomSpans(new Random(31), 12)));
        byte[] alphabet = " \t\n\r{}[],:\"\\/0123456789.-+eEtrufalsn\u007fab".getBytes(StandardCharsets.UTF_8);
        for (int n = 0; n < 3_000; n++) {
            byte[] body = original.clone();
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(body.length);
                int kind = random.nextInt(4);
                if (kind == 0) {
                    body[at] = alphabet[random.nextInt(alphabet.length)];
                } else if (kind == 1) {
                    body[at] = (byte) random.nextInt(256);
                } else if (kind == 2) {
                    byte[] shorter = new byte[body.length - 1];
                    System.arraycopy(body, 0, shorter, 0, at);
                    System.arraycopy(body, at + 1, shorter, at, body.length - at - 1);
                    body = shorter;
                } else {
                    byte[] longer = new byte[body.length + 1];
                    System.arraycopy(body, 0, longer, 0, at);
                    longer[at] = alphabet[random.nextInt(alphabet.length)];
                    System.arraycopy(body, at, longer, at + 1, body.length - at);
                    body = longer;
                }
            }
            assertSameAnswer(body, OPTIONS.get(n % OPTIONS.size()));
        }
    }

    private static void assertSameAnswer(byte[] body, Options options) {
        Object expected;
        try {
            expected = TraceRenderer.render("evt_x", TraceParser.parse(body), options);
        } catch (ToolFailure failure) {
            expected = failure.getMessage();
        }
        Object actual;
        try {
            actual = TraceRenderer.render("evt_x", body, options);
        } catch (ToolFailure failure) {
            actual = failure.getMessage();
        }
        assertEquals(expected, actual, () -> new String(body, StandardCharsets.UTF_8) + " with " + options);
    }

    /** Spans with payloads of mixed whitespace, scripts and lengths, some orphans, errors and untimed spans. */
    private static List<Span> randomSpans(Random random, int count) {
        String[] pieces = {"a", "word", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "é", "東京", "😀", "`", "\"", "\\", "\u0007"};
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] texts = new String[2];
            for (int t = 0; t < 2; t++) {
                if (random.nextInt(4) > 0) {
                    StringBuilder text = new StringBuilder();
                    int length = random.nextInt(3) == 0 ? random.nextInt(20) : random.nextInt(800);
                    while (text.length() < length) {
                        text.append(pieces[random.nextInt(pieces.length)]);
                    }
                    texts[t] = text.toString();
                }
            }
            String parent = i == 0 ? null : "s" + random.nextInt(i + 3);
            long start = random.nextInt(10) == 0 ? 0 : 1_795_986_578_000_000_000L + random.nextInt(1_000_000) * 1000L;
            spans.add(new Span("t" + random.nextInt(2), "s" + i, parent, "op " + i, random.nextBoolean() ? "LLM_GENERATION" : "TOOL_CALL",
                    random.nextInt(10) == 0 ? "ERROR" : "OK", start, start == 0 ? 0 : start + random.nextInt(5_000_000),
                    0, texts[0], texts[1], random.nextBoolean() ? (long) random.nextInt(900) : null, null,
                    random.nextBoolean() ? "gpt-5" : null, "openai", Map.of("k", i)));
        }
        return spans;
    }
}
