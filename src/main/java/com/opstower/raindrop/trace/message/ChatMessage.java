package com.opstower.raindrop.trace.message;

import java.util.List;

/**
 * One message of a chat payload, in neutral form whatever the shape it was sent in.
 *
 * @param index the message's position among the payload's messages, from 0
 * @param pointer the JSON Pointer of the message in the payload ({@code /3}, {@code /messages/3}, {@code /system})
 * @param start the character of the payload the message starts at
 * @param length characters of the message in the payload
 * @param role as sent ({@code system}, {@code user}, {@code assistant}, {@code tool}, {@code model}…)
 * @param name the participant or function name the message carries; null when it has none
 * @param parts its texts, tool calls and tool results in the order of the payload, at most {@link #MAX_PARTS}
 * @param partsOmitted how many parts past those were left out
 */
public record ChatMessage(int index, String pointer, int start, int length, String role, String name,
        List<MessagePart> parts, int partsOmitted) {

    /** Parts kept of one message: a message of thousands of parts stays a bounded object. */
    static final int MAX_PARTS = 16;

    /** The part a reader of this message wants first: its only part, else null (read the whole message). */
    MessagePart onlyPart() {
        return parts.size() == 1 && partsOmitted == 0 ? parts.get(0) : null;
    }

    /** The tool whose result this message carries, when it carries results of one tool; else its {@link #name}. */
    public String toolName() {
        String tool = null;
        for (MessagePart part : parts) {
            if (part.kind() == MessagePart.Kind.TOOL_RESULT && part.name() != null) {
                if (tool != null && !tool.equals(part.name())) {
                    return name;
                }
                tool = part.name();
            }
        }
        return tool != null ? tool : name;
    }
}
