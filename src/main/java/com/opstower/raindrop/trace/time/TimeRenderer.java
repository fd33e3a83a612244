package com.opstower.raindrop.trace.time;

import static com.opstower.raindrop.tool.Markdown.code;
import static com.opstower.raindrop.tool.Markdown.count;

import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.trace.focus.Focus;
import com.opstower.raindrop.trace.focus.SpanSearch;
import com.opstower.raindrop.trace.read.TraceReader;
import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceSummary;
import com.opstower.raindrop.trace.read.TraceTree;
import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * get_trace's time view: where the wall time of one trace went. The critical path, the time by span type and by
 * span name, the shares of LLM calls, tool calls and the rest, time to first token, and the slowest calls; with the
 * focus arguments, one span's subtree ({@code span_id}) or how much of the time the matching spans took. Pure: the
 * body's bytes in, {@link ToolResult} out, bounded like the tree.
 */
public final class TimeRenderer {

    /**
     * How to render.
     *
     * @param maxAnswerChars upper bound of the whole markdown
     * @param truncLen the {@code trunc_len} sent upstream, for a search's note on payloads cut there
     */
    public record Options(int maxAnswerChars, Focus focus, int truncLen) {
    }

    /** How much the answer lists, at most: fewer when the bound asks for it (long names). */
    private record Sizes(int pathSpans, int names, int slowest, int matching) {
    }

    private static final List<Sizes> SIZES = List.of(new Sizes(30, 10, 5, 10), new Sizes(12, 5, 3, 5),
            new Sizes(4, 3, 1, 2), new Sizes(1, 1, 1, 1));

    private TimeRenderer() {
    }

    /**
     * @throws ToolFailure {@code UPSTREAM_BAD_RESPONSE} on a body {@link TraceReader} rejects, {@code NOT_FOUND} for a
     *         {@code span_id} the trace does not hold
     */
    public static ToolResult render(String eventId, ResponseBody body, Options options) {
        Focus focus = options.focus();
        SpanSearch search = focus.searches() ? focus.newSearch(options.truncLen()) : null;
        FirstTokenReader reader = new FirstTokenReader(search);
        List<TraceSpan> spans = new ArrayList<>();
        Map<TraceSpan, Long> firstToken = new IdentityHashMap<>();
        Set<TraceSpan> matched = Collections.newSetFromMap(new IdentityHashMap<>());
        // No previews: the time view shows no payloads.
        TraceReader.read(body.newInputStream(), reader, span -> {
            spans.add(span);
            long ns = reader.take();
            if (ns >= 0) {
                firstToken.put(span, ns);
            }
            boolean found = search == null || !search.takeSnippets().isEmpty();
            if (found && focus.passesFilters(span)) {
                matched.add(span);
            }
        });
        if (spans.isEmpty()) {
            return noSpans(eventId);
        }
        TraceTree tree = TraceTree.of(spans);
        TraceSpan scope = null;
        if (focus.spanId() != null) {
            Node target = focus.target(tree, eventId);
            scope = target.span();
            tree = TraceTree.of(tree.preorder().subList(target.position(), target.position() + target.subtreeSize())
                    .stream().map(Node::span).toList());
        }
        TimeView view = new TimeView(eventId, scope, tree, firstToken, matched, focus, reader.source(),
                search == null ? 0 : search.payloadsCutUpstream(), options.truncLen());
        String text = null;
        for (Sizes sizes : SIZES) {
            text = text(view, sizes);
            if (text.length() <= options.maxAnswerChars()) {
                break;
            }
        }
        return ToolResult.ok(text, data(view));
    }

    private static ToolResult noSpans(String eventId) {
        String text = "## Where the time went · event " + code(eventId) + "\n\n"
                + "No spans: Raindrop returned no trace data for this event, so there is no time to account for. The "
                + "event may pre-date the SDK's OpenTelemetry instrumentation, or its spans were dropped.\n\n"
                + "Next: check the id with get_event; list_events with its `event_name` finds other runs with traces.\n";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_id", eventId);
        data.put("view", "time");
        data.put("spans", 0);
        return ToolResult.ok(text, data);
    }

