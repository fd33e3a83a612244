package com.opstower.raindrop.trace.focus;

import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.trace.message.MessageLocator;
import com.opstower.raindrop.trace.read.TraceReader;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One get_trace search over the text of a trace's spans as the reader meets it: for the span being read, up to
 * {@link #SNIPPETS} snippets of where the pattern matches, each about {@link #SNIPPET_CONTEXT} characters either side
 * of the match, which is marked «», and named by where it is (in a chat payload, by the JSON Pointer of its message
 * or part, the payload being read as messages only when it matched); and, across the trace, how many payloads
 * reached {@code trunc_len} upstream, so were searched only that far. Stateful, for one read.
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
        boolean payload = key == null && !"name".equals(field);
        if (length >= truncLen && payload) {
            payloadsCutUpstream++;
        }
        int room = SNIPPETS - snippets.size();
        int end = offset + length;
        int[] match = room == 0 ? null : pattern.find(chars, offset, offset, end);
        if (match == null) {
            return;
        }
        int[][] matches = new int[room][];
        int found = 0;
        while (match != null) {
            matches[found++] = match;
            // An empty match moves on by one, so that each is found once.
            int from = match[1] > match[0] ? match[1] : match[1] + 1;
            match = found < room && from <= end ? pattern.find(chars, offset, from, end) : null;
        }
        String[] messages = payload ? messagesAt(chars, offset, length, matches, found) : new String[found];
        CharBuffer text = CharBuffer.wrap(chars, offset, length);
        for (int i = 0; i < found; i++) {
            String where = key != null ? field + "." + key : messages[i] != null ? field + " " + messages[i] : field;
            snippets.add(where + ": " + snippet(text, matches[i][0] - offset, matches[i][1] - offset));
        }
    }

    /** Which message of a chat payload each match is in: the payload is read as messages only when it matched. */
    private static String[] messagesAt(char[] chars, int offset, int length, int[][] matches, int found) {
        int[] positions = new int[found];
        for (int i = 0; i < found; i++) {
            positions[i] = matches[i][0] - offset;
        }
        return MessageLocator.pointers(chars, offset, length, positions);
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
