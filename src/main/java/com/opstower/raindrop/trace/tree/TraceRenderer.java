package com.opstower.raindrop.trace.tree;

import static com.opstower.raindrop.tool.Markdown.code;
import static com.opstower.raindrop.tool.Markdown.count;

import com.opstower.raindrop.queryapi.Queries.TraceQuery;
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

    /** Which spans the whole tree folds, in one sentence, for the tool's description. */
    public static final String FOLDING_RULE = Salience.FOLDING_RULE;

    /** Header lists stay short whatever the trace; the counts say how many there are. */
    private static final int LISTED_TRACE_IDS = 5;
    private static final int LISTED_MODELS = 5;

    /**
     * How to render.
     *
     * @param previewLength characters of each input and output shown under its span
     * @param maxAnswerChars upper bound of the whole markdown
     * @param requestedLimit the {@code limit} sent upstream: a response that fills it may be cut; 0 when none was sent
     * @param truncLen the {@code trunc_len} the body was read with: a payload this long was cut upstream
     * @param pastCap null when the body was read as first asked; else how it passed the cap before this read
     */
    public record Options(int previewLength, int maxAnswerChars, int requestedLimit, Focus focus, int truncLen,
            PastCap pastCap) {

        static final int DEFAULT_PREVIEW_LENGTH = 200;
        static final int DEFAULT_MAX_ANSWER_CHARS = 40_000;
        /** Room for the header, the hint and a fold line whatever the trace: below it the bound could not be kept. */
        private static final int MIN_ANSWER_CHARS = 2_000;

        public Options {
            if (previewLength < 1) {
                throw new IllegalArgumentException("previewLength must be at least 1, was " + previewLength);
            }
            if (maxAnswerChars < MIN_ANSWER_CHARS) {
                throw new IllegalArgumentException(
                        "maxAnswerChars must be at least " + MIN_ANSWER_CHARS + ", was " + maxAnswerChars);
            }
        }

        /** A body read as first asked. */
        public Options(int previewLength, int maxAnswerChars, int requestedLimit, Focus focus, int truncLen) {
            this(previewLength, maxAnswerChars, requestedLimit, focus, truncLen, null);
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

    /**
     * A trace whose body passed the cap at the {@code trunc_len} first asked for, so that it was read again at the
     * options' smaller one. get_span, which reads at the largest {@code trunc_len}, cannot read it either.
     *
     * @param truncLen the {@code trunc_len} at which the body passed the cap
     * @param capBytes the cap: the most of a trace body that is read
     */
    public record PastCap(int truncLen, long capBytes) {
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
        Salience salience = Salience.of(tree);
        PayloadPreviews previews = new PayloadPreviews(body, options.previewLength(), options.truncLen(),
                options.pastCap() == null);
        if (focus.isNone()) {
            TraceStory.Story story = TraceStory.of(tree, salience, previews, options.maxAnswerChars() / STORY_SHARE);
            // Below a call whose result answers about something else than it was asked, the instrumentation often
            // says why (a cache hit under too broad a key): those spans are drawn, each with its attributes.
            boolean[] belowDiffering = new boolean[tree.preorder().size()];
            for (TraceTree.Node call : story.differing()) {
                Arrays.fill(belowDiffering, call.position() + 1, call.position() + call.subtreeSize(), true);
            }
            TreeRows rows = TreeRows.of(tree, salience, belowDiffering, summary.firstStartNs(),
                    node -> belowDiffering[node.position()]
                            ? SpanLines.withAttributes(node, summary.firstStartNs(), salience.recoveredBy(node), previews)
                            : SpanLines.of(node, summary.firstStartNs(), salience.recoveredBy(node), previews));
            Header header = new Header(eventId, summary, salience.recoveredErrors(), rows.foldedSpans(), rows.foldLines(),
                    readNote(options), story.text());
            return drawn(header, tree, salience, rows, "", limitReached, options, Map.of());
        }
        return focused(eventId, spans, tree, summary, salience, previews, matches, cutUpstream, limitReached, options);
    }

    /** The story header takes at most this share of the answer's bound: 1/4. */
    private static final int STORY_SHARE = 4;

    /**
     * The spans the focus keeps, drawn as a tree of their own: each matching span with its previews and snippets, and
     * its ancestors as one-line context, so that the agent can tell a match from its path. Nothing is folded: a focus
     * draws every span it reaches in full.
     */
    private static ToolResult focused(String eventId, List<TraceSpan> spans, TraceTree tree, TraceSummary summary,
            Salience salience, PayloadPreviews previews, Map<TraceSpan, List<String>> matches, int cutUpstream,
            boolean limitReached, Options options) {
        Focus focus = options.focus();
        List<TraceTree.Node> preorder = tree.preorder();
        boolean[] inScope = new boolean[preorder.size()];
        Set<TraceSpan> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        if (focus.spanId() == null) {
            Arrays.fill(inScope, true);
        } else {
            TraceTree.Node target = focus.target(tree, eventId);
            Arrays.fill(inScope, target.position(), target.position() + target.subtreeSize(), true);
            keepWithAncestors(target, kept);
        }
        Map<TraceSpan, TraceTree.Node> matched = new IdentityHashMap<>();
        for (TraceTree.Node node : preorder) {
            TraceSpan span = node.span();
            if (inScope[node.position()] && focus.passesFilters(span) && (!focus.searches() || matches.containsKey(span))) {
                matched.put(span, node);
                keepWithAncestors(node, kept);
            }
        }
        String cutNote = cutUpstream == 0 ? "" : " " + count(cutUpstream, "payload") + " reached `trunc_len` "
                + options.truncLen() + " upstream and was searched only that far; a higher `trunc_len` (max 100000) reads more.";
        Header header = new Header(eventId, summary, salience.recoveredErrors(), 0, 0, readNote(options), "");
        if (matched.isEmpty()) {
            return noMatch(header, focus, cutNote, options);
        }
        List<TraceSpan> subset = spans.stream().filter(kept::contains).toList();
        TraceTree focusedTree = TraceTree.of(subset);
        TreeRows rows = TreeRows.of(focusedTree, null, null, summary.firstStartNs(), node -> {
            TraceTree.Node whole = matched.get(node.span());
            return whole == null ? SpanLines.context(node, summary.firstStartNs(), previews)
                    : SpanLines.focused(node, summary.firstStartNs(), salience.recoveredBy(whole),
                            matches.getOrDefault(node.span(), List.of()), previews);
        });
        String focusLine = "**" + matched.size() + " of " + count(spans.size(), "span") + " match** "
                + code(focus.describe()) + (subset.size() > matched.size()
                        ? ", drawn with " + count(subset.size() - matched.size(), "context span") + " on their path" : "")
                + "." + cutNote;
        Map<String, Object> focusData = new LinkedHashMap<>();
        focusData.put("filters", focus.describe());
        focusData.put("matched_spans", matched.size());
        focusData.put("context_spans", subset.size() - matched.size());
        focusData.put("payloads_cut_upstream", cutUpstream);
        return drawn(header, tree, salience, rows, focusLine, limitReached, options, Map.of("focus", focusData));
    }

    private static void keepWithAncestors(TraceTree.Node node, Set<TraceSpan> kept) {
        for (TraceTree.Node at = node; at != null && kept.add(at.span()); at = at.parent()) {
            // Stops at the first ancestor already kept: its own path is kept with it.
        }
    }

    /**
     * The header's word on a trace read again at a smaller {@code trunc_len} after it passed the cap; empty for one
     * read as asked. It says what the payloads lack, that get_span cannot read the trace, and which calls can.
     */
    private static String readNote(Options options) {
        PastCap pastCap = options.pastCap();
        if (pastCap == null) {
            return "";
        }
        String truncLen = Markdown.grouped(options.truncLen());
        return "**Payloads read at `trunc_len` " + truncLen + "**: at " + Markdown.grouped(pastCap.truncLen())
                + " this trace passes " + Markdown.size(pastCap.capBytes()) + ", the most of a trace that is read, so it "
                + "was read again at " + truncLen + ", and a payload longer than that holds only its first " + truncLen
                + " characters; get_span, which reads at " + Markdown.grouped(TraceQuery.MAX_TRUNC_LEN) + ", cannot read "
                + "this trace. In further calls on it give `trunc_len`: " + options.truncLen() + " skips the read that "
                + "fails; one between " + options.truncLen() + " and " + pastCap.truncLen() + " may fit and read more of "
                + "each payload.";
    }

    private static ToolResult noMatch(Header header, Focus focus, String cutNote, Options options) {
        String text = header.text(header.summary().spans()) + "\n\n"
                + "No span matches " + code(focus.describe()) + " among " + count(header.summary().spans(), "span") + "."
                + cutNote + "\n\nNext: call get_trace again with fewer filters, another `search` (case-insensitive text, or"
                + " `/regex/`), or without focus arguments to see the whole tree.\n";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_id", header.eventId());
        data.put("focus", Map.of("filters", focus.describe(), "matched_spans", 0));
        return ToolResult.ok(text, withReadAgain(data, options));
    }

    /**
     * The tree of {@code rows}, fitted to the bound, under the header and {@code focusLine} (empty without focus).
     *
     * @param tree the whole trace's forest, whatever the rows show, and {@code salience} its meaning: the data sums
     *        up the whole trace
     */
    private static ToolResult drawn(Header header, TraceTree tree, Salience salience, TreeRows rows, String focusLine,
            boolean limitReached, Options options, Map<String, Object> extraData) {
        String focusBlock = focusLine.isEmpty() ? "" : focusLine + "\n\n";
        // A trace read again after it passed the cap is past get_span's cap too: no hint sends the agent there.
        Next next = options.pastCap() == null ? Next.of(rows.rows()) : new Next(null, null);
        AnswerLayout layout = layout(header, rows, next, focusBlock.length(), limitReached, options);
        TraceSummary summary = header.summary();
        // With focus the header counts the whole trace; "showing" then counts the focused spans in the focus line.
        int shownInHeader = focusLine.isEmpty() ? layout.shownSpans() : summary.spans();
        StringBuilder text = new StringBuilder((int) Math.min(layout.plannedChars(), options.maxAnswerChars()));
        text.append(header.text(shownInHeader)).append("\n\n").append(focusBlock);
        TreeWriter.write(text, rows.rows(), layout);
        int clipped = 0;
        int cutUpstream = 0;
        int omitted = 0;
        for (Row row : rows.rows()) {
            if (row instanceof SpanLines span && layout.shown(row.position()) && span.hasPayloads()) {
                boolean payloadsShown = layout.payloadsShown(row.position());
                clipped += payloadsShown && span.clipped() ? 1 : 0;
                cutUpstream += payloadsShown && span.cutUpstream() ? 1 : 0;
                omitted += payloadsShown ? 0 : 1;
            }
        }
        int hidden = -layout.shownSpans();
        for (Row root : rows.roots()) {
            hidden += root.subtreeSpans();
        }
        String hint = next.hint(new Cuts(clipped, cutUpstream, omitted, rows.foldedSpans(), rows.foldLines(), hidden),
                limitReached, options);
        if (!hint.isEmpty()) {
            text.append('\n').append(hint).append('\n');
        }
        Map<String, Object> data = TraceData.of(header.eventId(), summary, tree.preorder(), salience, rows,
                layout.shownSpans(), limitReached);
        data.putAll(extraData);
        return ToolResult.ok(text.toString(), withReadAgain(data, options));
    }

    /** For a program chaining calls: the {@code trunc_len} a trace read again was read with, and the one it passed the cap at. */
    private static Map<String, Object> withReadAgain(Map<String, Object> data, Options options) {
        if (options.pastCap() != null) {
            data.put("trunc_len", options.truncLen());
            data.put("past_cap_at_trunc_len", options.pastCap().truncLen());
        }
        return data;
    }

    /** Header and hint are reserved at their longest, so that the layout's choice can only leave room to spare. */
    private static AnswerLayout layout(Header header, TreeRows rows, Next next, int focusChars, boolean limitReached,
            Options options) {
        int total = header.summary().spans();
        int hintReserve = next.hint(new Cuts(total, total, total, rows.foldedSpans(), rows.foldLines(), total),
                limitReached, options).length() + 2;
        int overhead = header.text(total).length() + 2 + focusChars + hintReserve;
        int foldedOverhead = header.text(total - 1).length() + 2 + focusChars + hintReserve
                + SpanLines.folded(0, total, total).length() + 1;
        return AnswerLayout.fit(rows.rows(), rows.roots(), overhead, foldedOverhead, options.maxAnswerChars());
    }

    private static ToolResult noSpans(String eventId) {
        String text = "## Trace · event " + code(eventId) + "\n\n"
                + "No spans: Raindrop returned no trace data for this event. The event may pre-date the SDK's "
                + "OpenTelemetry instrumentation, or its spans were dropped under back-pressure. Confirm in the "
                + "Raindrop UI whether this event shows trace data.\n";
        TraceTree none = TraceTree.of(List.of());
        return ToolResult.ok(text, TraceData.of(eventId, TraceSummary.of(List.of()), List.of(), Salience.of(none),
                new TreeRows(List.of(), List.of(), 0, 0), 0, false));
    }

    /**
     * The title, the totals line and, in the whole tree, the story of what the trace did.
     *
     * @param recoveredErrors error spans a later attempt recovered, counted apart from the others
     * @param foldedSpans instrumentation spans folded into {@code foldLines} lines
     * @param readNote what a trace read again at a smaller {@code trunc_len} lacks; empty for one read as asked
     */
    private record Header(String eventId, TraceSummary summary, int recoveredErrors, int foldedSpans, int foldLines,
            String readNote, String story) {

        /** With {@code shown} below the span count, the totals say how many spans are shown. */
        String text(int shown) {
            StringBuilder header = new StringBuilder(512 + readNote.length() + story.length());
            List<String> ids = summary.traceIds();
            header.append(ids.size() > 1 ? "## Traces " : "## Trace ");
            if (ids.isEmpty()) {
                header.append("(no trace id)");
            }
            for (int i = 0; i < Math.min(ids.size(), LISTED_TRACE_IDS); i++) {
                header.append(i == 0 ? "" : ", ").append(code(Markdown.label(ids.get(i), "(blank)")));
            }
            if (ids.size() > LISTED_TRACE_IDS) {
                header.append(" and ").append(ids.size() - LISTED_TRACE_IDS).append(" more");
            }
            header.append(" · event ").append(code(eventId)).append("\n\n");

            header.append(count(summary.spans(), "span"));
            List<String> notes = new ArrayList<>(2);
            if (foldedSpans > 0) {
                notes.add(count(foldedSpans, "instrumentation span") + " folded into " + count(foldLines, "line"));
            }
            if (shown < summary.spans()) {
                notes.add("showing " + shown + " of " + count(summary.spans(), "span") + " to fit the answer");
            }
            if (!notes.isEmpty()) {
                header.append(" (").append(String.join("; ", notes)).append(')');
            }
            header.append(" · ").append(count(summary.llmCalls(), "LLM call"))
                    .append(" · ").append(count(summary.toolCalls(), "tool call"));
            if (summary.retrievals() > 0) {
                header.append(" · ").append(count(summary.retrievals(), "retrieval"));
            }
            header.append(" · ").append(errors()).append(" · wall time ").append(summary.wallTimeNs() == null ? "unknown"
                    : Markdown.duration(Duration.ofNanos(summary.wallTimeNs())));
            if (summary.firstStartNs() > 0) {
                header.append(", started ").append(Markdown.utc(Instant.ofEpochSecond(0, summary.firstStartNs())));
            }
            appendTokens(header, summary);
            if (!readNote.isEmpty()) {
                header.append("\n\n").append(readNote);
            }
            if (!story.isEmpty()) {
                header.append("\n\n").append(story, 0, story.length() - 1);
            }
            return header.toString();
        }

        /** {@code **❌ 2 errors**}, {@code 1 error, recovered}, {@code **❌ 1 error**, 1 more recovered}, {@code 0 errors}. */
        private String errors() {
            int open = summary.errors() - recoveredErrors;
            if (open == 0) {
                return recoveredErrors == 0 ? "0 errors"
                        : recoveredErrors == 1 ? "1 error, recovered" : recoveredErrors + " errors, all recovered";
            }
            return "**❌ " + count(open, "error") + "**" + (recoveredErrors == 0 ? "" : ", " + recoveredErrors + " more recovered");
        }
    }

    private static void appendTokens(StringBuilder header, TraceSummary summary) {
        List<Map.Entry<String, TraceSummary.Tokens>> models = summary.topModels(LISTED_MODELS);
        for (int i = 0; i < models.size(); i++) {
            TraceSummary.Tokens tokens = models.get(i).getValue();
            header.append(i == 0 ? " · tokens: " : ", ").append(Markdown.label(models.get(i).getKey(), "(blank)"))
                    .append(' ').append(tokens.text());
        }
        int unlisted = summary.tokensByModel().size() - models.size();
        if (unlisted > 0) {
            header.append(" and ").append(count(unlisted, "more model"));
        }
    }

    /** What the answer left out: the hint's facts. */
    private record Cuts(int clipped, int cutUpstream, int omitted, int foldedSpans, int foldLines, int hiddenSpans) {
    }

    /**
     * The closing hint, cheapest step first: get_span on a clipped span named by its id, then the focus arguments,
     * with getAsFile last.
     *
     * @param example the span whose payload get_span is shown reading, and the payload; null when none is clipped
     */
    private record Next(SpanLines example, String field) {

        /** Among spans with a clipped payload: unrecovered errors, then tool calls, LLM calls, the rest; earliest first. */
        static Next of(List<Row> rows) {
            SpanLines best = null;
            for (Row row : rows) {
                if (row instanceof SpanLines span && span.clipped()
                        && (best == null || rank(span) > rank(best))) {
                    best = span;
                }
            }
            if (best == null) {
                return new Next(null, null);
            }
            TraceSpan span = best.node().span();
            boolean output = span.output() != null && span.output().clipped();
            return new Next(best, output ? "output" : "input");
        }

        /** A payload cut upstream first among equals: get_span reads more of it than the trace holds. */
        private static int rank(SpanLines span) {
            int importance = switch (span.importance()) {
                case ERROR -> 3;
                case TOOL_CALL -> 2;
                case LLM_CALL -> 1;
                case ROUTINE -> 0;
            };
            return 2 * importance + (span.cutUpstream() ? 1 : 0);
        }

        /** The last line: what the answer left out and how to get it; empty when nothing was. */
        String hint(Cuts cuts, boolean limitReached, Options options) {
            List<String> told = new ArrayList<>(4);
            if (cuts.clipped() > 0) {
                told.add("the previews of " + count(cuts.clipped(), "span") + " show part of their payloads"
                        + (cuts.cutUpstream() == 0 ? "" : " (" + cuts.cutUpstream() + " of them cut upstream at "
                                + "trunc_len " + Markdown.grouped(options.truncLen()) + ")"));
            }
            if (cuts.omitted() > 0) {
                told.add("payloads of " + count(cuts.omitted(), "span") + " are left out to fit the answer");
            }
            if (cuts.foldedSpans() > 0) {
                told.add(count(cuts.foldedSpans(), "instrumentation span") + " are folded into "
                        + count(cuts.foldLines(), "line"));
            }
            if (cuts.hiddenSpans() > 0) {
                told.add("the tree leaves out " + count(cuts.hiddenSpans(), "span") + " (the “… more spans” lines)");
            }
            if (told.isEmpty() && !limitReached) {
                return "";
            }
            StringBuilder hint = new StringBuilder(512).append("Next: ");
            if (!told.isEmpty()) {
                hint.append(String.join("; ", told)).append(". ");
                if (example != null) {
                    hint.append("get_span reads a payload whole (up to ").append(Markdown.grouped(TraceQuery.MAX_TRUNC_LEN))
                            .append(" characters), e.g. `span_id` ");
                    Markdown.appendCode(hint, Markdown.collapseWhitespace(String.valueOf(example.node().span().spanId())))
                            .append(" with `field` `").append(field).append("`; ");
                }
                hint.append(example == null ? "The" : "the").append(" focus arguments `span_id`, `status`, `span_type` "
                        + "and `search` draw any folded or left-out span in full; `getAsFile: true`")
                        .append(options.pastCap() == null ? "" : " with `trunc_len: " + options.truncLen() + "`")
                        .append(", the raw JSON of every span, is the last resort.");
            }
            if (limitReached) {
                hint.append(told.isEmpty() ? "" : " ").append("This response holds ")
                        .append(count(options.requestedLimit(), "span")).append(", the `limit` asked for, so the trace may hold more");
                hint.append(options.requestedLimit() < MAX_LIMIT
                        ? ": call again with a higher `limit` (max " + MAX_LIMIT + ") or use `getAsFile: true`."
                        : " than one call returns.");
            }
            return hint.toString();
        }
    }
}
