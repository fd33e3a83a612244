package com.opstower.raindrop.trace.tree;

import static com.opstower.raindrop.tool.Markdown.code;
import static com.opstower.raindrop.tool.Markdown.label;

import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.trace.read.BodyRange;
import com.opstower.raindrop.trace.read.ErrorReason;
import com.opstower.raindrop.trace.read.SpanFacts;
import com.opstower.raindrop.trace.read.SpanPayload;
import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceSummary;
import com.opstower.raindrop.trace.read.TraceTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The markdown of one span: its line in the tree and, below it, its payload previews. Each is formatted once, when
 * the layout first weighs it, so that the layout can weigh the exact text before choosing what fits. Lines are kept
 * without their indentation, which is counted, and written only for the spans shown: a chain thousands of spans deep
 * would otherwise cost quadratic time and memory in spaces alone.
 */
public final class SpanLines extends Row {

    /** Appended to a span line whose previews the layout left out to fit the answer. */
    static final String PAYLOADS_OMITTED = " · payloads omitted";

    /** Appended to the line of a span drawn only because it leads to a focused one. */
    static final String CONTEXT = " · context";

    private final TraceTree.Node node;
    private final long traceStartNs;
    private final TraceTree.Node recoveredBy;
    private final boolean context;
    private final SpanPayload input;
    private final SpanPayload output;
    /** The parent carrying the same payload, whose id the item names instead of repeating it; else null. */
    private final TraceTree.Node inputAsParent;
    private final TraceTree.Node outputAsParent;
    /** Whether a short payload is shown whole: an LLM call's, a tool call's or a retrieval's. */
    private final boolean shortShownWhole;
    /** Whether the payload may be chat messages, read whole as such when its preview is first asked for. */
    private final boolean inputAsMessages;
    private final boolean outputAsMessages;
    /** A focused search's snippet items, unindented; empty without a search. */
    private final List<String> snippets;
    /** A focused span's attributes, whose item is made when first asked for; else null. */
    private final BodyRange attributes;
    private final PayloadPreviews previews;
    private final Importance importance;
    private String line;
    private String inputItem;
    private String outputItem;
    private String attributesItem;

    private SpanLines(TraceTree.Node node, long traceStartNs, TraceTree.Node recoveredBy, boolean context,
            List<String> snippets, boolean withAttributes, PayloadPreviews previews) {
        this.node = node;
        this.traceStartNs = traceStartNs;
        this.recoveredBy = recoveredBy;
        this.context = context;
        this.snippets = snippets;
        this.attributes = withAttributes ? node.span().attributes() : null;
        this.previews = previews;
        TraceSpan span = node.span();
        this.input = context ? null : span.input();
        this.output = context ? null : span.output();
        TraceTree.Node parent = node.parent();
        this.inputAsParent = input != null && parent != null && previews.same(input, parent.span().input()) ? parent : null;
        this.outputAsParent = output != null && parent != null && previews.same(output, parent.span().output()) ? parent : null;
        this.shortShownWhole = node.llmCall() || node.toolCall() || node.retrieval();
        this.inputAsMessages = input != null && inputAsParent == null && PayloadPreviews.mayBeMessages(node, input);
        this.outputAsMessages = output != null && outputAsParent == null && PayloadPreviews.mayBeMessages(node, output);
        this.importance = node.error() && recoveredBy == null ? Importance.ERROR
                : node.llmCall() ? Importance.LLM_CALL
                : node.toolCall() || node.retrieval() || node.error() ? Importance.TOOL_CALL : Importance.ROUTINE;
    }

    /**
     * The span's lines in the whole tree; times are shown relative to {@code traceStartNs}.
     *
     * @param recoveredBy the span that recovered this error span (in the whole tree), or null
     */
    static SpanLines of(TraceTree.Node node, long traceStartNs, TraceTree.Node recoveredBy, PayloadPreviews previews) {
        return new SpanLines(node, traceStartNs, recoveredBy, false, List.of(), false, previews);
    }

    /** The span's lines in the whole tree, with its attributes below its previews. */
    static SpanLines withAttributes(TraceTree.Node node, long traceStartNs, TraceTree.Node recoveredBy,
            PayloadPreviews previews) {
        return new SpanLines(node, traceStartNs, recoveredBy, false, List.of(), true, previews);
    }

    /** A span on the path to a focused span: its line alone, marked as context. */
    static SpanLines context(TraceTree.Node node, long traceStartNs, PayloadPreviews previews) {
        return new SpanLines(node, traceStartNs, null, true, List.of(), false, previews);
    }

    /**
     * A focused span: its line, its previews, its attributes, and where a search matched it
     * ({@code where: …«match»…}).
     */
    static SpanLines focused(TraceTree.Node node, long traceStartNs, TraceTree.Node recoveredBy, List<String> matches,
            PayloadPreviews previews) {
        List<String> items = new ArrayList<>(matches.size());
        for (String match : matches) {
            int colon = match.indexOf(": ");
            items.add(Markdown.appendCode(new StringBuilder("- match in ").append(match, 0, colon).append(": "),
                    match.substring(colon + 2)).toString());
        }
        return new SpanLines(node, traceStartNs, recoveredBy, false, items, true, previews);
    }

