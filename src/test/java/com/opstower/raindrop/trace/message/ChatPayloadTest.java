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
}
