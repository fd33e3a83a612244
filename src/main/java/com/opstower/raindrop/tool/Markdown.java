package com.opstower.raindrop.tool;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/** Small, pure helpers for the markdown the agent reads. */
public final class Markdown {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * Characters of a name or label shown on one line: event names, models, topics, flags, signal, group and tool
     * names, facet values, user ids, filter values. Ids an agent passes back are shown whole.
     */
    public static final int LABEL_LENGTH = 80;

    /** Characters of a line of labels, such as an event's topics: about ten labels. */
    public static final int LABEL_LINE_LENGTH = 10 * LABEL_LENGTH;

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

    /**
     * A name or label on one line, whitespace collapsed, cut to {@link #LABEL_LENGTH} and then ended with "…";
     * {@code absent} when missing or blank.
     */
    public static String label(String value, String absent) {
        if (value == null) {
            return absent;
        }
        Preview shown = preview(value, LABEL_LENGTH);
        if (shown.text().isEmpty()) {
            return absent;
        }
        return shown.clipped() ? shown.text() + "…" : shown.text();
    }

    /** {@link #label} as inline code, or {@code absent} as it is. */
    public static String codeLabel(String value, String absent) {
        String label = label(value, null);
        return label == null ? absent : code(label);
    }

    /**
     * Items joined with ", " as far as {@code max} characters allow (the first one always), then how many are left:
     * {@code a, b and 3 more}.
     */
    public static String joined(List<String> items, int max) {
        int shown = joinable(items, max);
        String line = String.join(", ", items.subList(0, shown));
        return shown == items.size() ? line : line + " and " + (items.size() - shown) + " more";
    }

    /** How many items {@link #joined} shows. */
    public static int joinable(List<String> items, int max) {
        int total = items.size();
        return fitting(items, max,
                shown -> 2 * (shown - 1) + (shown == total ? 0 : (" and " + (total - shown) + " more").length()));
    }

    /**
     * How many of the first items fit {@code max} characters beside what the answer adds for that many (separators, a
     * line saying how many are left, a heading); at least one, so that something is always shown. All of them fit
     * when they do, though a frame for fewer, saying how many are left, would not.
     */
    public static int fitting(List<String> items, int max, IntUnaryOperator frameLength) {
        long all = 0;
        for (String item : items) {
            all += item.length();
        }
        if (items.isEmpty() || all + frameLength.applyAsInt(items.size()) <= max) {
            return items.size();
        }
        int shown = 1;
        long chars = items.get(0).length();
        while (shown < items.size()) {
            long wider = chars + items.get(shown).length();
            if (wider + frameLength.applyAsInt(shown + 1) > max) {
                break;
            }
            chars = wider;
            shown++;
        }
        return shown;
    }

    /**
     * Whitespace, control and space-character runs collapsed to one space, leading and trailing ones dropped, then cut
     * to {@code max} characters without splitting a surrogate pair; the characters cut are counted.
     */
    public static Preview preview(String text, int max) {
        String value = text == null ? "" : text;
        if (value.length() <= max && isCollapsed(value)) {
            // Most labels: kept as they are, without the two copies a preview of a slice makes.
            return new Preview(value, 0);
        }
        return preview(value.toCharArray(), 0, value.length(), max);
    }

