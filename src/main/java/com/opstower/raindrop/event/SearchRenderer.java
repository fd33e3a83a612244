package com.opstower.raindrop.event;

import static com.opstower.raindrop.tool.Markdown.code;
import static com.opstower.raindrop.tool.Markdown.count;

import com.opstower.raindrop.queryapi.Queries.EventFilter;
import com.opstower.raindrop.queryapi.Queries.SearchQuery;
import com.opstower.raindrop.queryapi.Wire.Event;
import com.opstower.raindrop.queryapi.Wire.SearchPage;
import com.opstower.raindrop.tool.Markdown;
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

    private SearchRenderer() {
    }

    /**
     * A page of matches: each event as list_events shows it, with its relevance score and a snippet around the match.
     *
     * @param match what the query matches in the text (the words, or the regular expression), or null for a semantic
     *              search, whose matches are about meaning and have no place in the text
     */
    public static ToolResult list(SearchPage page, SearchQuery q, Pattern match, int previewLength) {
        List<Event> events = page.events().items();
        String cursor = page.events().nextCursor();
        String what = code(q.query()) + " (" + q.mode() + " search in " + fields(q.searchIn()) + ")"
                + EventRenderer.filters(new EventFilter(q.convoId(), q.userId(), null, q.signal(), null, Map.of(),
                        q.timestampAfter(), q.timestampBefore()));
        StringBuilder text = new StringBuilder(256 + events.size() * (previewLength * 2 + 500));
        if (events.isEmpty()) {
            text.append("No events matched ").append(what).append(".\n\n")
                    .append(q.cursor() != null ? "This cursor's page is empty: the results have ended."
                            : "Try other words, `mode: \"semantic\"` to search by meaning, fewer filters, or another window "
                                    + "(at most 14 days at a time).");
            return ToolResult.ok(text.toString(), data(events, page.scores(), cursor));
        }
        text.append(count(events.size(), "event")).append(cursor == null ? "" : " on this page").append(" matched ")
                .append(what).append(":\n\n");
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            EventRenderer.appendEvent(text, e, previewLength);
            text.append("  - relevance ").append(score(page.scores(), i));
            String snippet = match == null ? null : snippet(e, q.searchIn(), match);
            text.append(snippet == null ? "" : " · " + snippet).append('\n');
        }
        text.append('\n');
        if (cursor != null) {
            text.append("More events match: call search_events again with `cursor: \"").append(cursor)
                    .append("\"` and the same query and filters.\n");
        }
        text.append("Next: get_event with one of these ids as `event_id` for the full turn; count_events to count "
                + "events by signal, name or user instead of searching.");
        return ToolResult.ok(text.toString(), data(events, page.scores(), cursor));
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
                return "match in " + field[0] + ": \"" + (from > 0 ? "…" : "")
                        + Markdown.collapseWhitespace(value.substring(from, to)) + (to < value.length() ? "…" : "") + "\"";
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
