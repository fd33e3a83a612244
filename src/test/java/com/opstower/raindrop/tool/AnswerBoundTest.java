package com.opstower.raindrop.tool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The net under every answer: what fits passes as it is; what does not is cut where it stays readable, and says so. */
class AnswerBoundTest {

    private static final int MAX = AnswerBound.MAX_TEXT_CHARS;

    @Test
    void leavesAnAnswerThatFitsAsItIs() {
        ToolResult result = ToolResult.ok("x".repeat(MAX), Map.of("ids", List.of("a", "b")));
        assertSame(result, AnswerBound.fit(result));
    }

    @Test
    void cutsTextAtALineAndSaysWhatToDo() {
        String line = "- item " + "y".repeat(90) + "\n";
        String text = line.repeat(1_000);
        String cut = AnswerBound.fit(ToolResult.ok(text, Map.of())).text();
        assertTrue(cut.length() <= MAX, cut.length() + " characters");
        String kept = cut.substring(0, cut.indexOf("\n**Answer cut**"));
        assertEquals("", kept.replace(line, ""), "whole lines only");
        assertTrue(cut.endsWith("**Answer cut** at 45000 characters of " + text.length()
                + " characters. Next: narrow the call (a smaller `limit`, a filter, or the tool that reads one item) to see"
                + " the rest.\n"), cut.substring(cut.length() - 300));
    }

    @Test
    void closesACodeBlockItCutsIn() {
        String text = "## Span\n\n````json\n" + "{\"a\": \"```\"}\n".repeat(5_000) + "````\n";
        String cut = AnswerBound.fit(ToolResult.ok(text, Map.of())).text();
        assertTrue(cut.length() <= MAX);
        assertTrue(cut.contains("{\"a\": \"```\"}\n````\n\n**Answer cut**"), cut.substring(cut.length() - 400));
    }

    @Test
    void cutsLongStringsThenTheLongestListAndFlagsIt() throws Exception {
        List<Map<String, Object>> items = Collections.nCopies(2_000, Map.of("id", "evt_1", "name", "n".repeat(5_000)));
        ToolResult result = AnswerBound.fit(ToolResult.ok("text", Map.of("cursor", "c1", "items", items)));
        String json = new ObjectMapper().writeValueAsString(result.data());
        assertTrue(json.length() <= MAX, json.length() + " characters");
        assertEquals(true, result.data().get("answer_cut"));
        assertEquals("c1", result.data().get("cursor"));
        List<?> kept = (List<?>) result.data().get("items");
        assertTrue(!kept.isEmpty() && kept.size() < 2_000, kept.size() + " items");
        assertEquals("n".repeat(AnswerBound.MAX_DATA_STRING_CHARS) + "…", ((Map<?, ?>) kept.get(0)).get("name"));
    }

    @Test
    void fairSharesGiveSmallPartsWhatTheyAskAndSplitTheRestEvenly() {
        assertArrayEquals(new int[] {10, 45, 45}, AnswerBound.fairShares(new int[] {10, 100, 1000}, 100));
        assertArrayEquals(new int[] {10, 20, 30}, AnswerBound.fairShares(new int[] {10, 20, 30}, 100));
        assertArrayEquals(new int[] {33, 33, 34}, AnswerBound.fairShares(new int[] {50, 50, 50}, 100));
        assertArrayEquals(new int[] {0, 0}, AnswerBound.fairShares(new int[] {5, 5}, -3));
        assertArrayEquals(new int[] {}, AnswerBound.fairShares(new int[] {}, 100));
    }
}