    /** The index moved off the second half of a surrogate pair, so that a cut there never splits a character. */
    public static int charBoundary(CharSequence text, int index) {
        return index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index)) ? index - 1 : index;
    }

    /** Whether collapsing leaves the text as it is: its only collapsing characters are single inner spaces. */
    private static boolean isCollapsed(String text) {
        int last = text.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if (collapses(c) && (c != ' ' || i == 0 || i == last || text.charAt(i - 1) == ' ')) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #preview(String, int)} of a slice, so that a parser's buffer is previewed without a string of the whole
     * text: only the shown part is copied, the rest is counted.
     */
    public static Preview preview(char[] chars, int offset, int length, int max) {
        // Collapsing never lengthens the text, so the shown part fits in the smaller of the two.
        char[] shown = new char[Math.min(length, max)];
        int collapsedLength = 0;
        boolean space = false;
        int i = offset;
        int end = offset + length;
        for (; i < end && collapsedLength < max; i++) {
            char c = chars[i];
            if (collapses(c)) {
                space = collapsedLength > 0;
                continue;
            }
            if (space) {
                shown[collapsedLength++] = ' ';
                space = false;
            }
            if (collapsedLength < max) {
                shown[collapsedLength] = c;
            }
            collapsedLength++;
        }
        if (collapsedLength == 0) {
            // Only when max is 0: collapsing characters before any kept one count for nothing.
            while (i < end && collapses(chars[i])) {
                i++;
            }
        }
        // Past the shown part only the length counts: each kept character, and one space for each run of collapsing
        // ones before it. Payloads are mostly past it, so this loop is free of branches on the characters.
        int afterCollapsing = space ? 1 : 0;
        for (; i < end; i++) {
            int collapsing = collapseBit(chars[i]);
            int kept = collapsing ^ 1;
            collapsedLength += kept + (kept & afterCollapsing);
            afterCollapsing = collapsing;
        }
        if (collapsedLength <= max) {
            return new Preview(new String(shown, 0, collapsedLength), 0);
        }
        int cut = max;
        if (cut > 0 && Character.isHighSurrogate(shown[cut - 1])) {
            cut--;
        }
        // The collapsed text has single spaces only: a cut ends in at most one.
        if (cut > 0 && shown[cut - 1] == ' ') {
            cut--;
        }
        return new Preview(new String(shown, 0, cut), collapsedLength - cut);
    }

    /** Whitespace, control and space characters: one bit per UTF-16 code unit. */
    private static final long[] COLLAPSING = new long[(Character.MAX_VALUE + 1) / 64];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                COLLAPSING[c >>> 6] |= 1L << c;
            }
        }
    }

    /** Whether a preview collapses the character: whitespace, control and space characters. */
    private static boolean collapses(char c) {
        return collapseBit(c) != 0;
    }

    /** {@link #collapses} as 1 or 0. */
    private static int collapseBit(char c) {
        return (int) (COLLAPSING[c >>> 6] >>> c) & 1;
    }

    /** Text cut to {@code max} characters, keeping its lines. */
    public static Preview bounded(String text, int max) {
        String value = text == null ? "" : text;
        if (value.length() <= max) {
            return new Preview(value, 0);
        }
        int end = max > 0 && Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return new Preview(value.substring(0, end), value.length() - end);
    }

    /** Whitespace runs collapsed to one space, leading and trailing ones dropped; the text itself when already so. */
    public static String collapseWhitespace(String text) {
        Preview whole = preview(text, Integer.MAX_VALUE);
        return whole.text();
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
        return appendCode(new StringBuilder(value.length() + 4), value).toString();
    }

    /** Appends {@link #code(String)} of the value, without making it a string of its own first. */
    public static StringBuilder appendCode(StringBuilder out, String value) {
        if (value == null) {
            return out.append('—');
        }
        if (value.indexOf('`') < 0) {
            // No backtick inside: one tick each side, no padding.
            return out.append('`').append(value).append('`');
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            run = value.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        boolean pad = longest > 0 || value.startsWith("`") || value.endsWith("`");
        appendTicks(out, longest + 1);
        if (pad) {
            out.append(' ');
        }
        out.append(value);
        if (pad) {
            out.append(' ');
        }
        return appendTicks(out, longest + 1);
    }

    private static StringBuilder appendTicks(StringBuilder out, int count) {
        for (int i = 0; i < count; i++) {
            out.append('`');
        }
        return out;
    }

    /** An ISO-8601 time as {@code 2026-11-24 09:12:03 UTC}; anything unparseable is shown as sent, as a label. */
    public static String utc(String iso) {
        Instant instant = instant(iso);
        return instant == null ? label(iso, "unknown time") : UTC.format(instant);
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

    /**
     * A duration in the unit a person would use: 850 ms, 1.24 s, 3m 05s, 2h 10m. Fractions are rounded half up, as
     * {@code %.0f} and {@code %.2f} round, in integer arithmetic.
     */
    public static String duration(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 0) {
            return "negative duration";
        }
        if (nanos < 1_000_000) {
            return nanos < 1_000 ? nanos + " ns" : (nanos + 500) / 1_000 + " µs";
        }
        if (nanos < 1_000_000_000) {
            return (nanos + 500_000) / 1_000_000 + " ms";
        }
        if (nanos < 60_000_000_000L) {
            long centis = (nanos + 5_000_000) / 10_000_000;
            return centis / 100 + "." + twoDigits(centis % 100) + " s";
        }
        long seconds = d.toSeconds();
        if (seconds < 3600) {
            return seconds / 60 + "m " + twoDigits(seconds % 60) + "s";
        }
        return seconds / 3600 + "h " + twoDigits((seconds % 3600) / 60) + "m";
    }

    private static String twoDigits(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }

    /** An end user as the agent should read it; events and conversations may have none. */
    public static String endUser(String userId) {
        return userId == null ? "anonymous user" : "user " + codeLabel(userId, "(blank)");
    }

    /** {@code 1 message}, {@code 2 messages}. */
    public static String count(long n, String singular) {
        return n + " " + singular + (n == 1 ? "" : "s");
    }

    /**
     * {@code 9,331}: a length or count the agent reads, its thousands grouped. A number the agent sends back (an
     * {@code offset}, a {@code trunc_len}) is written ungrouped where a call shows it.
     */
    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 812 bytes}, {@code 487.3 KB}, {@code 25.0 MB}, in binary units as file sizes usually are. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
