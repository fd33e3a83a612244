package com.opstower.raindrop.trace.message;

import com.opstower.raindrop.tool.Markdown;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat payload as an outline for get_span: one markdown list item per message kept, each starting with the JSON
 * Pointer that reads it (its text's, when the message is one text or one result; else the message's), then its role
 * and tool or participant name, the characters that pointer reads and the head of what the message says. Messages
 * left out are one item saying how many and where they are. A payload cut short is no longer JSON a pointer can
 * read: each item starts with the {@code offset} of its message instead, and the last says where the cut is.
 */
public final class MessageOutline {

    /** Characters of a message's gist on its line. */
    private static final int GIST = 80;

    private MessageOutline() {
    }

    /** The items, at most {@code FIRST_KEPT + LAST_KEPT + 2}, e.g. {@code - `/0/content` system · 3,912 chars · `You are…`}. */
    public static List<String> lines(ChatPayload payload) {
        List<String> lines = new ArrayList<>(payload.messages().size() + 2);
        ChatMessage previous = null;
        for (ChatMessage message : payload.messages()) {
            int gap = message.index() - (previous == null ? 0 : previous.index() + 1);
            if (gap > 0) {
                lines.add(omitted(gap, previous, message));
            }
            lines.add(payload.cut() ? lineByOffset(message) : line(message));
            previous = message;
        }
        if (payload.cut()) {
            lines.add("- … the payload's JSON ends here, cut short inside the next message");
        }
        return lines;
    }

    /** {@code - `offset: 812` user · 176 chars · `Turn 1: …`}: where the message starts in the payload's text. */
    private static String lineByOffset(ChatMessage message) {
        StringBuilder line = new StringBuilder(GIST + 64).append("- ");
        Markdown.appendCode(line, "offset: " + message.start()).append(' ').append(MessagePreview.label(message))
                .append(" · ").append(Markdown.grouped(message.length())).append(" chars");
        return appendContent(line, message);
    }

    private static String line(ChatMessage message) {
        MessagePart only = message.onlyPart();
        boolean byPart = only != null && only.pointer() != null;
        StringBuilder line = new StringBuilder(GIST + 64).append("- ");
        Markdown.appendCode(line, byPart ? only.pointer() : message.pointer().isEmpty() ? "/" : message.pointer());
        line.append(' ').append(MessagePreview.label(message)).append(" · ")
                .append(Markdown.grouped(byPart ? only.length() : message.length())).append(" chars");
        return appendContent(line, message);
    }

    private static String appendContent(StringBuilder line, ChatMessage message) {
        String content = MessagePreview.content(message, GIST);
        return content.isEmpty() ? line.toString() : Markdown.appendCode(line.append(" · "), content).toString();
    }

    /** {@code - … 9,960 more messages, `/messages/10` to `/messages/9969`}: the pointers when the gap is in one array. */
    private static String omitted(int gap, ChatMessage before, ChatMessage after) {
        StringBuilder line = new StringBuilder("- … ").append(Markdown.grouped(gap)).append(gap == 1 ? " more message" : " more messages");
        String from = shifted(before.pointer(), 1);
        String to = shifted(after.pointer(), -1);
        if (from != null && to != null && from.substring(0, from.lastIndexOf('/')).equals(to.substring(0, to.lastIndexOf('/')))) {
            Markdown.appendCode(line.append(", "), from);
            Markdown.appendCode(line.append(" to "), to);
        }
        return line.toString();
    }

    /** The pointer of the array element {@code by} places after the one given, or null when it is not one. */
    private static String shifted(String pointer, int by) {
        int slash = pointer.lastIndexOf('/');
        String index = pointer.substring(slash + 1);
        if (index.isEmpty() || index.length() > 9 || !index.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return pointer.substring(0, slash + 1) + (Integer.parseInt(index) + by);
    }
}