    TraceTree.Node node() {
        return node;
    }

    /** Whether a preview shows less than its whole payload (a payload named as its parent's is not cut). */
    boolean clipped() {
        return input != null && inputAsParent == null && input.clipped()
                        && !previews.showsWhole(input, shortShownWhole, inputAsMessages)
                || output != null && outputAsParent == null && output.clipped()
                        && !previews.showsWhole(output, shortShownWhole, outputAsMessages);
    }

    /** Whether a payload reached {@code trunc_len} upstream, so that get_span reads more of it than the trace holds. */
    boolean cutUpstream() {
        return input != null && inputAsParent == null && input.clipped() && previews.cutUpstream(input)
                || output != null && outputAsParent == null && output.clipped() && previews.cutUpstream(output);
    }

    @Override
    int spans() {
        return 1;
    }

    @Override
    int openErrors() {
        return node.error() && recoveredBy == null ? 1 : 0;
    }

    @Override
    int lineCost() {
        return 2 * depth() + line().length() + 1;
    }

    @Override
    boolean hasPayloads() {
        return input != null || output != null || attributes != null || !snippets.isEmpty();
    }

    @Override
    int payloadCost() {
        int cost = 0;
        int indent = 2 * (depth() + 1);
        for (String snippet : snippets) {
            cost += indent + snippet.length() + 1;
        }
        if (input != null) {
            cost += indent + inputItem().length() + 1;
        }
        if (output != null) {
            cost += indent + outputItem().length() + 1;
        }
        return cost + attributesCost(indent);
    }

    @Override
    int payloadCostEstimate() {
        int cost = 0;
        int indent = 2 * (depth() + 1);
        for (String snippet : snippets) {
            cost += indent + snippet.length() + 1;
        }
        if (input != null) {
            cost += indent + (inputAsMessages && inputItem == null ? previews.messagesItemEstimate("input", input)
                    : inputItem().length()) + 1;
        }
        if (output != null) {
            cost += indent + (outputAsMessages && outputItem == null ? previews.messagesItemEstimate("output", output)
                    : outputItem().length()) + 1;
        }
        return cost + attributesCost(indent);
    }

    private int attributesCost(int indent) {
        return attributesItem() == null ? 0 : indent + attributesItem().length() + 1;
    }

    @Override
    Importance importance() {
        return importance;
    }

    @Override
    void appendTo(StringBuilder text, boolean payloadsShown) {
        appendIndent(text, depth()).append(line());
        if (hasPayloads() && !payloadsShown) {
            text.append(PAYLOADS_OMITTED);
        }
        text.append('\n');
        if (payloadsShown) {
            if (input != null) {
                appendIndent(text, depth() + 1).append(inputItem()).append('\n');
            }
            if (output != null) {
                appendIndent(text, depth() + 1).append(outputItem()).append('\n');
            }
            if (attributesItem() != null) {
                appendIndent(text, depth() + 1).append(attributesItem()).append('\n');
            }
            for (String snippet : snippets) {
                appendIndent(text, depth() + 1).append(snippet).append('\n');
            }
        }
    }

    private String inputItem() {
        if (inputItem == null) {
            inputItem = inputAsParent != null ? PayloadPreviews.sameAsParent("input", inputAsParent)
                    : previews.item("input", input, inputAsMessages, shortShownWhole);
        }
        return inputItem;
    }

    private String outputItem() {
        if (outputItem == null) {
            outputItem = outputAsParent != null ? PayloadPreviews.sameAsParent("output", outputAsParent)
                    : previews.item("output", output, outputAsMessages, shortShownWhole);
        }
        return outputItem;
    }

    private String attributesItem() {
        if (attributesItem == null && attributes != null) {
            attributesItem = previews.attributesItem(attributes);
        }
        return attributesItem;
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

    private String line() {
        if (line == null) {
            line = line(node, traceStartNs, recoveredBy) + (context ? CONTEXT : "");
        }
        return line;
    }

    private static String line(TraceTree.Node node, long traceStartNs, TraceTree.Node recoveredBy) {
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
        if (recoveredBy != null) {
            boolean parent = node.parent() != null && recoveredBy.span() == node.parent().span();
            line.append(" · recovered by ").append(parent ? "its parent " : "");
            Markdown.appendCode(line, Markdown.collapseWhitespace(String.valueOf(recoveredBy.span().spanId())));
        }
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
                .append(" · ").append(error ? "**" + status + "**" + ErrorReason.note(span) : status)
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
        String model = SpanFacts.modelLabel(span);
        if (model != null) {
            // "provider openai" names itself; a model is introduced.
            line.append(label(span.model(), null) == null ? " · " : " · model ").append(model);
        }
    }

    private static void appendTokens(StringBuilder line, TraceSpan span) {
        if (span.inputTokens() != null || span.outputTokens() != null) {
            line.append(" · tokens ").append(new TraceSummary.Tokens(span.inputTokens(), span.outputTokens()).text());
        }
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
}
