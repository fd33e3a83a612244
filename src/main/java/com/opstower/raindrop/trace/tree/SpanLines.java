package com.opstower.raindrop.trace.tree;

import static com.opstower.raindrop.tool.Markdown.code;

import com.opstower.raindrop.tool.Markdown.Preview;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.trace.read.SpanFacts;
import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The markdown of one span: its line in the tree and, below it, its payload previews. Each span is formatted once,
 * so that the layout can weigh the exact text before choosing what fits. Lines are kept without their indentation,
 * which is counted, and written only for the spans shown: a chain thousands of spans deep would otherwise cost
 * quadratic time and memory in spaces alone.
 *
 * <p>{@code line} is the span's list item, unindented; below it come the input and output preview items, each
 * written only for a span whose previews the answer shows, and otherwise only measured; {@code input} and
 * {@code output} are the previews, null for a payload the span does not have.
 */
public final class SpanLines {

    /** Appended to a span line whose previews the layout left out to fit the answer. */
    static final String PAYLOADS_OMITTED = " · payloads omitted";

    /** Names, types, models and the like are labels, not payloads: long ones are cut so a line stays a line. */
    private static final int LABEL_MAX = 80;

    private final TraceTree.Node node;
    private final String line;
    private final Preview input;
    private final Preview output;
    /** A focused search's snippet items, unindented; empty without a search. */
    private final List<String> snippets;
    private final int lineCost;
    private final int payloadCost;

    private SpanLines(TraceTree.Node node, String line, Preview input, Preview output, List<String> snippets) {
        this.node = node;
        this.line = line;
        this.input = input;
        this.output = output;
        this.snippets = snippets;
        this.lineCost = 2 * node.depth() + line.length() + 1;
        int cost = 0;
        for (String snippet : snippets) {
            cost += 2 * (node.depth() + 1) + snippet.length() + 1;
        }
        if (input != null) {
            cost += 2 * (node.depth() + 1) + payloadLineLength("input", input) + 1;
        }
        if (output != null) {
            cost += 2 * (node.depth() + 1) + payloadLineLength("output", output) + 1;
        }
        this.payloadCost = cost;
    }

    /** The span's lines; times are shown relative to {@code traceStartNs}. */
    static SpanLines of(TraceTree.Node node, long traceStartNs) {
        return new SpanLines(node, line(node, traceStartNs), node.span().input(), node.span().output(), List.of());
    }

    /** Appended to the line of a span drawn only because it leads to a focused one. */
    static final String CONTEXT = " · context";

    /** A span on the path to a focused span: its line alone, marked as context. */
    static SpanLines context(TraceTree.Node node, long traceStartNs) {
        return new SpanLines(node, line(node, traceStartNs) + CONTEXT, null, null, List.of());
    }

    /** A focused span: its line, its previews, and where a search matched it ({@code where: …«match»…}). */
    static SpanLines focused(TraceTree.Node node, long traceStartNs, List<String> matches) {
        List<String> items = new ArrayList<>(matches.size());
        for (String match : matches) {
            int colon = match.indexOf(": ");
            items.add(Markdown.appendCode(new StringBuilder("- match in ").append(match, 0, colon).append(": "),
                    match.substring(colon + 2)).toString());
        }
        return new SpanLines(node, line(node, traceStartNs), node.span().input(), node.span().output(), items);
    }

    /** Whether the input preview holds less than the whole input. */
    boolean inputCut() {
        return input != null && input.clipped();
    }

    boolean outputCut() {
        return output != null && output.clipped();
    }

    boolean hasInput() {
        return input != null;
    }

    boolean hasOutput() {
        return output != null;
    }

    TraceTree.Node node() {
        return node;
    }

    String line() {
        return line;
    }

    /** Whether the span has an input or an output, and so preview items under its line. */
    boolean hasPayloads() {
        return input != null || output != null || !snippets.isEmpty();
    }

    Preview input() {
        return input;
    }

    Preview output() {
        return output;
    }

    /** Characters the span line costs in the answer, indentation and newline included. */
    int lineCost() {
        return lineCost;
    }

    /** Characters the previews cost in the answer, 0 when there are none. */
    int payloadCost() {
        return payloadCost;
    }

    /** Writes the span line and, when shown, its previews below it; else the line says they were omitted. */
    void appendTo(StringBuilder text, boolean payloadsShown) {
        appendIndent(text, node.depth()).append(line);
        if (hasPayloads() && !payloadsShown) {
            text.append(PAYLOADS_OMITTED);
        }
        text.append('\n');
        if (payloadsShown) {
            if (input != null) {
                appendPayloadLine(appendIndent(text, node.depth() + 1), "input", input).append('\n');
            }
            if (output != null) {
                appendPayloadLine(appendIndent(text, node.depth() + 1), "output", output).append('\n');
            }
            for (String snippet : snippets) {
                appendIndent(text, node.depth() + 1).append(snippet).append('\n');
            }
        }
    }

    /** The line standing for spans the layout folded away under one parent (or at the top, depth 0). */
    static String folded(int depth, int spans, int errors) {
        StringBuilder line = appendIndent(new StringBuilder(2 * depth + 64), depth)
                .append("- … ").append(Markdown.count(spans, "more span")).append(" not shown");
        if (errors > 0) {
            line.append(", **").append(Markdown.count(errors, "error")).append("** among them");
        }
        return line.toString();
    }

