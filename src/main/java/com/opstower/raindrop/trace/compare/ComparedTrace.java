package com.opstower.raindrop.trace.compare;

import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.trace.focus.Focus;
import com.opstower.raindrop.trace.focus.SpanSearch;
import com.opstower.raindrop.trace.read.SpanFacts;
import com.opstower.raindrop.trace.read.TraceReader;
import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceSummary;
import com.opstower.raindrop.trace.read.TraceTree.Node;
import com.opstower.raindrop.trace.read.TraceTree;
import com.opstower.raindrop.trace.time.Calls;
import com.opstower.raindrop.trace.time.SpanTimes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One side of a comparison, read once: the spans (with focus, those matching it and their ancestors), their totals
 * over the whole trace, their own times, and the payloads of their LLM and tool calls. Reading both sides is
 * independent, so the two can be read at once.
 */
public final class ComparedTrace {

    final String eventId;
    /** Totals of the whole trace, whatever the focus. */
    final TraceSummary summary;
    /** The spans compared: every span, or with focus those matching it and their ancestors. */
    final TraceTree tree;
    /** Spans that matched the focus; every span without one. */
    final int matched;
    final int payloadsCutUpstream;
    private final TraceTree whole;
    private final SpanTimes times;
    private final Calls calls;
    /** The span at each position of {@link #tree} at its position in the whole tree; null when the tree is whole. */
    private final int[] wholePosition;
    private final Map<TraceSpan, CallPayloads.Kept> payloads;

    private ComparedTrace(String eventId, TraceTree whole, TraceTree tree, int matched, int payloadsCutUpstream,
            Map<TraceSpan, CallPayloads.Kept> payloads) {
        this.eventId = eventId;
        this.whole = whole;
        this.summary = TraceSummary.of(whole.preorder());
        this.tree = tree;
        this.matched = matched;
        this.payloadsCutUpstream = payloadsCutUpstream;
        this.times = SpanTimes.of(whole);
        this.calls = Calls.of(whole);
        this.payloads = payloads;
        if (tree == whole) {
            this.wholePosition = null;
        } else {
            Map<TraceSpan, Integer> positions = new IdentityHashMap<>();
            for (Node node : whole.preorder()) {
                positions.put(node.span(), node.position());
            }
            this.wholePosition = new int[tree.preorder().size()];
            for (Node node : tree.preorder()) {
                wholePosition[node.position()] = positions.get(node.span());
            }
        }
    }

    /**
     * Reads one side: each span once, the payloads of LLM and tool calls kept whole (up to {@link PayloadText#KEPT}
     * characters each).
     *
     * @throws ToolFailure {@code UPSTREAM_BAD_RESPONSE} on a body {@link TraceReader} rejects
     */
    public static ComparedTrace read(String eventId, ResponseBody body, Focus focus, int truncLen) {
        SpanSearch search = focus.searches() ? focus.newSearch(truncLen) : null;
        CallPayloads reader = new CallPayloads(search);
        List<TraceSpan> spans = new ArrayList<>();
        Map<TraceSpan, CallPayloads.Kept> payloads = new IdentityHashMap<>();
        Set<TraceSpan> matched = Collections.newSetFromMap(new IdentityHashMap<>());
        // No previews: the comparison makes its own snippets of what differs.
        TraceReader.read(body.newInputStream(), reader, span -> {
            spans.add(span);
            CallPayloads.Kept kept = reader.take(SpanFacts.isLlmCall(span) || SpanFacts.isToolCall(span));
            if (kept != null) {
                payloads.put(span, kept);
            }
            boolean found = search == null || !search.takeSnippets().isEmpty();
            if (found && focus.passesFilters(span)) {
                matched.add(span);
            }
        });
        TraceTree whole = TraceTree.of(spans);
        if (focus.isNone()) {
            return new ComparedTrace(eventId, whole, whole, spans.size(), 0, payloads);
        }
        // The matching spans with their ancestors, so that each keeps its path of names from the root.
        Set<TraceSpan> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node node : whole.preorder()) {
            if (matched.contains(node.span())) {
                for (Node at = node; at != null && kept.add(at.span()); at = at.parent()) {
                    // Stops at the first ancestor already kept: its own path is kept with it.
                }
            }
        }
        TraceTree focused = TraceTree.of(spans.stream().filter(kept::contains).toList());
        return new ComparedTrace(eventId, whole, focused, matched.size(),
                search == null ? 0 : search.payloadsCutUpstream(), payloads);
    }

    /** Whether the trace has no spans at all. */
    boolean empty() {
        return whole.preorder().isEmpty();
    }

    private int wholeAt(Node node) {
        return wholePosition == null ? node.position() : wholePosition[node.position()];
    }

    /** The span's time less its children's, in the whole trace. */
    long selfNs(Node node) {
        return times.selfNs(wholeAt(node));
    }

    long durationNs(Node node) {
        return times.durationNs(wholeAt(node));
    }

    boolean timed(Node node) {
        return times.timed(wholeAt(node));
    }

    /** Whether the span is an LLM call (no LLM span above it) in the whole trace. */
    boolean llmCall(Node node) {
        return calls.llmCall(wholeAt(node));
    }

    /** The span whose model describes the LLM call; null when none says. */
    TraceSpan modelOf(Node call) {
        int from = calls.modelFrom(wholeAt(call));
        return from < 0 ? null : whole.preorder().get(from).span();
    }

    /** The span whose tokens are the LLM call's; null when none reports them. */
    TraceSpan tokensOf(Node call) {
        int from = calls.tokensFrom(wholeAt(call));
        return from < 0 ? null : whole.preorder().get(from).span();
    }

    /** The payloads kept of an LLM or tool call; null for other spans. */
    CallPayloads.Kept payloads(Node node) {
        return payloads.get(node.span());
    }

    int spans() {
        return whole.preorder().size();
    }

    /** {@code " #2"} for the second of several siblings of the same name in the whole trace; else nothing. */
    String ordinal(Node node) {
        Node at = whole.preorder().get(wholeAt(node));
        List<Node> siblings = at.parent() == null ? whole.roots() : at.parent().children();
        String name = at.span().spanName();
        int same = 0;
        int index = 0;
        for (Node sibling : siblings) {
            if (Objects.equals(name, sibling.span().spanName())) {
                same++;
                index = sibling == at ? same : index;
            }
        }
        return same > 1 ? " #" + index : "";
    }
}
