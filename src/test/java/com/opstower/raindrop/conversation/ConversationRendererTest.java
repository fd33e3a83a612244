package com.opstower.raindrop.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.Queries.ConversationQuery;
import com.opstower.raindrop.queryapi.Wire.Conversation;
import com.opstower.raindrop.queryapi.Wire.Meta;
import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.SignalCount;
import com.opstower.raindrop.queryapi.Wire.Single;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.PageCursor;
import com.opstower.raindrop.tool.AnswerBound;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The markdown the agent reads for conversations, pinned whole. */
class ConversationRendererTest {

    private static final int BOUND = AnswerBound.TOOL_TEXT_CHARS;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ConversationQuery FILTERED = new ConversationQuery("user_4711",
            Instant.parse("2026-11-20T00:00:00Z"), null, "-last_message_at", 2, null);

    @Test
    void listsAPageWithTheNextCursor() throws Exception {
        Page<Conversation> page = JSON.readValue(Snapshots.resource("wiremock/__files/conversations-list.json"),
                new TypeReference<>() {
                });
        Snapshots.assertMatches("conversation/list.md",
                ConversationRenderer.list(page, FILTERED, PageCursor.FIRST, BOUND).text());
    }

    @Test
    void suggestsAWiderWindowWhenNothingMatched() {
        Snapshots.assertMatches("conversation/list-empty.md",
                ConversationRenderer.list(new Page<>(List.of(), null), FILTERED, PageCursor.FIRST, BOUND).text());
    }

    @Test
    void showsOneConversationAndTheNextStep() throws Exception {
        Conversation conversation = JSON.readValue(Snapshots.resource("wiremock/__files/conversation-get.json"),
                new TypeReference<Single<Conversation>>() {
                }).data();
        Snapshots.assertMatches("conversation/single.md", ConversationRenderer.single(conversation, BOUND).text());
    }

    @Test
    void fitsAPageByItemsWithEveryLabelBounded() {
        String longName = "frustration line\n".repeat(300);
        List<Conversation> twelve = IntStream.rangeClosed(1, 12).mapToObj(i -> new Conversation(
                "conv_%02d".formatted(i), "user line\n".repeat(200), "2026-11-24T09:12:03Z", "2026-11-24T09:19:44Z", 6L,
                IntStream.range(0, 30).mapToObj(j -> new SignalCount("sig_" + j, longName, 2L)).toList()))
                .toList();
        ToolResult result = ConversationRenderer.list(new Page<>(twelve, new Meta("cur_2", true)), FILTERED,
                PageCursor.FIRST, 4000);
        Snapshots.assertMatches("conversation/list-fitted.md", result.text());
        assertTrue(result.text().length() <= 4000, "length " + result.text().length());
        assertEquals("skip:3:", result.data().get("next_cursor"));
    }

    @Test
    void showsTheSignalsOfOneConversationThatFitAndCountsTheRest() {
        Conversation many = new Conversation("conv_8f2c1a", "user_4711", "2026-11-24T09:12:03Z", "2026-11-24T09:19:44Z", 6L,
                IntStream.range(0, 500).mapToObj(j -> new SignalCount("sig_" + j, "signal_" + j, 1L)).toList());
        ToolResult result = ConversationRenderer.single(many, 1000);
        assertTrue(result.text().length() <= 1000, "length " + result.text().length());
        assertTrue(result.text().contains("signal_0 ×1, signal_1 ×1"), result.text());
        int shown = ((List<?>) ((java.util.Map<?, ?>) result.data().get("conversation")).get("signals")).size();
        assertTrue(result.text().contains(" and " + (500 - shown) + " more\n"), result.text());
    }
}
