package com.opstower.raindrop.trace.compare;

import com.opstower.raindrop.tool.Markdown;
import java.util.Locale;

/**
 * Where two payloads part: the first character that differs, and each side's text around it (whole when both are
 * short) with the part that differs marked «». The common end of both is found too, so that the mark holds what changed and no more. Line breaks,
 * tabs and other control characters are written as escapes, so that a difference in whitespace shows.
 *
 * @param at the first character that differs, counted from 0
 * @param beyondKept whether the payloads agree on all the characters kept of them, so where they part is not known
 *        closer than {@link PayloadText#KEPT}
 */
record Parting(int at, boolean beyondKept, String baseline, String run) {

    /** Characters shown before the difference and after it. */
    static final int CONTEXT = 40;
    /** Characters of the differing part shown, at most. */
    static final int SHOWN = 80;

    /** Payloads this short on both sides are shown whole, the part that differs marked: a tool's answer at a glance. */
    static final int SHOWN_WHOLE = 300;

    /**
     * Where the two payloads part, each side shown around it, or whole when both are at most {@link #SHOWN_WHOLE}
     * characters.
     */
    static Parting of(PayloadText baseline, PayloadText run) {
        boolean bothShort = baseline.length() <= SHOWN_WHOLE && run.length() <= SHOWN_WHOLE;
        return of(baseline, run, bothShort ? SHOWN_WHOLE : CONTEXT, bothShort ? SHOWN_WHOLE : SHOWN);
    }

    private static Parting of(PayloadText baseline, PayloadText run, int context, int shown) {
        String a = baseline.kept();
        String b = run.kept();
        int shorter = Math.min(a.length(), b.length());
        int at = 0;
        while (at < shorter && a.charAt(at) == b.charAt(at)) {
            at++;
        }
        if (at == shorter && !baseline.whole() && !run.whole()) {
            return new Parting(PayloadText.KEPT, true, "", "");
        }
        at = Markdown.charBoundary(a, at);
        int end = 0;
        if (baseline.whole() && run.whole()) {
            while (end < shorter - at && a.charAt(a.length() - 1 - end) == b.charAt(b.length() - 1 - end)) {
                end++;
            }
        }
        return new Parting(at, false, snippet(a, at, a.length() - end, context, shown),
                snippet(b, at, b.length() - end, context, shown));
    }

    /** {@code …before«changed»after…}, on one line: {@code context} characters each side, {@code shown} of the change. */
    private static String snippet(String text, int from, int changedEnd, int context, int shown) {
        int start = Markdown.charBoundary(text, Math.max(0, from - context));
        int shownEnd = Markdown.charBoundary(text, Math.min(changedEnd, from + shown));
        StringBuilder snippet = new StringBuilder(2 * context + shown + 16).append(start > 0 ? "…" : "");
        escape(snippet, text, start, from).append('«');
        escape(snippet, text, from, shownEnd).append(shownEnd < changedEnd ? "…»" : "»");
        if (shownEnd == changedEnd) {
            int after = Markdown.charBoundary(text, Math.min(text.length(), changedEnd + context));
            escape(snippet, text, changedEnd, after).append(after < text.length() ? "…" : "");
        }
        return snippet.toString();
    }

    private static StringBuilder escape(StringBuilder out, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out;
    }
}
