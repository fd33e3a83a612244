package com.opstower.raindrop.trace.focus;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * get_trace's focus arguments: which spans the tree is drawn for. A span matches when it satisfies every filter
 * given. Search patterns run on RE2/J, in time linear in the text whatever the pattern, since an agent can send any.
 *
 * @param status a status, compared ignoring case; null for any
 * @param spanTypes span types, one of which must match ignoring case; empty for any
 * @param spanId the span whose path and subtree the answer is about; null for none
 * @param search the text or {@code /regex/} as sent; null for none
 */
public record Focus(String status, List<String> spanTypes, String spanId, String search, SearchPattern pattern) {

    /** No focus: the whole tree. */
    public static final Focus NONE = new Focus(null, List.of(), null, null, null);

    /** Longer searches are not a snippet an agent is looking for, and each one costs a pass over every payload. */
    public static final int MAX_SEARCH_CHARS = 500;

    public Focus {
        spanTypes = List.copyOf(spanTypes);
    }

    /**
     * The focus an agent asked for; each of {@code spanTypes} may itself list types, separated by commas.
     *
     * @throws ToolFailure {@code INVALID_ARGUMENT} for a search too long or a regular expression that does not compile
     */
    public static Focus of(String status, List<String> spanTypes, String spanId, String search) {
        List<String> types = spanTypes.stream().flatMap(listed -> Arrays.stream(listed.split(",")))
                .map(String::strip).filter(type -> !type.isEmpty()).toList();
        return new Focus(status, types, spanId, search, search == null ? null : compile(search));
    }

    private static SearchPattern compile(String search) {
        if (search.length() > MAX_SEARCH_CHARS) {
            throw ToolFailure.invalidArgument("`search` has " + search.length() + " characters; at most "
                            + MAX_SEARCH_CHARS + " are searched for.",
                    "Call get_trace again with a shorter `search`: a distinctive word or phrase of the payload.");
        }
        boolean regex = search.length() > 2 && search.startsWith("/") && search.endsWith("/");
        if (!regex) {
            return SearchPattern.Text.of(search);
        }
        try {
            return new SearchPattern.Regex(Pattern.compile(search.substring(1, search.length() - 1), Pattern.CASE_INSENSITIVE));
        } catch (PatternSyntaxException e) {
            throw ToolFailure.invalidArgument("`search` " + Markdown.code(search) + " is not a regular expression RE2 "
                            + "accepts: " + e.getDescription() + ".",
                    "Call get_trace again with a valid `/…/` expression (no backreferences or lookaround), or plain text"
                            + " without the slashes.");
        }
    }

    public boolean isNone() {
        return status == null && spanTypes.isEmpty() && spanId == null && search == null;
    }

    /** Whether the search needs every payload whole. */
    public boolean searches() {
        return pattern != null;
    }

    /** Whether the span passes the status and type filters (the span id and search are checked elsewhere). */
    public boolean passesFilters(TraceSpan span) {
        return (status == null || status.equalsIgnoreCase(span.status()))
                && (spanTypes.isEmpty() || spanTypes.stream().anyMatch(type -> type.equalsIgnoreCase(span.spanType())));
    }

    /**
     * The span {@link #spanId()} names, the first of that id in reading order; only when there is one.
     *
     * @throws ToolFailure {@code NOT_FOUND} when the trace has no such span
     */
    public TraceTree.Node target(TraceTree tree, String eventId) {
        return tree.preorder().stream().filter(node -> spanId.equals(node.span().spanId())).findFirst()
                .orElseThrow(() -> new ToolFailure(ErrorCode.NOT_FOUND,
                        "No span " + Markdown.code(spanId) + " in the trace of event " + Markdown.code(eventId) + " ("
                                + Markdown.count(tree.preorder().size(), "span") + " read).",
                        "Call get_trace with this `event_id` and without `span_id` to see the span ids of its trace."));
    }

    /** A search of the trace being read, for {@link TraceReader}; only when {@link #searches()}. */
    public SpanSearch newSearch(int truncLen) {
        return new SpanSearch(pattern, truncLen);
    }

    /** The filters as the header names them: {@code status=ERROR, search="refund"}. */
    public String describe() {
        List<String> parts = new ArrayList<>(4);
        if (status != null) {
            parts.add("status=" + status);
        }
        if (!spanTypes.isEmpty()) {
            parts.add("span_type=" + String.join("|", spanTypes));
        }
        if (spanId != null) {
            parts.add("span_id=" + spanId);
        }
        if (search != null) {
            parts.add("search=" + search);
        }
        return Markdown.collapseWhitespace(String.join(", ", parts));
    }
}