    // ---- the text ----------------------------------------------------------------------------------------------------

    private static String text(TimeView view, Sizes sizes) {
        StringBuilder text = new StringBuilder(8_192);
        header(text, view);
        if (view.times.wallNs() <= 0) {
            text.append("No span has both a start and an end time that take time: Raindrop sent no timings to "
                    + "account for.\n\nNext: call get_trace without `view` to see the spans as they are.\n");
            return text.toString();
        }
        if (view.filtered()) {
            focusSection(text, view, sizes);
        }
        shares(text, view);
        breakdown(text, "By span type", view.byType(), view, sizes.names());
        breakdown(text, "By span name (top " + sizes.names() + ")", view.byName(), view, sizes.names());
        PathLines.write(text, view, sizes.pathSpans());
        firstTokens(text, view);
        slowest(text, "Slowest LLM calls", view.slowestLlmCalls(sizes.slowest()), view);
        slowest(text, "Slowest tool calls", view.slowestToolCalls(sizes.slowest()), view);
        text.append("Next: get_trace with a slow span's `span_id` shows its subtree (add `view: \"time\"` for its time); "
                + "get_span reads its payloads; compare_traces against a faster run of the same feature shows what "
                + "changed.\n");
        return text.toString();
    }

    private static void header(StringBuilder text, TimeView view) {
        text.append("## Where the time went · ");
        if (view.scope != null) {
            text.append("span ").append(code(view.scope.spanId())).append(" (")
                    .append(code(Markdown.label(view.scope.spanName(), "unnamed span"))).append(") of ");
        }
        text.append("event ").append(code(view.eventId)).append("\n\n");
        SpanTimes times = view.times;
        int spans = view.tree.preorder().size();
        if (times.wallNs() > 0) {
            text.append("**").append(duration(times.wallNs())).append("** of wall time from ")
                    .append(Markdown.utc(Instant.ofEpochSecond(0, times.firstStartNs()))).append(" · ");
        }
        text.append(view.scope == null ? count(spans, "span")
                : "the span and " + count(spans - 1, "span") + " below it");
        if (!view.path.isEmpty()) {
            text.append(" · the critical path runs through ").append(count(view.path.size() - 1, "span"));
            long idle = view.path.get(0).ownNs();
            if (idle > 0) {
                text.append(" · no span ran for ").append(duration(idle)).append(" (").append(share(idle, times.wallNs()))
                        .append(")");
            }
        }
        text.append(".\n");
        List<String> notes = new ArrayList<>(3);
        if (times.untimed() > 0) {
            notes.add(count(times.untimed(), "span") + " without a start or an end time " + (times.untimed() == 1 ? "is" : "are")
                    + " left out");
        }
        if (times.clipped() > 0) {
            notes.add(count(times.clipped(), "span") + " reaching outside " + (times.clipped() == 1 ? "its" : "their")
                    + " parent's time (clock skew) " + (times.clipped() == 1 ? "is" : "are") + " clipped to it");
        }
        if (times.backwards() > 0) {
            notes.add(count(times.backwards(), "span") + " ending before " + (times.backwards() == 1 ? "it starts counts" : "they start count")
                    + " as taking no time");
        }
        if (!notes.isEmpty()) {
            text.append(capitalized(String.join("; ", notes))).append(".\n");
        }
        text.append('\n');
    }

    private static void focusSection(StringBuilder text, TimeView view, Sizes sizes) {
        int matched = view.matchedCount();
        text.append("**").append(matched).append(" of ").append(count(view.tree.preorder().size(), "span")).append(" match** ")
                .append(code(view.focus.describe()));
        if (matched > 0) {
            text.append(": ").append(matched == 1 ? "it and the spans below it" : "they and the spans below them")
                    .append(" ran for ").append(duration(Math.round(view.matchedNs()))).append(" of the wall time (")
                    .append(share(view.matchedNs(), view.times.wallNs())).append(")");
            int onPath = view.matchedOnPath();
            text.append("; ").append(onPath == 0 ? "none" : onPath == matched && matched > 1 ? "all" : Integer.toString(onPath))
                    .append(onPath == 1 ? " is" : " are").append(" on the critical path");
        }
        text.append('.');
        if (view.payloadsCutUpstream > 0) {
            text.append(' ').append(count(view.payloadsCutUpstream, "payload")).append(" reached `trunc_len` ")
                    .append(view.truncLen).append(" upstream and was searched only that far.");
        }
        text.append("\n\n");
        List<Node> slowest = view.slowestMatching(sizes.matching());
        if (!slowest.isEmpty()) {
            slowest(text, "Slowest matching spans", slowest, view);
        }
    }

