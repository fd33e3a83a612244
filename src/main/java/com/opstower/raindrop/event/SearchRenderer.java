package com.opstower.raindrop.event;

import com.opstower.raindrop.queryapi.Queries.EventFilter;
import com.opstower.raindrop.queryapi.Queries.SearchQuery;
import com.opstower.raindrop.queryapi.Wire.Event;
import com.opstower.raindrop.queryapi.Wire.SearchPage;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.Markdown.Preview;
import com.opstower.raindrop.tool.PageCursor;
import com.opstower.raindrop.tool.PageFit;
import com.opstower.raindrop.tool.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the agent reads about search results. Pure: records in, markdown and structured data out. */
public final class SearchRenderer {

    /** Characters shown on each side of a match. */
    static final int SNIPPET_RADIUS = 60;
    /** Characters of a snippet shown: the radius on each side of a short match; a longer match is cut. */
    static final int SNIPPET_LENGTH = 2 * SNIPPET_RADIUS + Markdown.LABEL_LENGTH;
    private static final String NAME = SearchEventsFunction.NAME;
    private static final String NOUN = "event";
    private static final String SAME = " and the same query and filters";

    private SearchRenderer() {
    }

    /**
     * A page of matches, as many as fit {@code maxChars}: each event as list_events shows it, with its relevance score and
     * a snippet around the match; and the cursor to read on from the first one not shown.
     *
     * @param start the cursor the page was read from
     * @param match what the query matches in the text (the words, or the regular expression), or null for a semantic
     *              search, whose matches are about meaning and have no place in the text
     */
    public static ToolResult list(SearchPage page, SearchQuery q, PageCursor start, Pattern match, int previewLength,
            int maxChars) {
        List<Event> events = start.unseen(page.events().items());
        List<Double> scores = start.unseen(page.scores());
        String upstreamNext = page.events().nextCursor();
        String what = Markdown.codeLabel(q.query(), "") + " (" + q.mode() + " search in " + fields(q.searchIn()) + ")"
                + EventRenderer.filters(new EventFilter(q.convoId(), q.userId(), null, q.signal(), null, Map.of(),
                        q.timestampAfter(), q.timestampBefore()));
        if (events.isEmpty()) {
            String scope = PageFit.emptyScope(start, upstreamNext);
            String text = "No events " + scope + (scope.equals("matched") ? " " : " for ") + what + ".\n\n"
                    + PageFit.afterEmpty(NAME, NOUN, SAME, start, upstreamNext, "Try other words, `mode: \"semantic\"` "
                            + "to search by meaning, fewer filters, or another window (at most 14 days at a time).");
            return ToolResult.ok(text, data(List.of(), scores, upstreamNext));
        }
        List<String> items = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            String snippet = match == null ? null : snippet(e, q.searchIn(), match);
            items.add(EventRenderer.item(e, previewLength) + "  - relevance " + score(scores, i)
                    + (snippet == null ? "" : " · " + snippet) + "\n");
        }
        PageFit fit = PageFit.of(items, maxChars, start, upstreamNext,
                f -> heading(f, what).length() + footer(f).length());
        StringBuilder text = new StringBuilder(maxChars / 4).append(heading(fit, what));
        items.subList(0, fit.shown()).forEach(text::append);
        text.append(footer(fit));
        return ToolResult.ok(text.toString(), data(events.subList(0, fit.shown()), scores, fit.nextCursor()));
    }

    private static String heading(PageFit fit, String what) {
        return fit.heading(NOUN) + " matched " + what + ":\n\n";
    }

    private static String footer(PageFit fit) {
        return "\n" + fit.nextLine(NAME, NOUN, SAME) + "Next: get_event with one of these ids as `event_id` for the full "
                + "turn; count_events to count events by signal, name or user instead of searching.";
    }

    /** Where the match is, in the first searched field that holds it: {@code match in input: "…words…"}. */
    static String snippet(Event e, String searchIn, Pattern match) {
        List<String[]> fields = new ArrayList<>();
        if (searchIn.contains("user_input")) {
            fields.add(new String[] {"input", e.userInput()});
        }
        if (searchIn.contains("assistant_output")) {
            fields.add(new String[] {"output", e.assistantOutput()});
        }
        for (String[] field : fields) {
            String value = field[1];
            if (value == null) {
                continue;
            }
            Matcher m = match.matcher(value);
            if (m.find()) {
                int from = Markdown.charBoundary(value, Math.max(0, m.start() - SNIPPET_RADIUS));
                int to = Markdown.charBoundary(value, Math.min(value.length(), m.end() + SNIPPET_RADIUS));
                Preview shown = Markdown.preview(value.substring(from, to), SNIPPET_LENGTH);
                return "match in " + field[0] + ": \"" + (from > 0 ? "…" : "") + shown.text()
                        + (to < value.length() || shown.clipped() ? "…" : "") + "\"";
            }
        }
        return null;
    }

    private static String fields(String searchIn) {
        return searchIn.replace("user_input", "user input").replace("assistant_output", "assistant output").replace(",", " and ");
    }

    private static String score(List<Double> scores, int i) {
        Double score = i < scores.size() ? scores.get(i) : null;
        return score == null ? "not given" : String.format(Locale.ROOT, "%.2f", score);
    }

    private static Map<String, Object> data(List<Event> events, List<Double> scores, String cursor) {
        List<Map<String, Object>> matches = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("id", events.get(i).id());
            match.put("relevance_score", i < scores.size() ? scores.get(i) : null);
            matches.add(match);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("events", matches);
        data.put("count", events.size());
        data.put("has_more", cursor != null);
        data.put("next_cursor", cursor);
        return data;
    }
}
