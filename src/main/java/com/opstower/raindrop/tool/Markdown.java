package com.opstower.raindrop.tool;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Small, pure helpers for the markdown the agent reads. */
public final class Markdown {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Markdown() {
    }

    /** Text cut to at most {@code max} characters, and how many were dropped. */
    public record Preview(String text, int dropped) {
        public boolean clipped() {
            return dropped > 0;
        }

        /** The preview in quotes, with the cut announced. */
        public String quoted() {
            return "\"" + text + "\"" + cutNote();
        }

        /** {@code " … (+N chars)"} when the text was cut, else nothing. */
        public String cutNote() {
            return dropped > 0 ? " … (+" + count(dropped, "char") + ")" : "";
        }
    }

    /** Whitespace runs collapsed to one space, then cut to {@code max} characters without splitting a surrogate pair. */
    public static Preview preview(String text, int max) {
        String collapsed = collapseWhitespace(text == null ? "" : text);
        if (collapsed.length() <= max) {
            return new Preview(collapsed, 0);
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(collapsed.charAt(end - 1))) {
            end--;
        }
        String shown = collapsed.substring(0, end).stripTrailing();
        return new Preview(shown, collapsed.length() - shown.length());
    }

    /** Text cut to {@code max} characters, keeping its lines. */
    public static Preview bounded(String text, int max) {
        String value = text == null ? "" : text;
        if (value.length() <= max) {
            return new Preview(value, 0);
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return new Preview(value.substring(0, end), value.length() - end);
    }

    public static String collapseWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A fenced block that the content cannot close: the fence is longer than any backtick run inside. */
    public static String fence(String language, String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + language + "\n" + content + (content.endsWith("\n") ? "" : "\n") + fence;
    }

    /** Every non-blank line indented by {@code spaces}, so that a block sits under a list item. */
    public static String indent(String block, int spaces) {
        String pad = " ".repeat(spaces);
        return block.lines().map(line -> line.isBlank() ? "" : pad + line).collect(java.util.stream.Collectors.joining("\n"));
    }

    /** Inline code that shows the value exactly, whatever backticks it holds. */
    public static String code(String value) {
        if (value == null) {
            return "—";
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            run = value.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String ticks = "`".repeat(longest + 1);
        String pad = longest > 0 || value.startsWith("`") || value.endsWith("`") ? " " : "";
        return ticks + pad + value + pad + ticks;
    }

    /** An ISO-8601 time as {@code 2026-11-24 09:12:03 UTC}; anything unparseable is shown as sent. */
    public static String utc(String iso) {
        Instant instant = instant(iso);
        return instant == null ? (iso == null ? "unknown time" : iso) : UTC.format(instant);
    }

    public static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static String utc(Instant instant) {
        return UTC.format(instant);
    }

    /** A duration in the unit a person would use: 850 ms, 1.24 s, 3m 05s, 2h 10m. */
    public static String duration(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 0) {
            return "negative duration";
        }
        if (nanos < 1_000_000) {
            return nanos < 1_000 ? nanos + " ns" : String.format(java.util.Locale.ROOT, "%.0f µs", nanos / 1_000.0);
        }
        if (nanos < 1_000_000_000) {
            return String.format(java.util.Locale.ROOT, "%.0f ms", nanos / 1_000_000.0);
        }
        if (nanos < 60_000_000_000L) {
            return String.format(java.util.Locale.ROOT, "%.2f s", nanos / 1_000_000_000.0);
        }
        long seconds = d.toSeconds();
        if (seconds < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    /** An end user as the agent should read it; events and conversations may have none. */
    public static String endUser(String userId) {
        return userId == null ? "anonymous user" : "user " + code(userId);
    }

    /** {@code 1 message}, {@code 2 messages}. */
    public static String count(long n, String singular) {
        return n + " " + singular + (n == 1 ? "" : "s");
    }
}
