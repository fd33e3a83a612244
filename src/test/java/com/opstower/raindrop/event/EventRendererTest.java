package com.opstower.raindrop.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.Queries.EventQuery;
import com.opstower.raindrop.queryapi.Wire.ErrorSpan;
import com.opstower.raindrop.queryapi.Wire.Event;
import com.opstower.raindrop.queryapi.Wire.Meta;
import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.SignalScore;
import com.opstower.raindrop.queryapi.Wire.Single;
import com.opstower.raindrop.queryapi.Wire.ToolCall;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.PageCursor;
import com.opstower.raindrop.tool.AnswerBound;
import com.opstower.raindrop.tool.ToolResult;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The markdown the agent reads for events, pinned whole. */
class EventRendererTest {

    private static final int BOUND = AnswerBound.TOOL_TEXT_CHARS;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static <T> T read(String resource, TypeReference<T> type) throws Exception {
        return JSON.readValue(Snapshots.resource(resource), type);
    }

    private static EventQuery query(String convoId, String cursor) {
        return new EventQuery(convoId, null, null, null, null, java.util.Map.of(), Instant.parse("2026-11-20T00:00:00Z"), null,
                convoId == null ? "-timestamp" : "timestamp", 20, cursor);
    }

    @Test
    void listsAPage() throws Exception {
        Page<Event> page = read("wiremock/__files/events-list.json", new TypeReference<>() {
        });
        Snapshots.assertMatches("event/list.md",
                EventRenderer.list(page, query(null, null), PageCursor.FIRST, 160, BOUND).text());
    }

    @Test
    void listsTurnsOfAConversationWithPreviewsCutAndAnnounced() throws Exception {
        Event rich = read("fixtures/events/event-rich.json", new TypeReference<Single<Event>>() {
        }).data();
        Page<Event> page = new Page<>(List.of(rich, rich), new Meta("cur_2", true));
        ToolResult result = EventRenderer.list(page, query("conv_8f2c1a", null), PageCursor.FIRST, 60, BOUND);
        Snapshots.assertMatches("event/list-conversation.md", result.text());
        assertEquals("cur_2", result.data().get("next_cursor"));
    }

    @Test
    void saysWhatToTryWhenNothingMatched() {
        Page<Event> empty = new Page<>(List.of(), null);
        Snapshots.assertMatches("event/list-empty.md",
                EventRenderer.list(empty, query(null, null), PageCursor.FIRST, 160, BOUND).text());
    }

    @Test
    void showsOneEventInFullWithFencesContentCannotBreak() throws Exception {
        Event rich = read("fixtures/events/event-rich.json", new TypeReference<Single<Event>>() {
        }).data();
        Snapshots.assertMatches("event/single.md", EventDetail.render(rich, 20000, BOUND).text());
    }

    @Test
    void cutsFieldsPastTheBoundAndSaysHowMuch() throws Exception {
        Event rich = read("fixtures/events/event-rich.json", new TypeReference<Single<Event>>() {
        }).data();
        ToolResult result = EventDetail.render(rich, 40, BOUND);
        Snapshots.assertMatches("event/single-bounded.md", result.text());
        assertTrue(((List<?>) result.data().get("truncated_fields")).contains("User input"));
    }

    @Test
    void saysToolCallsAndErrorSpansTheRecordLacksAreNotRecordedAndNamesTheCallThatShowsThem() throws Exception {
        Event e = read("wiremock/__files/event-get.json", new TypeReference<Single<Event>>() {
        }).data();
        Event bare = new Event(e.id(), e.eventName(), e.userId(), e.convoId(), e.timestamp(), e.receivedAt(), e.userInput(),
                e.assistantOutput(), e.model(), e.topics(), null, null, e.signals(), List.of(), null, e.featureFlags(),
                e.properties());
        Snapshots.assertMatches("event/single-not-recorded.md", EventDetail.render(bare, 20000, BOUND).text());
    }

    /** A name that would run for a page, on several lines. */
    static String hostile(String name) {
        return name + " line\n".repeat(400);
    }

    private static Event rich() throws Exception {
        return read("fixtures/events/event-rich.json", new TypeReference<Single<Event>>() {
        }).data();
    }

