package com.opstower.raindrop.trace.tree;

import static com.opstower.raindrop.tool.Markdown.code;
import static com.opstower.raindrop.tool.Markdown.count;

import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.trace.focus.Focus;
import com.opstower.raindrop.trace.focus.SpanSearch;
import com.opstower.raindrop.trace.read.TraceReader;
import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceTree;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the agent reads about a trace: the span tree behind one event as markdown, bounded in size, and the same
 * tree summed up as structured data. Pure: the body's bytes in, {@link ToolResult} out.
 */
public final class TraceRenderer {

    /** The highest {@code limit} the Query API is asked for in one call. */
    public static final int MAX_LIMIT = 1000;

    /** Header lists stay short whatever the trace; the counts say how many there are. */
    private static final int LISTED_TRACE_IDS = 5;
    private static final int LISTED_MODELS = 5;

    /**
     * How to render.
     *
     * @param previewLength characters of each input and output shown under its span
     * @param maxAnswerChars upper bound of the whole markdown
     * @param requestedLimit the {@code limit} sent upstream: a response that fills it may be cut; 0 when none was sent
     */
    public record Options(int previewLength, int maxAnswerChars, int requestedLimit, Focus focus, int truncLen) {

        public static final int DEFAULT_PREVIEW_LENGTH = 200;
        public static final int DEFAULT_MAX_ANSWER_CHARS = 40_000;
        /** Room for the header, the hint and a fold line whatever the trace: below it the bound could not be kept. */
        public static final int MIN_ANSWER_CHARS = 2_000;

        public Options {
            if (previewLength < 1) {
                throw new IllegalArgumentException("previewLength must be at least 1, was " + previewLength);
            }
            if (maxAnswerChars < MIN_ANSWER_CHARS) {
                throw new IllegalArgumentException(
                        "maxAnswerChars must be at least " + MIN_ANSWER_CHARS + ", was " + maxAnswerChars);
            }
        }

        /** The whole tree, without focus. */
        public Options(int previewLength, int maxAnswerChars, int requestedLimit) {
            this(previewLength, maxAnswerChars, requestedLimit, Focus.NONE, Integer.MAX_VALUE);
        }

        /** The default preview length and answer bound. */
        public static Options withLimit(int requestedLimit) {
            return new Options(DEFAULT_PREVIEW_LENGTH, DEFAULT_MAX_ANSWER_CHARS, requestedLimit);
        }
    }

    private TraceRenderer() {
    }

    /**
     * The span tree of one event from the raw {@code /v1/traces} body, read once, each payload reduced to its preview
     * as it is read. Never fails on malformed spans: every span of the body is counted and, unless folded away to keep
     * the bound (which the text then says), shown once.
     *
     * @throws ToolFailure {@code UPSTREAM_BAD_RESPONSE} on a body {@link TraceReader} rejects
     */
    public static ToolResult render(String eventId, ResponseBody body, Options options) {
        Focus focus = options.focus();
        List<TraceSpan> spans = new ArrayList<>();
        Map<TraceSpan, List<String>> matches = new IdentityHashMap<>();
        SpanSearch search = focus.searches() ? focus.newSearch(options.truncLen()) : null;
        if (search == null) {
            TraceReader.read(body.newInputStream(), options.previewLength(), spans::add);
        } else {
            // The search sees every payload whole, once, in the parser's buffer; it keeps only snippets, and only
            // the spans it matches are previewed.
            TraceReader.read(body.newInputStream(), options.previewLength(), search, span -> {
                spans.add(span);
                List<String> found = search.takeSnippets();
                if (!found.isEmpty() && focus.passesFilters(span)) {
                    matches.put(span, found);
                }
            });
        }
        int cutUpstream = search == null ? 0 : search.payloadsCutUpstream();
        if (spans.isEmpty()) {
            return noSpans(eventId);
        }
        boolean limitReached = spans.size() == options.requestedLimit();
        TraceTree tree = TraceTree.of(spans);
        TraceSummary summary = TraceSummary.of(tree.preorder());
        if (focus.isNone()) {
            List<SpanLines> lines = new ArrayList<>(spans.size());
            for (TraceTree.Node node : tree.preorder()) {
                lines.add(SpanLines.of(node, summary.firstStartNs()));
            }
            return drawn(eventId, summary, tree, lines, "", limitReached, options, Map.of());
        }
        return focused(eventId, spans, tree, summary, matches, cutUpstream, limitReached, options);
    }