    private static String line(TraceTree.Node node, long traceStartNs) {
        TraceSpan span = node.span();
        StringBuilder line = appendFacts(new StringBuilder(256).append("- "), span, node.error(),
                timing(span, traceStartNs));
        line.append(" · span ");
        if (span.spanId() == null) {
            line.append("id missing");
        } else {
            Markdown.appendCode(line, Markdown.collapseWhitespace(span.spanId()));
        }
        appendPlacement(line, node);
        return line.toString();
    }

    /**
     * One span on its own, for an answer about that span alone: the facts of its tree line, then its parent's id
     * (or that it is a root).
     */
    public static String summary(TraceSpan span) {
        StringBuilder line = appendFacts(new StringBuilder(256), span, SpanFacts.isError(span), duration(span));
        if (span.parentSpanId() == null || span.parentSpanId().isBlank()) {
            return line.append(" · root span").toString();
        }
        line.append(" · parent ");
        return Markdown.appendCode(line, Markdown.collapseWhitespace(span.parentSpanId())).toString();
    }

    /** Name, type, status, timing, model and tokens: what a span line and a span summary share. */
    private static StringBuilder appendFacts(StringBuilder line, TraceSpan span, boolean error, String timing) {
        String name = label(span.spanName(), null);
        String status = label(span.status(), "no status");
        line.append(error ? "❌ " : "");
        if (name == null) {
            line.append("unnamed span");
        } else {
            Markdown.appendCode(line, name);
        }
        line.append(" · ").append(label(span.spanType(), "no type"))
                .append(" · ").append(error ? "**" + status + "**" : status)
                .append(" · ").append(timing);
        appendModel(line, span);
        appendTokens(line, span);
        return line;
    }

    private static String duration(TraceSpan span) {
        Long duration = SpanFacts.durationNs(span);
        return duration == null ? "duration unknown" : Markdown.duration(Duration.ofNanos(duration));
    }

    /** How long the span took and when it started, relative to the trace's first start. */
    private static String timing(TraceSpan span, long traceStartNs) {
        String took = duration(span);
        if (span.startTimeNs() <= 0) {
            return took + ", start unknown";
        }
        long offset = span.startTimeNs() - traceStartNs;
        return took + " at +" + (offset == 0 ? "0 ms" : Markdown.duration(Duration.ofNanos(offset)));
    }

    private static void appendModel(StringBuilder line, TraceSpan span) {
        String model = label(span.model(), null);
        String provider = label(span.provider(), null);
        if (model != null) {
            line.append(" · model ").append(model).append(provider == null ? "" : " (" + provider + ")");
        } else if (provider != null) {
            line.append(" · provider ").append(provider);
        }
    }

    private static void appendTokens(StringBuilder line, TraceSpan span) {
        if (span.inputTokens() != null || span.outputTokens() != null) {
            line.append(" · tokens ").append(tokens(span.inputTokens(), span.outputTokens()));
        }
    }

    /** {@code 812 in / 41 out}, or the one side known. */
    public static String tokens(Long input, Long output) {
        if (input == null || output == null) {
            return input == null ? output + " out" : input + " in";
        }
        return input + " in / " + output + " out";
    }

    private static void appendPlacement(StringBuilder line, TraceTree.Node node) {
        String parentId = node.span().parentSpanId();
        switch (node.placement()) {
            case ORPHAN -> line.append(" · parent ").append(code(Markdown.collapseWhitespace(parentId)))
                    .append(" not in this response");
            case SELF_PARENT -> line.append(" · names itself as its parent, shown as a root");
            case CYCLE -> line.append(" · parent ").append(code(Markdown.collapseWhitespace(parentId)))
                    .append(" leads back to this span (a cycle), shown as a root");
            default -> {
            }
        }
        if (node.idSharedBy() > 1) {
            line.append(" · span id shared by ").append(node.idSharedBy()).append(" spans in this response");
        }
    }

    /** A preview item, {@code - input: `…` … (+N chars)}, unindented. */
    private static StringBuilder appendPayloadLine(StringBuilder text, String name, Preview preview) {
        text.append("- ").append(name).append(": ");
        if (preview.text().isEmpty()) {
            return text.append("(blank)");
        }
        // Inline code: no backtick, asterisk or angle bracket inside a payload can break the markdown around it.
        Markdown.appendCode(text, preview.text());
        return text.append(preview.cutNote());
    }

    /** The length of {@link #appendPayloadLine}'s item, without writing it. */
    private static int payloadLineLength(String name, Preview preview) {
        int length = 4 + name.length();
        if (preview.text().isEmpty()) {
            return length + "(blank)".length();
        }
        length += Markdown.codeLength(preview.text());
        return length + preview.cutNote().length();
    }

    /** Two spaces per level make a line a nested markdown list item. */
    private static StringBuilder appendIndent(StringBuilder text, int depth) {
        for (int i = 0; i < depth; i++) {
            text.append("  ");
        }
        return text;
    }

    /** A value on one line, cut to {@link #LABEL_MAX}; {@code absent} when it is missing or blank. */
    public static String label(String value, String absent) {
        if (value == null) {
            return absent;
        }
        Preview shown = Markdown.preview(value, LABEL_MAX);
        if (shown.text().isEmpty()) {
            return absent;
        }
        return shown.clipped() ? shown.text() + "…" : shown.text();
    }
}