    /** The rich event under another id, its labels as long as hostile data makes them. */
    private static Event withHostileLabels(Event e, String id) {
        return new Event(id, hostile("support_chat"), hostile("user_4711"), e.convoId(), e.timestamp(), e.receivedAt(),
                e.userInput(), e.assistantOutput(), hostile("claude-sonnet-4-5"),
                IntStream.range(0, 40).mapToObj(i -> hostile("topic" + i)).toList(), e.inputAttachments(),
                e.outputAttachments(),
                e.signals().stream().map(s -> new SignalScore(s.id(), hostile(s.name()), s.score())).toList(),
                e.errorSpans().stream().map(s -> new ErrorSpan(s.spanId(), s.startedAt(), hostile(s.status()),
                        s.durationMs(), hostile(s.spanType()), hostile(s.spanName()), s.outputPayload())).toList(),
                e.toolCalls().stream().map(c -> new ToolCall(hostile(c.toolName()), c.status(), c.durationMs(),
                        hostile("not a time"), c.spanId())).toList(),
                java.util.Map.of(hostile("refund_v2"), hostile("on")), e.properties());
    }

    @Test
    void fitsAPageToTheBoundByItemsAndHandsOutACursorForTheRest() throws Exception {
        Event e = rich();
        List<Event> twenty = IntStream.rangeClosed(1, 20).mapToObj(i -> new Event("evt_%02d".formatted(i),
                e.eventName(), e.userId(), e.convoId(), e.timestamp(), e.receivedAt(), e.userInput(), e.assistantOutput(),
                e.model(), e.topics(), null, null, e.signals(), null, null, null, null)).toList();
        Page<Event> page = new Page<>(twenty, new Meta("cur_2", true));
        ToolResult first = EventRenderer.list(page, query(null, "cur_1"), PageCursor.parse("cur_1"), 160, 3000);
        Snapshots.assertMatches("event/list-fitted.md", first.text());
        assertTrue(first.text().length() <= 3000, "length " + first.text().length());
        assertEquals("skip:5:cur_1", first.data().get("next_cursor"));
        assertEquals(5, first.data().get("count"));

        // The cursor reads the same upstream page again and shows from the first event not shown.
        PageCursor rest = PageCursor.parse((String) first.data().get("next_cursor"));
        ToolResult second = EventRenderer.list(page, query(null, "cur_1"), rest, 160, 3000);
        assertTrue(second.text().startsWith("Showing 5 of 15 events on this page"), second.text());
        assertTrue(second.text().contains("- `evt_06` ·") && !second.text().contains("`evt_05`"), second.text());
        assertEquals("skip:10:cur_1", second.data().get("next_cursor"));
        ToolResult last = EventRenderer.list(page, query(null, "cur_1"), PageCursor.parse("skip:15:cur_1"), 160, 100_000);
        assertTrue(last.text().contains("- `evt_20` ·"), last.text());
        assertEquals("cur_2", last.data().get("next_cursor"));
        // A page that changed between the calls may have nothing left: the answer still reads on.
        ToolResult beyond = EventRenderer.list(page, query(null, "cur_1"), PageCursor.parse("skip:30:cur_1"), 160, 3000);
        assertTrue(beyond.text().startsWith("No events left on this page") && beyond.text().contains("`cursor: \"cur_2\"`"),
                beyond.text());
    }

    @Test
    void boundsEveryLabelOfAListedEvent() throws Exception {
        Event hostile = withHostileLabels(rich(), "evt_hostile");
        ToolResult result = EventRenderer.list(new Page<>(List.of(hostile), null), query(null, null), PageCursor.FIRST, 60,
                BOUND);
        Snapshots.assertMatches("event/list-bounded-labels.md", result.text());
    }

    @Test
    void boundsEveryLabelOfOneEvent() throws Exception {
        ToolResult result = EventDetail.render(withHostileLabels(rich(), "evt_hostile"), 20000, BOUND);
        Snapshots.assertMatches("event/single-bounded-labels.md", result.text());
    }

    @Test
    void sharesTheBoundAmongPayloadsAndListsAndSaysWhatItLeftOut() throws Exception {
        Event e = rich();
        Event many = new Event(e.id(), e.eventName(), e.userId(), e.convoId(), e.timestamp(), e.receivedAt(),
                e.userInput().repeat(20), e.assistantOutput(), e.model(), e.topics(), e.inputAttachments(),
                e.outputAttachments(),
                e.signals(), java.util.Collections.nCopies(30, e.errorSpans().get(0)), java.util.Collections.nCopies(30,
                        e.toolCalls().get(1)), e.featureFlags(), e.properties());
        ToolResult result = EventDetail.render(many, 20000, 4000);
        Snapshots.assertMatches("event/single-fitted.md", result.text());
        assertTrue(result.text().length() <= 4000, "length " + result.text().length());
        assertTrue(((List<?>) result.data().get("truncated_fields")).contains("User input"));
    }
}
