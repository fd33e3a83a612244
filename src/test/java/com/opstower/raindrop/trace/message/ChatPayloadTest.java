package com.opstower.raindrop.trace.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.testing.Snapshots;
import java.nio.CharBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ChatPayloadTest {

    private static ChatPayload parse(String payload) {
        return ChatPayload.parse(payload).orElseThrow(() -> new AssertionError("not messages: " + payload));
    }

    /** What a snapshot pins of a payload: its tree preview, its outline, and every message and part as read. */
    static String report(String name, String payload) {
        ChatPayload chat = parse(payload);
        StringBuilder report = new StringBuilder("# ").append(name).append("\n\n")
                .append(chat.total()).append(" messages, ").append(chat.messages().size()).append(" kept")
                .append(chat.cut() ? ", cut" : "").append("\n\n## preview (200)\n\n").append(MessagePreview.of(chat, 200))
                .append("\n\n## preview (90)\n\n").append(MessagePreview.of(chat, 90))
                .append("\n\n## outline\n\n").append(String.join("\n", MessageOutline.lines(chat)))
                .append("\n\n## messages\n\n");
        for (ChatMessage message : chat.messages()) {
            report.append("- #").append(message.index()).append(" `").append(message.pointer()).append("` ")
                    .append(message.role()).append(message.name() == null ? "" : " name=" + message.name())
                    .append(" · ").append(message.length()).append(" chars")
                    .append(message.partsOmitted() > 0 ? " · " + message.partsOmitted() + " parts omitted" : "")
                    .append('\n');
            for (MessagePart part : message.parts()) {
                report.append("  - ").append(part.kind()).append(part.name() == null ? "" : " " + part.name())
                        .append(part.callId() == null ? "" : " id=" + part.callId())
                        .append(part.pointer() == null ? "" : " `" + part.pointer() + "`")
                        .append(part.string() ? " string" : " json").append(" · ").append(part.length()).append(" chars · ")
                        .append(part.head()).append(part.clipped() ? "…" : "").append('\n');
                if (part.pointer() != null) {
                    // The part's characters in the payload are its value: a string with its quotes, else its JSON.
                    String value = payload.substring(part.start(), part.end());
                    assertEquals(part.string(), value.startsWith("\""), value);
                }
            }
            assertTrue(payload.substring(message.start(), message.start() + message.length()).endsWith(
                    message.pointer().startsWith("/system") || message.pointer().startsWith("/prompt") ? "" : "}"));
        }
        return report.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai-chat", "openai-legacy-function", "openai-request", "openai-completion",
        "anthropic-request", "anthropic-response", "vercel-messages", "vercel-prompt", "otel-genai-input",
        "otel-genai-output", "gemini-contents"})
    void readsEachShape(String shape) {
        String payload = Snapshots.resource("fixtures/messages/" + shape + ".json");
        Snapshots.assertMatches("trace/message/" + shape + ".md", report(shape, payload));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain text, not JSON", "\"a JSON string\"", "42", "null", "[]", "[1, 2, 3]",
        "{\"order_id\": \"1042\"}", "{\"messages\": []}", "{\"messages\": \"hi\"}",
        "{\"system\": \"instructions alone are no conversation\"}",
        "[{\"content\": \"no role\"}]", "[{\"role\": 7, \"content\": \"a role that is no text\"}]",
        "[{\"role\": \"user\", \"content\": \"hi\"}, \"not a message\"]",
        "[{\"role\": \"user\", \"content\": \"hi\"}, {\"text\": \"no role\"}]",
        "[{\"role\": \"user\", \"content\": \"hi\"},}]",
        "[{\"role\": \"user\", \"content\": \"hi\"}] trailing",
        "{\"role\": \"user\", \"content\": \"hi\", \"messages\": [{\"role\": \"user\", \"content\": \"two shapes\"}]}",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"choices\": [1]}",
        "[{\"role\": \"user\", \"content\": \"cut before the first message ends",
        "{\"system\": \"instructions, then a cut before any message\", \"messages\": [{\"role\": \"us"})
    void anythingElseIsNotMessages(String payload) {
        assertEquals(Optional.empty(), ChatPayload.parse(payload));
    }

    @Test
    void aPayloadCutUpstreamKeepsTheMessagesBeforeTheCut() {
        String payload = Snapshots.resource("fixtures/messages/openai-chat.json");
        String cut = payload.substring(0, payload.indexOf("{\"role\": \"tool\", \"tool_call_id\": \"call_2\"") + 30);
        ChatPayload chat = parse(cut);
        assertTrue(chat.cut());
        assertEquals(4, chat.total());
        assertEquals("tool", chat.messages().get(3).role());
        Snapshots.assertMatches("trace/message/cut-upstream.md", report("cut-upstream", cut));
    }

    @Test
    void aSliceOfABufferIsReadInPlace() {
        String payload = Snapshots.resource("fixtures/messages/vercel-messages.json");
        char[] buffer = ("prefix" + payload + "suffix").toCharArray();
        ChatPayload slice = ChatPayload.parse(buffer, 6, payload.length()).orElseThrow();
        assertEquals(parse(payload), slice);
        assertEquals(slice, ChatPayload.parse(CharBuffer.wrap(buffer, 6, payload.length())).orElseThrow());
    }

    /** {@code [{"role":"system",…}, {"role":"user",…}, then assistant calls and tool results]}, n messages in all. */
    static String conversation(int n) {
        StringBuilder json = new StringBuilder(n * 120).append("[{\"role\":\"system\",\"content\":\"You are Billie.\"}");
        for (int i = 1; i < n; i++) {
            json.append(',');
            switch (i % 3) {
                case 1 -> json.append("{\"role\":\"user\",\"content\":\"Question ").append(i).append("\"}");
                case 2 -> json.append("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c")
                        .append(i).append("\",\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"n\\\":")
                        .append(i).append("}\"}}]}");
                default -> json.append("{\"role\":\"tool\",\"tool_call_id\":\"c").append(i - 1)
                        .append("\",\"content\":\"result ").append(i).append("\"}");
            }
        }
        return json.append(']').toString();
    }

    @Test
    void aHugeArrayKeepsItsFirstAndLastMessagesAndCountsTheRest() {
        String payload = conversation(10_000);
        ChatPayload chat = parse(payload);
        assertEquals(10_000, chat.total());
        assertEquals(ChatPayload.FIRST_KEPT + ChatPayload.LAST_KEPT, chat.messages().size());
        assertEquals(10_000 - ChatPayload.FIRST_KEPT - ChatPayload.LAST_KEPT, chat.omitted());
        assertEquals(9_999, chat.messages().get(chat.messages().size() - 1).index());
        Snapshots.assertMatches("trace/message/huge-10000-messages.md", report("huge-10000-messages", payload));
    }

    @Test
    void aMessageOfThousandsOfPartsKeepsABoundedNumber() {
        StringBuilder json = new StringBuilder("[{\"role\":\"user\",\"content\":[");
        for (int i = 0; i < 5_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"type\":\"text\",\"text\":\"part ").append(i).append("\"}");
        }
        ChatMessage message = parse(json.append("]}]").toString()).messages().get(0);
        assertEquals(ChatMessage.MAX_PARTS, message.parts().size());
        assertEquals(5_000 - ChatMessage.MAX_PARTS, message.partsOmitted());
    }

    @Test
    void deepNestingIsPlainTextPastJacksonsLimitAndCostsNoStack() {
        int depth = 200_000;
        String deep = "[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"tool\",\"content\":" + "[".repeat(depth)
                + "]".repeat(depth) + "}]";
        assertEquals(Optional.empty(), ChatPayload.parse(deep));
        String nested = "[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"function\":{\"name\":\"deep\","
                + "\"arguments\":" + "{\"a\":".repeat(500) + "1" + "}".repeat(500) + "}}]}]";
        MessagePart arguments = parse(nested).messages().get(0).parts().get(0);
        assertEquals("deep", arguments.name());
        assertEquals(5 * 500 + 1 + 500, arguments.length());
        assertFalse(arguments.string());
    }

    @Test
    void previewsStayWithinTheirBudget() {
        for (String shape : List.of("openai-chat", "anthropic-request", "vercel-messages", "otel-genai-input")) {
            ChatPayload chat = parse(Snapshots.resource("fixtures/messages/" + shape + ".json"));
            for (int budget = 0; budget <= 240; budget++) {
                assertTrue(MessagePreview.of(chat, budget).length() <= budget, shape + " at " + budget);
            }
        }
    }

    @Test
    void thePreviewNeverShowsTheSystemPrompt() {
        ChatPayload chat = parse(conversation(4));
        assertEquals("4 messages: system · user · assistant · tool. Newest: assistant → lookup({\"n\":2}); tool lookup: result 3",
                MessagePreview.of(chat, 200));
        assertEquals("1 message: system", MessagePreview.of(parse(conversation(1)), 200));
    }
}
