package com.opstower.raindrop.trace.tree;

import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.trace.read.TraceSummary;
import com.opstower.raindrop.trace.read.TraceTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * get_trace's structured data: a bounded summary for a program chaining calls, not a copy of the tree, which the
 * text holds. Lists are cut to their first few entries, which the counts complete, and every id and model name to
 * {@link #MAX_ID_CHARS} characters, so that the data stays under about 2,000 characters of JSON whatever the trace.
 */
final class TraceData {

    static final int LISTED_TRACE_IDS = 3;
    static final int LISTED_MODELS = 3;
    static final int LISTED_ERROR_SPANS = 8;
    /** OpenTelemetry's ids have 16 and 32 hex digits: longer ones are not ids a program can pass on anyway. */
    static final int MAX_ID_CHARS = 32;

    private TraceData() {
    }

    /**
     * @param preorder every span, in reading order: the error span ids listed are the first ones the tree shows,
     *        those no later attempt recovered first
     * @param shownSpans spans the text shows, on a line of their own or counted on a fold line
     * @param rows the tree's rows, which say how many spans were folded into how many lines
     */
    static Map<String, Object> of(String eventId, TraceSummary summary, List<TraceTree.Node> preorder, Salience salience,
            TreeRows rows, int shownSpans, boolean limitReached) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("spans", summary.spans());
        counts.put("shown_spans", shownSpans);
        counts.put("traces", summary.traceIds().size());
        counts.put("llm_calls", summary.llmCalls());
        counts.put("tool_calls", summary.toolCalls());
        counts.put("retrievals", summary.retrievals());
        counts.put("errors", summary.errors());
        counts.put("recovered_errors", salience.recoveredErrors());
        counts.put("folded_spans", rows.foldedSpans());
        counts.put("fold_lines", rows.foldLines());

        Map<String, Object> tokens = new LinkedHashMap<>();
        for (Map.Entry<String, TraceSummary.Tokens> model : summary.topModels(LISTED_MODELS)) {
            Map<String, Object> inOut = new LinkedHashMap<>();
            inOut.put("input_tokens", model.getValue().input());
            inOut.put("output_tokens", model.getValue().output());
            tokens.put(bounded(model.getKey()), inOut);
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("wall_time_ns", summary.wallTimeNs());
        totals.put("models", summary.tokensByModel().size());
        totals.put("tokens", tokens);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_id", eventId);
        data.put("trace_ids", summary.traceIds().stream().limit(LISTED_TRACE_IDS).map(TraceData::bounded).toList());
        data.put("counts", counts);
        data.put("totals", totals);
        data.put("limit_reached", limitReached);
        data.put("error_span_ids", errorSpanIds(preorder, salience));
        return data;
    }

    /**
     * The ids of the first ERROR spans in reading order, those no later attempt recovered before those it did; spans
     * without an id are left out.
     */
    private static List<String> errorSpanIds(List<TraceTree.Node> preorder, Salience salience) {
        List<String> ids = new ArrayList<>(LISTED_ERROR_SPANS);
        for (boolean recovered : new boolean[] {false, true}) {
            for (TraceTree.Node node : preorder) {
                if (ids.size() == LISTED_ERROR_SPANS) {
                    return ids;
                }
                if (node.error() && (salience.recoveredBy(node) != null) == recovered && node.span().spanId() != null) {
                    ids.add(bounded(node.span().spanId()));
                }
            }
        }
        return ids;
    }

    /** The value on one line, as the text shows it, cut to {@link #MAX_ID_CHARS} with an ellipsis. */
    private static String bounded(String value) {
        Markdown.Preview shown = Markdown.preview(value, MAX_ID_CHARS);
        return shown.clipped() ? shown.text() + "…" : shown.text();
    }
}
