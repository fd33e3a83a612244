package com.opstower.raindrop.trace;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

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
        TraceSpan span = node.span();
        boolean previewsRead = shown && payloadsShown;
        TraceTree.Placement placement = node.placement();
        return new SpanData(new Object[] {
            span.spanId(),
            span.parentSpanId(),
            span.traceId(),
            node.depth(),
            span.spanName(),
            span.spanType(),
            span.status(),
            knownTime(span.startTimeNs()),
            knownTime(span.endTimeNs()),
            SpanFacts.durationNs(span),
            span.model(),
            span.provider(),
            span.inputTokens(),
            span.outputTokens(),
            placement == TraceTree.Placement.ORPHAN,
            placement == TraceTree.Placement.CYCLE || placement == TraceTree.Placement.SELF_PARENT,
            node.idSharedBy() > 1,
            shown,
            lines.hasInput() && !(previewsRead && !lines.inputCut()),
            lines.hasOutput() && !(previewsRead && !lines.outputCut())});
    }

    /**
     * One span's data: a read-only map of fixed keys, in this order, each present (null values included), as
     * compact as the values themselves. Equal to, and serialized as, the same entries in any other map.
     */
    static final class SpanData extends AbstractMap<String, Object> {

        private static final String[] KEYS = {"span_id", "parent_span_id", "trace_id", "depth", "name", "type", "status",
            "start_time_ns", "end_time_ns", "duration_ns", "model", "provider", "input_tokens", "output_tokens", "orphan",
            "in_cycle", "duplicate_id", "shown", "input_clipped", "output_clipped"};

        private final Object[] values;

        private SpanData(Object[] values) {
            this.values = values;
        }

        private static int indexOf(Object key) {
            for (int i = 0; i < KEYS.length; i++) {
                if (KEYS[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Object get(Object key) {
            int index = indexOf(key);
            return index < 0 ? null : values[index];
        }

        @Override
        public boolean containsKey(Object key) {
            return indexOf(key) >= 0;
        }

        @Override
        public int size() {
            return KEYS.length;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < KEYS.length;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next >= KEYS.length) {
                                throw new NoSuchElementException();
                            }
                            int at = next++;
                            return new SimpleImmutableEntry<>(KEYS[at], values[at]);
                        }
                    };
                }

                @Override
                public int size() {
                    return KEYS.length;
                }
            };
        }
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
