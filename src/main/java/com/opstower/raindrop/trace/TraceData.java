package com.opstower.raindrop.trace;

import com.opstower.raindrop.raindrop.Wire.Span;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace as structured data for workflow engines: the same tree as the markdown, every span included whether
 * shown or folded, and no payload text.
 */
final class TraceData {

    private TraceData() {
    }

    static Map<String, Object> of(String eventId, TraceSummary summary, List<Map<String, Object>> spans, int shownSpans,
            boolean limitReached) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_id", eventId);
        data.put("trace_ids", summary.traceIds());
        data.put("totals", totals(summary));
        data.put("shown_spans", shownSpans);
        data.put("limit_reached", limitReached);
        data.put("spans", spans);
        return data;
    }

    /**
     * One span of the tree, in reading order.
     *
     * @param shown whether the markdown has the span's line
     * @param payloadsShown whether the markdown has its previews; a payload counts as clipped whenever the agent did
     *        not read all of it, so {@code input_clipped}/{@code output_clipped} tell when {@code getAsFile} is worth it
     */
    static Map<String, Object> span(SpanLines lines, boolean shown, boolean payloadsShown) {
        TraceTree.Node node = lines.node();
        Span span = node.span();
        boolean previewsRead = shown && payloadsShown;
        Map<String, Object> map = new LinkedHashMap<>(32);
        map.put("span_id", span.spanId());
        map.put("parent_span_id", span.parentSpanId());
        map.put("trace_id", span.traceId());
        map.put("depth", node.depth());
        map.put("name", span.spanName());
        map.put("type", span.spanType());
        map.put("status", span.status());
        map.put("start_time_ns", knownTime(span.startTimeNs()));
        map.put("end_time_ns", knownTime(span.endTimeNs()));
        map.put("duration_ns", SpanFacts.durationNs(span));
        map.put("model", span.model());
        map.put("provider", span.provider());
        map.put("input_tokens", span.inputTokens());
        map.put("output_tokens", span.outputTokens());
        map.put("orphan", node.placement() == TraceTree.Placement.ORPHAN);
        map.put("in_cycle", node.placement() == TraceTree.Placement.CYCLE
                || node.placement() == TraceTree.Placement.SELF_PARENT);
        map.put("duplicate_id", node.idSharedBy() > 1);
        map.put("shown", shown);
        map.put("input_clipped", span.input() != null && !(previewsRead && !lines.inputCut()));
        map.put("output_clipped", span.output() != null && !(previewsRead && !lines.outputCut()));
        return map;
    }

    private static Map<String, Object> totals(TraceSummary summary) {
        Map<String, Object> tokens = new LinkedHashMap<>();
        summary.tokensByModel().forEach((model, sum) -> {
            Map<String, Object> inOut = new LinkedHashMap<>();
            inOut.put("input_tokens", sum.input());
            inOut.put("output_tokens", sum.output());
            tokens.put(model, inOut);
        });
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("spans", summary.spans());
        totals.put("llm_calls", summary.llmCalls());
        totals.put("tool_calls", summary.toolCalls());
        totals.put("errors", summary.errors());
        totals.put("wall_time_ns", summary.wallTimeNs());
        totals.put("tokens", tokens);
        return totals;
    }

    private static Long knownTime(long nanos) {
        return nanos > 0 ? nanos : null;
    }
}
