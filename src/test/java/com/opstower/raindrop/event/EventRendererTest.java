package com.opstower.raindrop.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.Queries.EventQuery;
import com.opstower.raindrop.queryapi.Wire.Event;
import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.Single;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.PageCursor;
import com.opstower.raindrop.tool.AnswerBound;
import com.opstower.raindrop.tool.ToolResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The markdown the agent reads for events, pinned whole. */
class EventRendererTest {

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
        Snapshots.assertMatches("event/list.md", EventRenderer.list(page, query(null, null), PageCursor.FIRST, 160, AnswerBound.TOOL_TEXT_CHARS).text());
    }

    @Test
    void listsTurnsOfAConversationWithPreviewsCutAndAnnounced() throws Exception {
        Event rich = read("fixtures/events/event-rich.json", new TypeReference<Single<Event>>() {
        }).data();
        Page<Event> page = new Page<>(List.of(rich, rich), new com.opstower.raindrop.queryapi.Wire.Meta("cur_2", true));
        ToolResult result = EventRenderer.list(page, query("conv_8f2c1a", null), PageCursor.FIRST, 60, AnswerBound.TOOL_TEXT_CHARS);
        Snapshots.assertMatches("event/list-conversation.md", result.text());
        assertEquals("cur_2", result.data().get("next_cursor"));
    }

    @Test
    void saysWhatToTryWhenNothingMatched() {
        Page<Event> empty = new Page<>(List.of(), null);
        Snapshots.assertMatches("event/list-empty.md", EventRenderer.list(empty, query(null, null), PageCursor.FIRST, 160, AnswerBound.TOOL_TEXT_CHARS).text());
    }

    @Test
    void showsOneEventInFullWithFencesContentCannotBreak() throws Exception {
        Event rich = read("fixtures/events/event-rich.json", new TypeReference<Single<Event>>() {
        }).data();
        Snapshots.assertMatches("event/single.md", EventDetail.render(rich, 20000, AnswerBound.TOOL_TEXT_CHARS).text());
    }

    @Test
    void cutsFieldsPastTheBoundAndSaysHowMuch() throws Exception {
        Event rich = read("fixtures/events/event-rich.json", new TypeReference<Single<Event>>() {
        }).data();
        ToolResult result = EventDetail.render(rich, 40, AnswerBound.TOOL_TEXT_CHARS);
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
        Snapshots.assertMatches("event/single-not-recorded.md", EventDetail.render(bare, 20000, AnswerBound.TOOL_TEXT_CHARS).text());
    }
}
