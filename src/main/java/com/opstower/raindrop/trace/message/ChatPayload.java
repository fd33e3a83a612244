package com.opstower.raindrop.trace.message;

import java.nio.CharBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A span payload read as chat messages: the first {@link #FIRST_KEPT} and the last {@link #LAST_KEPT} messages, in
 * order, and how many there are. Pure and bounded: one pass over the payload, whatever its size, and at most
 * {@code FIRST_KEPT + LAST_KEPT} messages kept, each with at most {@link ChatMessage#MAX_PARTS} parts.
 *
 * @param messages the messages kept, in the order of the payload; their {@link ChatMessage#index()} says where
 *        those left out fall
 * @param total how many messages the payload holds (up to its cut, when cut)
 * @param cut whether the payload ends before its JSON does, as one cut upstream at {@code trunc_len}: only the
 *        messages before the cut are read
 */
public record ChatPayload(List<ChatMessage> messages, int total, boolean cut) {

    /** The opening messages kept: the instructions and the question. */
    static final int FIRST_KEPT = 10;
    /** The newest messages kept: where one call of an agent differs from the last. */
    static final int LAST_KEPT = 30;

    /**
     * The payload as messages, when it is a chat payload (see {@link PayloadWalker} for the shapes); empty for
     * anything else, which stays plain text. The characters are only read during the call, never copied whole.
     */
    public static Optional<ChatPayload> parse(char[] chars, int offset, int length) {
        List<ChatMessage> first = new ArrayList<>(FIRST_KEPT);
        ArrayDeque<ChatMessage> last = new ArrayDeque<>(LAST_KEPT);
        int[] total = new int[1];
        PayloadWalker.Outcome outcome = PayloadWalker.walk(chars, offset, length, message -> {
            total[0]++;
            if (first.size() < FIRST_KEPT) {
                first.add(message);
                return;
            }
            if (last.size() == LAST_KEPT) {
                last.removeFirst();
            }
            last.addLast(message);
        });
        if (outcome == PayloadWalker.Outcome.NOT_MESSAGES) {
            return Optional.empty();
        }
        first.addAll(last);
        return Optional.of(new ChatPayload(List.copyOf(first), total[0], outcome == PayloadWalker.Outcome.CUT));
    }

    /** {@link #parse(char[], int, int)} of any text; a buffer over an array is read in place. */
    public static Optional<ChatPayload> parse(CharSequence payload) {
        if (payload instanceof CharBuffer buffer && buffer.hasArray()) {
            return parse(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        }
        char[] chars = payload.toString().toCharArray();
        return parse(chars, 0, chars.length);
    }

    /** How many messages were left out between the first and the last kept. */
    public int omitted() {
        return total - messages.size();
    }
}
