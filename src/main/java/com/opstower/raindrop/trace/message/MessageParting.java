package com.opstower.raindrop.trace.message;

import com.opstower.raindrop.tool.Markdown;
import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where two chat payloads part: the first message that differs, what differs in it, and from which character. Two
 * LLM calls of one agent, or of two runs, share their opening messages; what matters is where they stop agreeing.
 *
 * @param index the message's position in both payloads, from 0
 * @param what {@code role}, {@code name}, {@code text}, {@code tool call}, {@code tool result}, {@code parts} (one
 *        message has more of them), {@code message} (the same role, names and parts, other fields differ) or
 *        {@code end} (one payload has no message here)
 * @param leftPointer the JSON Pointer of what differs in the left payload (the part's value, else the message);
 *        null when the left payload has no message here
 * @param rightPointer the same in the right payload
 * @param offset the first character that differs in what the pointers read (a text, decoded; else the JSON text)
 * @param left the left side from a little before {@code offset}, on one line, at most {@link #EXCERPT} characters
 * @param right the same of the right side
 */
public record MessageParting(int index, String what, String leftPointer, String rightPointer, int offset, String left,
        String right) {

    /** Characters of each side shown. */
    private static final int EXCERPT = 120;
    /** Characters shown before the first that differs. */
    private static final int BEFORE = 30;

    /**
     * Compares two chat payloads message by message, in linear time.
     *
     * @return empty when their messages are the same
     * @throws IllegalArgumentException when either is not a chat payload ({@link ChatPayload#parse} is empty)
     */
    public static Optional<MessageParting> between(CharSequence left, CharSequence right) {
        CharBuffer a = buffer(left);
        CharBuffer b = buffer(right);
        return between(a.array(), a.arrayOffset() + a.position(), a.remaining(), b.array(),
                b.arrayOffset() + b.position(), b.remaining());
    }

    private static CharBuffer buffer(CharSequence text) {
        return text instanceof CharBuffer buffer && buffer.hasArray() ? buffer : CharBuffer.wrap(text.toString().toCharArray());
    }

    /** {@link #between(CharSequence, CharSequence)} of two slices, read in place. */
    public static Optional<MessageParting> between(char[] left, int leftOffset, int leftLength, char[] right,
            int rightOffset, int rightLength) {
        Side a = new Side(left, leftOffset);
        Side b = new Side(right, rightOffset);
        // The left payload's messages as characters, then the right one's compared with them as they are read.
        int[][] spans = {new int[64], new int[64]};
        int[] count = new int[1];
        require(PayloadWalker.walk(left, leftOffset, leftLength, message -> {
            if (count[0] == spans[0].length) {
                spans[0] = Arrays.copyOf(spans[0], 2 * count[0]);
                spans[1] = Arrays.copyOf(spans[1], 2 * count[0]);
            }
            spans[0][count[0]] = message.start();
            spans[1][count[0]++] = message.length();
        }));
        int leftTotal = count[0];
        int[] parted = {-1};
        int[] rightTotal = new int[1];
        ChatMessage[] rightMessage = new ChatMessage[1];
        require(PayloadWalker.walk(right, rightOffset, rightLength, message -> {
            int i = rightTotal[0]++;
            if (parted[0] < 0 && (i >= leftTotal || !Arrays.equals(left, leftOffset + spans[0][i],
                    leftOffset + spans[0][i] + spans[1][i], right, rightOffset + message.start(),
                    rightOffset + message.start() + message.length()))) {
                parted[0] = i;
                rightMessage[0] = message;
            }
        }));
        if (parted[0] < 0) {
            if (leftTotal == rightTotal[0]) {
                return Optional.empty();
            }
            parted[0] = rightTotal[0];
        }
        int index = parted[0];
        ChatMessage[] leftMessage = new ChatMessage[1];
        if (index < leftTotal) {
            PayloadWalker.walk(left, leftOffset, leftLength, message -> {
                if (message.index() == index) {
                    leftMessage[0] = message;
                }
            });
        }
        return Optional.of(parting(index, a, leftMessage[0], b, rightMessage[0]));
    }

    private static void require(PayloadWalker.Outcome outcome) {
        if (outcome == PayloadWalker.Outcome.NOT_MESSAGES) {
            throw new IllegalArgumentException("not a chat payload");
        }
    }

    /** A payload's characters. */
    private record Side(char[] chars, int offset) {
        /** What a part's pointer reads: a string decoded, anything else as its JSON text. */
        String value(MessagePart part) {
            return part.string() ? PayloadWalker.decode(chars, offset + part.start(), part.end() - part.start())
                    : new String(chars, offset + part.start(), part.end() - part.start());
        }

        String text(ChatMessage message) {
            return new String(chars, offset + message.start(), message.length());
        }
    }

    private static MessageParting parting(int index, Side a, ChatMessage left, Side b, ChatMessage right) {
        if (left == null || right == null) {
            ChatMessage there = left == null ? right : left;
            String gist = MessagePreview.gist(there, EXCERPT);
            return new MessageParting(index, "end", left == null ? null : left.pointer(),
                    right == null ? null : right.pointer(), 0, left == null ? "" : gist, right == null ? "" : gist);
        }
        if (!left.role().equals(right.role())) {
            return atMessage(index, "role", left, right, left.role(), right.role());
        }
        String leftName = String.valueOf(left.name());
        String rightName = String.valueOf(right.name());
        if (!leftName.equals(rightName)) {
            return atMessage(index, "name", left, right, leftName, rightName);
        }
        List<MessagePart> leftParts = left.parts();
        List<MessagePart> rightParts = right.parts();
        for (int j = 0; j < Math.min(leftParts.size(), rightParts.size()); j++) {
            MessagePart l = leftParts.get(j);
            MessagePart r = rightParts.get(j);
            String what = l.kind() == MessagePart.Kind.TEXT ? "text"
                    : l.kind() == MessagePart.Kind.TOOL_CALL ? "tool call" : "tool result";
            if (l.kind() != r.kind() || !String.valueOf(l.name()).equals(String.valueOf(r.name()))) {
                return new MessageParting(index, what, pointer(l, left), pointer(r, right), 0,
                        MessagePreview.gist(left, EXCERPT), MessagePreview.gist(right, EXCERPT));
            }
            String leftValue = l.pointer() == null ? "" : a.value(l);
            String rightValue = r.pointer() == null ? "" : b.value(r);
            if (!leftValue.equals(rightValue)) {
                return at(index, what, pointer(l, left), pointer(r, right), leftValue, rightValue);
            }
        }
        if (leftParts.size() != rightParts.size() || left.partsOmitted() != right.partsOmitted()) {
            return new MessageParting(index, "parts", left.pointer(), right.pointer(), 0,
                    MessagePreview.gist(left, EXCERPT), MessagePreview.gist(right, EXCERPT));
        }
        return at(index, "message", left.pointer(), right.pointer(), a.text(left), b.text(right));
    }

    private static String pointer(MessagePart part, ChatMessage message) {
        return part.pointer() != null ? part.pointer() : message.pointer();
    }

    private static MessageParting atMessage(int index, String what, ChatMessage left, ChatMessage right,
            String leftValue, String rightValue) {
        return new MessageParting(index, what, left.pointer(), right.pointer(), 0,
                excerpt(leftValue, 0), excerpt(rightValue, 0));
    }

    /** Two different values: from the first character where they differ. */
    private static MessageParting at(int index, String what, String leftPointer, String rightPointer, String left,
            String right) {
        int offset = Arrays.mismatch(left.toCharArray(), right.toCharArray());
        return new MessageParting(index, what, leftPointer, rightPointer, offset, excerpt(left, offset),
                excerpt(right, offset));
    }

    private static String excerpt(String value, int offset) {
        int from = Markdown.charBoundary(value, Math.max(0, offset - BEFORE));
        Markdown.Preview shown = Markdown.preview(value.substring(from), EXCERPT - 2);
        return (from > 0 ? "…" : "") + shown.text() + (shown.clipped() ? "…" : "");
    }
}
