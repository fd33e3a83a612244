package com.opstower.raindrop.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.Queries.SearchQuery;
import com.opstower.raindrop.queryapi.Wire.Event;
import com.opstower.raindrop.queryapi.Wire.Meta;
import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.Relevance;
import com.opstower.raindrop.queryapi.Wire.SearchPage;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.PageCursor;
import com.opstower.raindrop.tool.AnswerBound;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The markdown the agent reads for search results, pinned whole. */
class SearchRendererTest {

    private static final int BOUND = AnswerBound.TOOL_TEXT_CHARS;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SearchPage page() throws Exception {
        String body = Snapshots.resource("wiremock/__files/events-search.json");
        Page<Event> events = JSON.readValue(body, new TypeReference<>() {
        });
        Page<Relevance> relevance = JSON.readValue(body, new TypeReference<>() {
        });
        return new SearchPage(events, relevance.items().stream().map(Relevance::relevanceScore).toList());
    }

    private static SearchQuery query(String text, String mode, String searchIn) {
        return new SearchQuery(text, mode, searchIn, null, null, null, Instant.parse("2026-11-20T00:00:00Z"), null, 20, null);
    }

    @Test
    void textMatchesWithScoreAndSnippet() throws Exception {
        Snapshots.assertMatches("search/text.md", SearchRenderer.list(page(), query("DUPLICATE charge", "text",
                "user_input,assistant_output"), PageCursor.FIRST,
                Pattern.compile(Pattern.quote("DUPLICATE charge"), Pattern.CASE_INSENSITIVE), 60, BOUND).text());
    }

    @Test
    void regexMatchesInTheOutputOnly() throws Exception {
        Snapshots.assertMatches("search/regex.md", SearchRenderer.list(page(), query("refund \\w+ failed", "regex",
                "assistant_output"), PageCursor.FIRST, Pattern.compile("refund \\w+ failed"), 160, BOUND).text());
    }

    @Test
    void semanticMatchesHaveNoSnippet() throws Exception {
        Snapshots.assertMatches("search/semantic.md", SearchRenderer.list(page(), query("billing anger", "semantic",
                "user_input,assistant_output"), PageCursor.FIRST, null, 160, BOUND).text());
    }

    @Test
    void saysWhatToTryWhenNothingMatched() {
        Snapshots.assertMatches("search/empty.md", SearchRenderer.list(new SearchPage(new Page<>(List.of(), null), List.of()),
                query("double charge", "text", "user_input"), PageCursor.FIRST, null, 160, BOUND).text());
    }

    @Test
    void fitsAPageOfMatchesByItemsAndBoundsALongMatch() throws Exception {
        Event e = page().events().items().get(0);
        String output = "refund " + "word ".repeat(2000) + "failed";
        List<Event> ten = IntStream.rangeClosed(1, 10).mapToObj(i -> new Event("evt_%02d".formatted(i),
                e.eventName(), e.userId(), e.convoId(), e.timestamp(), e.receivedAt(), e.userInput(), output, e.model(),
                null, null, null, null, null, null, null, null)).toList();
        SearchPage page = new SearchPage(new Page<>(ten, new Meta("cur_2", true)), java.util.Collections.nCopies(10, 0.5));
        ToolResult result = SearchRenderer.list(page, query("refund.*failed", "regex", "assistant_output"),
                PageCursor.FIRST, Pattern.compile("refund.*failed"), 60, 2500);
        Snapshots.assertMatches("search/fitted.md", result.text());
        assertTrue(result.text().length() <= 2500, "length " + result.text().length());
        assertEquals("skip:" + result.data().get("count") + ":", result.data().get("next_cursor"));
    }
}
