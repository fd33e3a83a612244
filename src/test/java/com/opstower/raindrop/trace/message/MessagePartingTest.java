package com.opstower.raindrop.trace.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.opstower.raindrop.testing.Snapshots;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessagePartingTest {

    private static final String CHAT = Snapshots.resource("fixtures/messages/openai-chat.json");

    @Test
    void theSamePayloadsDoNotPart() {
        assertEquals(Optional.empty(), MessageParting.between(CHAT, CHAT));
        // Whitespace between messages is no difference; the messages' own characters are compared.
        assertEquals(Optional.empty(), MessageParting.between(CHAT, CHAT.replace("},\n  {", "},{")));
    }

    @Test
    void aToolResultThatDiffersIsFoundAtItsFirstDifferentCharacter() {
        String other = CHAT.replace("\\\"status\\\":\\\"delivered\\\"", "\\\"status\\\":\\\"returned\\\"");
        MessageParting parting = MessageParting.between(CHAT, other).orElseThrow();
        assertEquals(new MessageParting(3, "tool result", "/3/content", "/3/content", 49,
                "…\"total\":\"59.90 EUR\",\"status\":\"delivered\"}", "…\"total\":\"59.90 EUR\",\"status\":\"returned\"}"),
                parting);
    }

    @Test
    void aLongerConversationPartsWhereTheShorterEnds() {
        String shorter = ChatPayloadTest.conversation(7);
        String longer = ChatPayloadTest.conversation(9);
        assertEquals(new MessageParting(7, "end", null, "/7", 0, "", "user: Question 7"),
                MessageParting.between(shorter, longer).orElseThrow());
        assertEquals(new MessageParting(7, "end", "/7", null, 0, "user: Question 7", ""),
                MessageParting.between(longer, shorter).orElseThrow());
    }

    @Test
    void partsInTheSameShapeOrAnotherAreComparedByWhatTheySay() {
        String vercel = Snapshots.resource("fixtures/messages/vercel-messages.json");
        String otherCall = vercel.replace("\"topic\": \"refund failed\"", "\"topic\": \"refund late\"");
        assertEquals(new MessageParting(4, "tool call", "/messages/3/content/0/input", "/messages/3/content/0/input",
                18, "{\"topic\": \"refund failed\"}", "{\"topic\": \"refund late\"}"),
                MessageParting.between(vercel, otherCall).orElseThrow());
        String otherRole = vercel.replace("{\"role\": \"user\"", "{\"role\": \"developer\"");
        assertEquals(new MessageParting(1, "role", "/messages/0", "/messages/0", 0, "user", "developer"),
                MessageParting.between(vercel, otherRole).orElseThrow());
    }

    @Test
    void farIntoAHugeConversation() {
        String huge = ChatPayloadTest.conversation(10_000);
        String changed = huge.replace("Question 7777\"", "Question 7777, again\"");
        assertEquals(new MessageParting(7_777, "text", "/7777/content", "/7777/content", 13, "Question 7777",
                "Question 7777, again"), MessageParting.between(huge, changed).orElseThrow());
    }

    @Test
    void onlyChatPayloadsCompare() {
        assertThrows(IllegalArgumentException.class, () -> MessageParting.between(CHAT, "plain text"));
        assertThrows(IllegalArgumentException.class, () -> MessageParting.between("[1]", CHAT));
    }
}
