package com.opstower.raindrop.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonParser;
import com.opstower.raindrop.tool.Markdown;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Previews read from the raw bytes against Jackson's decoding of the same JSON string, then Markdown.preview. */
class JsonStringPreviewTest {

    private static final String[] PIECES = {"a", "word", "longer words here", " ", "  ", "\\n", "\\t", "\\r\\n", "\\\"",
        "\\\\", "\\/", "\\b", "\\f", "\\u00a0", "\\u2028", "\\u0041", "\\ud83d\\ude00", "\\uD83D", "é", "ü", "東京", "😀",
        "\u00a0", "\u2003", "\u3000", "\u0085", "\u007f", "`", "x".repeat(9), " ".repeat(9)};

    @Test
    void previewsEveryStringAsTheParserDecodesIt() throws Exception {
        Random random = new Random(17);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder literal = new StringBuilder("\"");
            int pieces = random.nextInt(random.nextInt(10) == 0 ? 400 : 40);
            for (int i = 0; i < pieces; i++) {
                literal.append(PIECES[random.nextInt(PIECES.length)]);
            }
            literal.append('"');
            int max = 1 + random.nextInt(random.nextBoolean() ? 8 : 250);
            byte[] body = ("[" + literal + "]").getBytes(StandardCharsets.UTF_8);
            assertEquals(expected(body, max), new JsonStringPreview(max).scan(body, 1), literal + " / " + max);
        }
    }

    @Test
    void leavesToTheParserWhatItWouldNotDecodePlainly() {
        byte[][] bodies = {
            bytes("[\"ab\\x\"]"), bytes("[\"ab\\u12G4\"]"), bytes("[\"ab\tc\"]"), bytes("[\"abc"), bytes("[\"ab\\"),
            {'[', '"', 'a', (byte) 0xC3, 'b', '"', ']'},
            {'[', '"', 'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']'},
            {'[', '"', 'a', (byte) 0xF8, '"', ']'},
            {'[', '"', 'a', (byte) 0x80, '"', ']'},
            {'[', '"', 'a', (byte) 0xE2, (byte) 0x82, '"', ']'}};
        for (byte[] body : bodies) {
            for (int max : new int[] {1, 2, 200}) {
                assertNull(new JsonStringPreview(max).scan(body, 1), new String(body, StandardCharsets.ISO_8859_1));
            }
        }
        assertNull(new JsonStringPreview(5).scan(bytes("[1]"), 1));
        String huge = "[\"" + "ab ".repeat(JsonStringPreview.LONGEST / 3 + 1) + "\"]";
        assertNull(new JsonStringPreview(5).scan(bytes(huge), 1));
    }

    @Test
    void countsPastTheShownPartEightBytesAtATimeAndAcrossEveryBoundary() throws Exception {
        // Runs of spaces and DEL at every offset of an 8-byte block, between plain words and escapes.
        Random random = new Random(23);
        String[] tokens = {"abcdefg", "h", " ", "   ", "\u007f", "\\n", "é", "x y", "        ", "12345678"};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder literal = new StringBuilder("\"");
            for (int i = random.nextInt(120); i > 0; i--) {
                literal.append(tokens[random.nextInt(tokens.length)]);
            }
            literal.append('"');
            byte[] body = ("[" + literal + "]").getBytes(StandardCharsets.UTF_8);
            int max = 1 + random.nextInt(12);
            assertEquals(expected(body, max), new JsonStringPreview(max).scan(body, 1), literal.toString());
        }
    }

    private static Markdown.Preview expected(byte[] body, int max) throws Exception {
        try (JsonParser parser = TraceBody.MAPPER.createParser(body)) {
            parser.nextToken();
            parser.nextToken();
            return Markdown.preview(parser.getText(), max);
        }
    }

    private static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
