package com.opstower.raindrop.trace.message;

/** Which message of a chat payload holds a place in its text: a search match says where it is, by JSON Pointer. */
public final class MessageLocator {

    private MessageLocator() {
    }

    /**
     * For each position of {@code chars[offset, offset + length)} (counted from {@code offset}), the JSON Pointer of
     * what holds it: the value of a part (a text, a call's arguments, a result), else the message; null for a
     * position in no message (a request's other fields), and for every position when the payload is not a chat
     * payload. One pass over the payload, whatever the number of positions.
     */
    public static String[] pointers(char[] chars, int offset, int length, int[] positions) {
        String[] pointers = new String[positions.length];
        PayloadWalker.Outcome outcome = PayloadWalker.walk(chars, offset, length, message -> {
            for (int i = 0; i < positions.length; i++) {
                int at = positions[i];
                if (at >= message.start() && at < message.start() + message.length()) {
                    pointers[i] = pointerAt(message, at);
                }
            }
        });
        return outcome == PayloadWalker.Outcome.NOT_MESSAGES ? new String[positions.length] : pointers;
    }

    private static String pointerAt(ChatMessage message, int at) {
        for (MessagePart part : message.parts()) {
            if (part.pointer() != null && at >= part.start() && at < part.end()) {
                return part.pointer();
            }
        }
        return message.pointer().isEmpty() ? "/" : message.pointer();
    }
}