    /**
     * The spans the focus keeps, drawn as a tree of their own: each matching span with its previews and snippets, and
     * its ancestors as one-line context, so that the agent can tell a match from its path.
     */
    private static ToolResult focused(String eventId, List<TraceSpan> spans, TraceTree tree, TraceSummary summary,
            Map<TraceSpan, List<String>> matches, int cutUpstream, boolean limitReached, Options options) {
        Focus focus = options.focus();
        List<TraceTree.Node> preorder = tree.preorder();
        boolean[] inScope = new boolean[preorder.size()];
        Set<TraceSpan> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        if (focus.spanId() == null) {
            Arrays.fill(inScope, true);
        } else {
            TraceTree.Node target = preorder.stream().filter(node -> focus.spanId().equals(node.span().spanId()))
                    .findFirst().orElseThrow(() -> new ToolFailure(ErrorCode.NOT_FOUND,
                            "No span " + code(focus.spanId()) + " in the trace of event " + code(eventId) + " ("
                                    + count(spans.size(), "span") + " read).",
                            "Call get_trace with this `event_id` and without `span_id` to see the span ids of its trace."));
            Arrays.fill(inScope, target.position(), target.position() + target.subtreeSize(), true);
            keepWithAncestors(target, kept);
        }
        Set<TraceSpan> matched = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TraceTree.Node node : preorder) {
            TraceSpan span = node.span();
            if (inScope[node.position()] && focus.passesFilters(span) && (!focus.searches() || matches.containsKey(span))) {
                matched.add(span);
                keepWithAncestors(node, kept);
            }
        }
        String cutNote = cutUpstream == 0 ? "" : " " + count(cutUpstream, "payload") + " reached `trunc_len` "
                + options.truncLen() + " upstream and was searched only that far; a higher `trunc_len` (max 100000) reads more.";
        if (matched.isEmpty()) {
            return noMatch(eventId, summary, focus, cutNote);
        }
        List<TraceSpan> subset = spans.stream().filter(kept::contains).toList();
        TraceTree focusedTree = TraceTree.of(subset);
        List<SpanLines> lines = new ArrayList<>(subset.size());
        for (TraceTree.Node node : focusedTree.preorder()) {
            lines.add(matched.contains(node.span())
                    ? SpanLines.focused(node, summary.firstStartNs(), matches.getOrDefault(node.span(), List.of()))
                    : SpanLines.context(node, summary.firstStartNs()));
        }
        String focusLine = "**" + matched.size() + " of " + count(spans.size(), "span") + " match** "
                + code(focus.describe()) + (subset.size() > matched.size()
                        ? ", drawn with " + count(subset.size() - matched.size(), "context span") + " on their path" : "")
                + "." + cutNote;
        Map<String, Object> focusData = new LinkedHashMap<>();
        focusData.put("filters", focus.describe());
        focusData.put("matched_spans", matched.size());
        focusData.put("context_spans", subset.size() - matched.size());
        focusData.put("payloads_cut_upstream", cutUpstream);
        return drawn(eventId, summary, focusedTree, lines, focusLine, limitReached, options, Map.of("focus", focusData));
    }

    private static void keepWithAncestors(TraceTree.Node node, Set<TraceSpan> kept) {
        for (TraceTree.Node at = node; at != null && kept.add(at.span()); at = at.parent()) {
            // Stops at the first ancestor already kept: its own path is kept with it.
        }
    }

    private static ToolResult noMatch(String eventId, TraceSummary summary, Focus focus, String cutNote) {
        String text = header(eventId, summary, summary.spans()) + "\n\n"
                + "No span matches " + code(focus.describe()) + " among " + count(summary.spans(), "span") + "." + cutNote
                + "\n\nNext: call get_trace again with fewer filters, another `search` (case-insensitive text, or `/regex/`),"
                + " or without focus arguments to see the whole tree.\n";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_id", eventId);
        data.put("focus", Map.of("filters", focus.describe(), "matched_spans", 0));
        return ToolResult.ok(text, data);
    }

    /** The tree of {@code lines}, fitted to the bound, under the header and {@code focusLine} (empty without focus). */
    private static ToolResult drawn(String eventId, TraceSummary summary, TraceTree tree, List<SpanLines> lines,
            String focusLine, boolean limitReached, Options options, Map<String, Object> extraData) {
        String focusBlock = focusLine.isEmpty() ? "" : focusLine + "\n\n";
        AnswerLayout layout = layout(eventId, tree, summary, lines, focusBlock.length(), limitReached, options);
        // With focus the header counts the whole trace; "showing" then counts the focused spans in the focus line.
        int shownInHeader = focusLine.isEmpty() ? layout.shownCount() : summary.spans();
        StringBuilder text = new StringBuilder((int) Math.min(layout.plannedChars(), options.maxAnswerChars()));
        text.append(header(eventId, summary, shownInHeader)).append("\n\n").append(focusBlock);
        TreeWriter.write(text, lines, layout);
        int clipped = 0;
        int omitted = 0;
        for (SpanLines span : lines) {
            int position = span.node().position();
            if (layout.shown(position) && span.hasPayloads()) {
                boolean payloadsShown = layout.payloadsShown(position);
                clipped += payloadsShown && (span.inputCut() || span.outputCut()) ? 1 : 0;
                omitted += payloadsShown ? 0 : 1;
            }
        }
        String hint = hint(clipped, omitted, lines.size() - layout.shownCount(), limitReached, options);
        if (!hint.isEmpty()) {
            text.append('\n').append(hint).append('\n');
        }
        Map<String, Object> data = TraceData.of(eventId, summary, tree.preorder(), layout.shownCount(), limitReached);
        data.putAll(extraData);
        return ToolResult.ok(text.toString(), data);
    }

    /** Header and hint are reserved at their longest, so that the layout's choice can only leave room to spare. */
    private static AnswerLayout layout(String eventId, TraceTree tree, TraceSummary summary, List<SpanLines> lines,
            int focusChars, boolean limitReached, Options options) {
        int total = lines.size();
        int hintReserve = hint(total, total, total, limitReached, options).length() + 2;
        int overhead = header(eventId, summary, total).length() + 2 + focusChars + hintReserve;
        int foldedOverhead = header(eventId, summary, total - 1).length() + 2 + focusChars + hintReserve
                + SpanLines.folded(0, total, summary.errors()).length() + 1;
        return AnswerLayout.fit(lines, tree.roots(), overhead, foldedOverhead, options.maxAnswerChars());
    }

    private static ToolResult noSpans(String eventId) {
        String text = "## Trace · event " + code(eventId) + "\n\n"
                + "No spans: Raindrop returned no trace data for this event. The event may pre-date the SDK's "
                + "OpenTelemetry instrumentation, or its spans were dropped under back-pressure. Confirm in the "
                + "Raindrop UI whether this event shows trace data.\n";
        return ToolResult.ok(text, TraceData.of(eventId, TraceSummary.of(List.of()), List.of(), 0, false));
    }

    /** The title and the totals line; with {@code shown} below the span count, it says how many are shown. */
    private static String header(String eventId, TraceSummary summary, int shown) {
        StringBuilder header = new StringBuilder(512);
        List<String> ids = summary.traceIds();
        header.append(ids.size() > 1 ? "## Traces " : "## Trace ");
        if (ids.isEmpty()) {
            header.append("(no trace id)");
        }
        for (int i = 0; i < Math.min(ids.size(), LISTED_TRACE_IDS); i++) {
            header.append(i == 0 ? "" : ", ").append(code(SpanLines.label(ids.get(i), "(blank)")));
        }
        if (ids.size() > LISTED_TRACE_IDS) {
            header.append(" and ").append(ids.size() - LISTED_TRACE_IDS).append(" more");
        }
        header.append(" · event ").append(code(eventId)).append("\n\n");

        header.append(count(summary.spans(), "span"));
        if (shown < summary.spans()) {
            header.append(" (showing ").append(shown).append(" of ").append(count(summary.spans(), "span"))
                    .append(" to fit the answer)");
        }
        header.append(" · ").append(count(summary.llmCalls(), "LLM call"))
                .append(" · ").append(count(summary.toolCalls(), "tool call"))
                .append(" · ").append(summary.errors() == 0 ? "0 errors" : "**❌ " + count(summary.errors(), "error") + "**")
                .append(" · wall time ").append(summary.wallTimeNs() == null ? "unknown"
                        : Markdown.duration(Duration.ofNanos(summary.wallTimeNs())));
        if (summary.firstStartNs() > 0) {
            header.append(", started ").append(Markdown.utc(Instant.ofEpochSecond(0, summary.firstStartNs())));
        }
        appendTokens(header, summary);
        return header.toString();
    }

    private static void appendTokens(StringBuilder header, TraceSummary summary) {
        List<Map.Entry<String, TraceSummary.Tokens>> models = summary.topModels(LISTED_MODELS);
        for (int i = 0; i < models.size(); i++) {
            TraceSummary.Tokens tokens = models.get(i).getValue();
            header.append(i == 0 ? " · tokens: " : ", ").append(SpanLines.label(models.get(i).getKey(), "(blank)"))
                    .append(' ').append(SpanLines.tokens(tokens.input(), tokens.output()));
        }
        int unlisted = summary.tokensByModel().size() - models.size();
        if (unlisted > 0) {
            header.append(" and ").append(count(unlisted, "more model"));
        }
    }

    /** The last line: what the answer left out and how to get it; empty when nothing was. */
    private static String hint(int clipped, int omitted, int folded, boolean limitReached, Options options) {
        List<String> cuts = new ArrayList<>(3);
        if (clipped > 0) {
            cuts.add("payload previews of " + count(clipped, "span") + " are cut to " + options.previewLength()
                    + " characters");
        }
        if (omitted > 0) {
            cuts.add("payloads of " + count(omitted, "span") + " are left out to fit the answer");
        }
        if (folded > 0) {
            cuts.add("the tree leaves out " + count(folded, "span") + " (the “… more spans” lines)");
        }
        if (cuts.isEmpty() && !limitReached) {
            return "";
        }
        StringBuilder hint = new StringBuilder(512).append("Next: ");
        if (!cuts.isEmpty()) {
            hint.append(String.join("; ", cuts))
                    .append(". `getAsFile: true` returns all spans of this response with their full payloads.");
        }
        if (limitReached) {
            hint.append(cuts.isEmpty() ? "" : " ").append("This response holds ")
                    .append(count(options.requestedLimit(), "span")).append(", the `limit` asked for, so the trace may hold more");
            hint.append(options.requestedLimit() < MAX_LIMIT
                    ? ": call again with a higher `limit` (max " + MAX_LIMIT + ") or use `getAsFile: true`."
                    : " than one call returns.");
        }
        return hint.toString();
    }
}
