package com.opstower.raindrop.conversation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.Queries.ConversationQuery;
import com.opstower.raindrop.queryapi.Wire.Conversation;
import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.Single;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.PageCursor;
import com.opstower.raindrop.tool.AnswerBound;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The markdown the agent reads for conversations, pinned whole. */
class ConversationRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ConversationQuery FILTERED = new ConversationQuery("user_4711",
            Instant.parse("2026-11-20T00:00:00Z"), null, "-last_message_at", 2, null);

    @Test
    void listsAPageWithTheNextCursor() throws Exception {
        Page<Conversation> page = JSON.readValue(Snapshots.resource("wiremock/__files/conversations-list.json"),
                new TypeReference<>() {
                });
        Snapshots.assertMatches("conversation/list.md", ConversationRenderer.list(page, FILTERED, PageCursor.FIRST, AnswerBound.TOOL_TEXT_CHARS).text());
    }

    @Test
    void suggestsAWiderWindowWhenNothingMatched() {
        Snapshots.assertMatches("conversation/list-empty.md",
                ConversationRenderer.list(new Page<>(List.of(), null), FILTERED, PageCursor.FIRST, AnswerBound.TOOL_TEXT_CHARS).text());
    }

    @Test
    void showsOneConversationAndTheNextStep() throws Exception {
        Conversation conversation = JSON.readValue(Snapshots.resource("wiremock/__files/conversation-get.json"),
                new TypeReference<Single<Conversation>>() {
                }).data();
        Snapshots.assertMatches("conversation/single.md", ConversationRenderer.single(conversation, AnswerBound.TOOL_TEXT_CHARS).text());
    }
}
