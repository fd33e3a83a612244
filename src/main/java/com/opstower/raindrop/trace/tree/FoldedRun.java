package com.opstower.raindrop.trace.tree;

import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.trace.read.SpanFacts;
import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run of sibling instrumentation spans ({@link Salience#FOLDING_RULE}) as one line: how many, their names with
 * counts, each one's duration or their time span, and the first and last span's id, which focus arguments take:
 * {@code - 12 instrumentation spans: cache.get ×5, flags.evaluate ×4, db.query ×2, http.client ×1 · 2 ms each · spans `…` … `…`}.
 */
final class FoldedRun extends Row {

    /** Names listed on the line; the others are counted. */
    static final int LISTED_NAMES = 5;

    private final List<Node> siblings;
    private final List<Node> preorder;
    private final long traceStartNs;
    private final int spans;
    private String line;

    /**
     * @param siblings the run, in start order
     * @param preorder the tree's reading order, in which the run's subtrees lie end to end
     */
    FoldedRun(List<Node> siblings, List<Node> preorder, long traceStartNs) {
        this.siblings = siblings;
        this.preorder = preorder;
        this.traceStartNs = traceStartNs;
        Node last = siblings.get(siblings.size() - 1);
        this.spans = last.position() + last.subtreeSize() - siblings.get(0).position();
    }

    @Override
    int spans() {
        return spans;
    }

    @Override
    int openErrors() {
        return 0;
    }

    @Override
    int lineCost() {
        return 2 * depth() + line().length() + 1;
    }

    @Override
    boolean hasPayloads() {
        return false;
    }

    @Override
    int payloadCost() {
        return 0;
    }

    @Override
    int payloadCostEstimate() {
        return 0;
    }

    @Override
    Importance importance() {
        return Importance.ROUTINE;
    }

    @Override
    void appendTo(StringBuilder text, boolean payloadsShown) {
        appendIndent(text, depth()).append(line()).append('\n');
    }

    private String line() {
        if (line == null) {
            line = format();
        }
        return line;
    }

    private String format() {
        Map<String, Integer> names = new LinkedHashMap<>();
        int from = siblings.get(0).position();
        for (int i = from; i < from + spans; i++) {
            names.merge(Markdown.label(preorder.get(i).span().spanName(), "unnamed span"), 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> byCount = new ArrayList<>(names.entrySet());
        // Most frequent first; the sort is stable, so equals keep the order they were met in.
        byCount.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
        StringBuilder line = new StringBuilder(128 + 40 * LISTED_NAMES).append("- ")
                .append(Markdown.count(spans, "instrumentation span")).append(": ");
        for (int i = 0; i < Math.min(LISTED_NAMES, byCount.size()); i++) {
            line.append(i == 0 ? "" : ", ").append(byCount.get(i).getKey()).append(" ×").append(byCount.get(i).getValue());
        }
        if (byCount.size() > LISTED_NAMES) {
            line.append(" and ").append(Markdown.count(byCount.size() - LISTED_NAMES, "more name"));
        }
        line.append(" · ").append(timing()).append(" · spans ");
        Markdown.appendCode(line, id(siblings.get(0))).append(" … ");
        return Markdown.appendCode(line, id(siblings.get(siblings.size() - 1))).toString();
    }

    /** {@code 2 ms each} when every sibling took as long as shown, else their time span and where it starts. */
    private String timing() {
        String each = null;
        boolean same = true;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Node sibling : siblings) {
            TraceSpan span = sibling.span();
            Long duration = SpanFacts.durationNs(span);
            String shown = duration == null ? null : Markdown.duration(Duration.ofNanos(duration));
            same &= shown != null && (each == null || each.equals(shown));
            each = shown;
            if (span.startTimeNs() > 0) {
                start = Math.min(start, span.startTimeNs());
            }
            end = Math.max(end, SpanFacts.endNs(span));
        }
        if (same) {
            return each + " each";
        }
        if (start == Long.MAX_VALUE || end <= 0 || end < start) {
            return "durations unknown";
        }
        return Markdown.duration(Duration.ofNanos(end - start)) + " in all from +"
                + (start == traceStartNs ? "0 ms" : Markdown.duration(Duration.ofNanos(start - traceStartNs)));
    }

    private static String id(Node node) {
        String id = node.span().spanId();
        return id == null ? "id missing" : Markdown.collapseWhitespace(id);
    }
}
