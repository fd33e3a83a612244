package com.opstower.raindrop.trace.focus;

import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.trace.read.TraceReader;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One get_trace search over the text of a trace's spans as the reader meets it: for the span being read, up to
 * {@link #SNIPPETS} snippets of where the pattern matches, each about {@link #SNIPPET_CONTEXT} characters either side
 * of the match, which is marked «»; and, across the trace, how many payloads reached {@code trunc_len} upstream, so
 * were searched only that far. Stateful, for one read.
 */
public final class SpanSearch implements TraceReader.TextVisitor {

    static final int SNIPPETS = 3;
    static final int SNIPPET_CONTEXT = 80;

    private final SearchPattern pattern;
    private final int truncLen;
    private List<String> snippets = new ArrayList<>(SNIPPETS);
    private int payloadsCutUpstream;

    SpanSearch(SearchPattern pattern, int truncLen) {
        this.pattern = pattern;
        this.truncLen = truncLen;
    }

    @Override
    public void text(String field, String key, char[] chars, int offset, int length) {
        if (length >= truncLen && key == null && !"name".equals(field)) {
            payloadsCutUpstream++;
        }
        int end = offset + length;
        int from = offset;
        while (snippets.size() < SNIPPETS && from <= end) {
            int[] match = pattern.find(chars, offset, from, end);
            if (match == null) {
                return;
            }
            snippets.add((key == null ? field : field + "." + key) + ": "
                    + snippet(CharBuffer.wrap(chars, offset, length), match[0] - offset, match[1] - offset));
            // An empty match moves on by one, so that each is found once.
            from = match[1] > match[0] ? match[1] : match[1] + 1;
        }
    }

    /** Whether the span just read matched: only then is it drawn with its payloads. */
    @Override
    public boolean previews() {
        return !snippets.isEmpty();
    }

    /** The snippets of the span just read, the search starting afresh for the next one. */
    public List<String> takeSnippets() {
        if (snippets.isEmpty()) {
            return List.of();
        }
        List<String> taken = snippets;
        snippets = new ArrayList<>(SNIPPETS);
        return taken;
    }

    public int payloadsCutUpstream() {
        return payloadsCutUpstream;
    }

    /**
     * The match {@code [start, end)} of {@code text} and its context, on one line (whitespace and control runs read as
     * one space), no cut splitting a surrogate pair.
     */
    private static String snippet(CharSequence text, int start, int end) {
        int from = Markdown.charBoundary(text, Math.max(0, start - SNIPPET_CONTEXT));
        int to = Markdown.charBoundary(text, Math.min(text.length(), end + SNIPPET_CONTEXT));
        int shownEnd = Markdown.charBoundary(text, Math.min(end, start + 2 * SNIPPET_CONTEXT));
        StringBuilder snippet = new StringBuilder(to - from + 8).append(from > 0 ? "…" : "")
                .append(text, from, start).append('«').append(text, start, shownEnd).append('»')
                .append(text, end, to).append(to < text.length() ? "…" : "");
        return Markdown.collapseWhitespace(snippet.toString());
    }
}