    private static void shares(StringBuilder text, TimeView view) {
        double[] parts = view.shares();
        long[] percent = Shares.percentages(parts);
        String[] labels = {"LLM calls", "tool calls, with the spans they make", "the rest", "no span running"};
        text.append("### Shares of the wall time\n\n");
        for (int i = 0; i < parts.length; i++) {
            if (i == parts.length - 1 && parts[i] < 1) {
                continue;
            }
            text.append(i == 0 ? "" : " · ").append(labels[i]).append(" **").append(percent[i]).append("%** (")
                    .append(duration(Math.round(parts[i]))).append(')');
        }
        text.append("\n\nEach instant counted once: split evenly between spans running in parallel, and given to a "
                + "span's children while they run.\n\n");
    }

    private static void breakdown(StringBuilder text, String title, List<TimeView.Share> rows, TimeView view, int max) {
        text.append("### ").append(title).append("\n\n");
        double rest = 0;
        int restCount = 0;
        for (int i = 0; i < rows.size(); i++) {
            TimeView.Share row = rows.get(i);
            if (i >= max) {
                rest += row.ns();
                restCount++;
                continue;
            }
            text.append("- ").append(code(row.label())).append(" · ").append(duration(Math.round(row.ns())))
                    .append(" · ").append(share(row.ns(), view.times.wallNs())).append(" · ")
                    .append(count(row.spans(), "span")).append('\n');
        }
        if (restCount > 0) {
            text.append("- … ").append(restCount).append(" more · ").append(duration(Math.round(rest))).append(" · ")
                    .append(share(rest, view.times.wallNs())).append('\n');
        }
        text.append('\n');
    }

    private static void firstTokens(StringBuilder text, TimeView view) {
        List<Node> calls = view.llmCalls();
        if (calls.isEmpty()) {
            return;
        }
        text.append("### Time to first token\n\n");
        List<Node> recorded = calls.stream().filter(call -> view.firstTokenNs(call) >= 0)
                .sorted(Comparator.comparingLong(view::firstTokenNs)).toList();
        if (recorded.isEmpty()) {
            text.append("Not recorded: no LLM call carries `").append(FirstTokenReader.VERCEL).append("`, `")
                    .append(FirstTokenReader.VERCEL_BEFORE_4).append("` or `").append(FirstTokenReader.OTEL)
                    .append("`.\n\n");
            return;
        }
        Node longest = recorded.get(recorded.size() - 1);
        text.append("Recorded for ").append(recorded.size()).append(" of ").append(count(calls.size(), "LLM call"))
                .append(" (`").append(view.firstTokenSource).append("`): ");
        if (recorded.size() > 1) {
            text.append("median ").append(duration(view.firstTokenNs(recorded.get(recorded.size() / 2)))).append(", longest ");
        }
        text.append(duration(view.firstTokenNs(longest))).append(" (")
                .append(code(Markdown.label(longest.span().spanName(), "unnamed span")));
        String model = view.model(longest);
        if (model != null) {
            text.append(" · ").append(model);
        }
        text.append(" · span ").append(code(Markdown.label(longest.span().spanId(), "id missing"))).append(").\n\n");
    }

    private static void slowest(StringBuilder text, String title, List<Node> nodes, TimeView view) {
        if (nodes.isEmpty()) {
            return;
        }
        text.append("### ").append(title).append("\n\n");
        for (Node node : nodes) {
            TraceSpan span = node.span();
            text.append("- ").append(node.error() ? "❌ " : "").append(code(Markdown.label(span.spanName(), "unnamed span")))
                    .append(" · ").append(Markdown.label(span.spanType(), "no type")).append(" · ")
                    .append(node.error() ? "**" + Markdown.label(span.status(), "ERROR") + "** · " : "")
                    .append(duration(view.times.durationNs(node.position())));
            appendCall(text, view, node);
            text.append(" · span ").append(code(Markdown.label(span.spanId(), "id missing"))).append('\n');
        }
        text.append('\n');
    }

