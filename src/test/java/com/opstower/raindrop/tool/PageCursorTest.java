package com.opstower.raindrop.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {

    @Test
    void noCursorIsTheFirstPageAndAnyOtherCursorGoesUpstreamAsItIs() {
        assertEquals(PageCursor.FIRST, PageCursor.parse(null));
        assertEquals(new PageCursor("eyJvZmZzZXQiOjJ9", 0), PageCursor.parse("eyJvZmZzZXQiOjJ9"));
        assertEquals(new PageCursor("skip:x:c", 0), PageCursor.parse("skip:x:c"));
    }

    @Test
    void aSkippingCursorReadsTheSamePageAgainPastTheItemsShown() {
        PageCursor start = PageCursor.parse("skip:14:eyJvZmZzZXQiOjJ9");
        assertEquals(new PageCursor("eyJvZmZzZXQiOjJ9", 14), start);
        assertEquals(34, start.upstreamLimit(20));
        assertEquals(PageCursor.MAX_PAGE, start.upstreamLimit(100));
        assertEquals(List.of(15, 16), start.unseen(java.util.stream.IntStream.rangeClosed(1, 16).boxed().toList()));
        assertTrue(start.unseen(List.of(1, 2)).isEmpty());
        assertEquals("skip:20:eyJvZmZzZXQiOjJ9", start.after(6));
    }

    @Test
    void theFirstPageSkipsWithAnEmptyUpstreamCursor() {
        String rest = PageCursor.FIRST.after(14);
        assertEquals("skip:14:", rest);
        assertEquals(new PageCursor(null, 14), PageCursor.parse(rest));
        assertEquals(20, PageCursor.FIRST.upstreamLimit(20));
    }

    @ParameterizedTest
    @ValueSource(strings = {"skip:0:c", "skip:100:c", "skip:999999999:"})
    void aSkipNoAnswerGivesIsRefused(String cursor) {
        ToolFailure failure = assertThrows(ToolFailure.class, () -> PageCursor.parse(cursor));
        assertEquals(ErrorCode.INVALID_ARGUMENT, failure.code());
        assertTrue(failure.getMessage().startsWith("`cursor` skips "), failure.getMessage());
    }

    @Test
    void aPageFitSaysHowToReadOnFromTheFirstItemNotShown() {
        List<String> items = List.of("a".repeat(10), "b".repeat(10), "c".repeat(10));
        PageFit cut = PageFit.of(items, 25, PageCursor.parse("cur_1"), "cur_2", fit -> 5);
        assertEquals(new PageFit(2, 3, "skip:2:cur_1"), cut);
        assertEquals("Showing 2 of 3 events on this page", cut.heading("event"));
        assertEquals("The other 1 event of this page did not fit this answer: call list_events again with "
                + "`cursor: \"skip:2:cur_1\"` and the same filters to read on from the first one not shown.\n",
                cut.nextLine("list_events", "event", " and the same filters"));
        PageFit whole = PageFit.of(items, 35, PageCursor.parse("cur_1"), "cur_2", fit -> 5);
        assertEquals(new PageFit(3, 3, "cur_2"), whole);
        assertEquals("3 events on this page", whole.heading("event"));
        assertEquals("More events match: call list_events again with `cursor: \"cur_2\"`.\n",
                whole.nextLine("list_events", "event", ""));
        PageFit last = PageFit.of(items, 35, PageCursor.FIRST, null, fit -> 5);
        assertEquals("3 events", last.heading("event"));
        assertEquals("", last.nextLine("list_events", "event", ""));
    }
}
