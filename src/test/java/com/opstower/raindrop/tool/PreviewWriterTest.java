package com.opstower.raindrop.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PreviewWriterTest {

    private static final String[] PIECES = {"a", "bc", " ", "  ", "\n", "\t", "\u00a0", "\u2028", "é", "東", "😀", "\u007f"};

    @Test
    void previewsTextWrittenInAnyPiecesAsMarkdownPreviewDoes() {
        Random random = new Random(5);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            while (text.length() < length) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            int max = random.nextInt(50);
            PreviewWriter writer = new PreviewWriter(max);
            char[] chars = text.toString().toCharArray();
            for (int at = 0; at < chars.length; ) {
                int piece = Math.min(chars.length - at, random.nextInt(8));
                writer.write(chars, at, piece);
                at += piece;
            }
            assertEquals(Markdown.preview(text.toString(), max), writer.preview(), text + " / " + max);
        }
    }

    @Test
    void takesStringsToo() {
        PreviewWriter writer = new PreviewWriter(5);
        writer.write("  hello\n\n" + "x".repeat(10_000), 0, 10_009);
        assertEquals(Markdown.preview("  hello\n\n" + "x".repeat(10_000), 5), writer.preview());
    }
}
