package com.opstower.raindrop.trace.message;

import com.opstower.raindrop.tool.Markdown;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat payload in one line, for the tree: how many messages, their roles in order (runs of one role counted, the
 * middle of a long conversation elided), then the newest one or two messages other than instructions, which are
 * what changes from one LLM call of an agent to the next (in a payload cut short, the last ones before the cut). The
 * system prompt's text is never shown: every call of an agent repeats it. A payload of one message is that message.
 */
public final class MessagePreview {

    /** Runs of roles shown whole; past them, the first and the last few with {@code …} between. */
    private static final int ROLE_RUNS = 7;
    private static final int ROLE_MAX = 24;
    /** Characters below which a message's gist is not worth showing. */
    private static final int MIN_GIST = 30;
    private static final String NEWEST = ". Newest: ";
    /** A payload cut short: its newest messages are past the cut. */
    private static final String LAST_READ = ". Last before the cut: ";

    private MessagePreview() {
    }

    /**
     * The preview, at most {@code budget} characters, e.g. {@code 16 messages: system · user · assistant · … · tool.
     * Newest: assistant → get_order({"order_id":"1042"}); tool get_order: {"status":"shipped"}}. Plain text on one
     * line: the caller quotes it.
     */
    public static String of(ChatPayload payload, int budget) {
        List<ChatMessage> messages = payload.messages();
        if (payload.total() == 1 && !payload.cut() && !isInstructions(messages.get(0))) {
            return gist(messages.get(0), budget);
        }
        String count = Markdown.grouped(payload.total()) + (payload.total() == 1 ? " message" : " messages")
                + (payload.cut() ? " (cut short)" : "");
        List<ChatMessage> newest = newest(messages);
        if (newest.isEmpty()) {
            return clip(count + ": " + roles(payload, 3), budget);
        }
        String newestLabel = payload.cut() ? LAST_READ : NEWEST;
        // The newest messages matter more than the roles: the roles shrink to leave them room.
        StringBuilder line = new StringBuilder(budget + 16).append(count);
        for (int kept : new int[] {3, 1, 0}) {
            String roles = kept == 0 ? "" : ": " + roles(payload, kept);
            if (kept == 0 || budget - count.length() - roles.length() - newestLabel.length() >= 2 * MIN_GIST) {
                line.append(roles);
                break;
            }
        }
        int room = budget - line.length() - newestLabel.length();
        if (room < MIN_GIST) {
            return clip(line.toString(), budget);
        }
        line.append(newestLabel);
        if (newest.size() == 2 && room >= 3 * MIN_GIST) {
            String older = gist(newest.get(0), room / 3);
            line.append(older).append("; ");
            room -= older.length() + 2;
        }
        return line.append(gist(newest.get(newest.size() - 1), room)).toString();
    }

    /** The last two messages that are not instructions, oldest first. */
    private static List<ChatMessage> newest(List<ChatMessage> messages) {
        List<ChatMessage> newest = new ArrayList<>(2);
        for (int i = messages.size() - 1; i >= 0 && newest.size() < 2; i--) {
            if (!isInstructions(messages.get(i))) {
                newest.add(0, messages.get(i));
            }
        }
        return newest;
    }

    private static boolean isInstructions(ChatMessage message) {
        return "system".equals(message.role()) || "developer".equals(message.role());
    }

    /**
     * {@code system · user · assistant ×2 · … · tool}: runs of one role counted, messages left out as {@code …}; past
     * {@link #ROLE_RUNS} runs, only the first and last {@code kept}.
     */
    static String roles(ChatPayload payload, int kept) {
        List<String> runs = new ArrayList<>();
        String role = null;
        int run = 0;
        int expected = 0;
        for (ChatMessage message : payload.messages()) {
            String next = Markdown.preview(message.role(), ROLE_MAX).text();
            if (message.index() != expected || !next.equals(role)) {
                addRun(runs, role, run);
                if (message.index() != expected) {
                    runs.add("…");
                }
                role = next;
                run = 0;
            }
            run++;
            expected = message.index() + 1;
        }
        addRun(runs, role, run);
        if (runs.size() > Math.min(ROLE_RUNS, 2 * kept + 1)) {
            List<String> shown = new ArrayList<>(runs.subList(0, kept));
            shown.add("…");
            shown.addAll(runs.subList(runs.size() - kept, runs.size()));
            runs = shown;
        }
        return String.join(" · ", runs).replace("… · …", "…");
    }

    private static void addRun(List<String> runs, String role, int run) {
        if (role != null) {
            runs.add(run == 1 ? role : role + " ×" + run);
        }
    }

    /** One message at most {@code max} characters: its {@link #label} and its {@link #content}. */
    static String gist(ChatMessage message, int max) {
        String label = label(message);
        String content = content(message, max);
        return clip(label + (content.startsWith("→") ? " " : ": ") + content, max);
    }

    /**
     * What a message says, from the heads of its parts, at most {@code max} characters: its texts, its calls as
     * {@code → name(arguments)}, its results (with their tool's name when the message is about several).
     */
    static String content(ChatMessage message, int max) {
        StringBuilder content = new StringBuilder(Math.min(max, 512) + 16);
        String tool = message.toolName();
        for (MessagePart part : message.parts()) {
            if (content.length() > max) {
                break;
            }
            if (!content.isEmpty()) {
                content.append(part.kind() == MessagePart.Kind.TEXT ? " " : "; ");
            }
            switch (part.kind()) {
                case TOOL_CALL -> content.append("→ ").append(Markdown.preview(part.name(), ROLE_MAX * 2).text())
                        .append('(').append(part.head()).append(part.clipped() ? "…)" : ")");
                case TOOL_RESULT -> {
                    if (part.name() != null && !part.name().equals(tool)) {
                        content.append(part.name()).append(": ");
                    }
                    content.append(part.head()).append(part.clipped() ? "…" : "");
                }
                default -> content.append(part.head()).append(part.clipped() ? "…" : "");
            }
        }
        return clip(message.parts().isEmpty() ? "(no text)" : content.toString(), max);
    }

    /** The role, with the tool whose result the message carries or the participant's name. */
    static String label(ChatMessage message) {
        String role = Markdown.preview(message.role(), ROLE_MAX).text();
        String name = message.toolName();
        return name == null ? role : role + " " + Markdown.preview(name, ROLE_MAX * 2).text();
    }

    /** The text cut to {@code max} characters, {@code …} ending a cut one, never splitting a surrogate pair. */
    static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return max < 1 ? "" : Markdown.bounded(text, max - 1).text() + "…";
    }
}