    /** For an LLM call: its model, time to first token and tokens. */
    static void appendCall(StringBuilder text, TimeView view, Node node) {
        if (!view.calls.llmCall(node.position())) {
            return;
        }
        String model = view.model(node);
        if (model != null) {
            text.append(" · ").append(model);
        }
        long firstToken = view.firstTokenNs(node);
        if (firstToken >= 0) {
            text.append(" · first token ").append(duration(firstToken));
        }
        int tokensFrom = view.calls.tokensFrom(node.position());
        if (tokensFrom >= 0) {
            TraceSpan counted = view.tree.preorder().get(tokensFrom).span();
            text.append(" · ").append(new TraceSummary.Tokens(counted.inputTokens(), counted.outputTokens()).text());
        }
    }

    // ---- the data ----------------------------------------------------------------------------------------------------

    private static Map<String, Object> data(TimeView view) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_id", view.eventId);
        data.put("view", "time");
        if (view.scope != null) {
            data.put("span_id", Markdown.label(view.scope.spanId(), null));
        }
        data.put("spans", view.tree.preorder().size());
        data.put("wall_time_ns", view.times.wallNs());
        double[] shares = view.shares();
        Map<String, Object> sharesNs = new LinkedHashMap<>();
        sharesNs.put("llm_calls", Math.round(shares[0]));
        sharesNs.put("tool_calls", Math.round(shares[1]));
        sharesNs.put("rest", Math.round(shares[2]));
        sharesNs.put("no_span", Math.round(shares[3]));
        data.put("shares_ns", sharesNs);
        List<Map<String, Object>> path = new ArrayList<>();
        for (CriticalPath.Entry entry : view.path) {
            if (entry.node() != null && path.size() < SIZES.get(0).pathSpans() && entry.depth() <= 2) {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("span_id", Markdown.label(entry.node().span().spanId(), null));
                step.put("depth", entry.depth());
                step.put("on_path_ns", entry.onPathNs());
                step.put("own_ns", entry.ownNs());
                path.add(step);
            }
        }
        data.put("critical_path_spans", Math.max(0, view.path.size() - 1));
        data.put("critical_path", path);
        List<Node> recorded = view.llmCalls().stream().filter(call -> view.firstTokenNs(call) >= 0).toList();
        data.put("llm_calls", view.llmCalls().size());
        data.put("first_token_recorded", recorded.size());
        data.put("slowest_llm_span_ids", ids(view.slowestLlmCalls(SIZES.get(0).slowest())));
        data.put("slowest_tool_span_ids", ids(view.slowestToolCalls(SIZES.get(0).slowest())));
        if (view.filtered()) {
            Map<String, Object> focus = new LinkedHashMap<>();
            focus.put("filters", view.focus.describe());
            focus.put("matched_spans", view.matchedCount());
            focus.put("matched_ns", Math.round(view.matchedNs()));
            focus.put("matched_on_path", view.matchedOnPath());
            data.put("focus", focus);
        }
        return data;
    }

    private static List<String> ids(List<Node> nodes) {
        return nodes.stream().map(node -> Markdown.label(node.span().spanId(), "id missing")).toList();
    }

    // ---- words -------------------------------------------------------------------------------------------------------

    static String duration(long ns) {
        return Markdown.duration(Duration.ofNanos(Math.max(0, ns)));
    }

    /** A share of the wall time in whole percent; {@code <1%} for a sliver. */
    static String share(double ns, long wallNs) {
        if (wallNs <= 0) {
            return "—";
        }
        double percent = 100 * ns / wallNs;
        if (percent > 0 && percent < 0.5) {
            return "<1%";
        }
        return String.format(Locale.ROOT, "%.0f%%", percent);
    }

    static StringBuilder indent(StringBuilder text, int depth) {
        for (int i = 0; i < depth; i++) {
            text.append("  ");
        }
        return text;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
