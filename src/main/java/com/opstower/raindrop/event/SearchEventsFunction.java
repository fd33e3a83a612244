package com.opstower.raindrop.event;

import com.opstower.raindrop.config.EventsConfig;
import com.opstower.raindrop.queryapi.Queries.SearchQuery;
import com.opstower.raindrop.queryapi.QueryApiFailure;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.queryapi.Wire.SearchPage;
import com.opstower.raindrop.signal.SignalCatalog;
import com.opstower.raindrop.tool.AnswerBound;
import com.opstower.raindrop.tool.PageCursor;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.QueryApiFailures;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code search_events}: the turns whose input or output says something, in words, by meaning or by pattern. */
public class SearchEventsFunction implements Tool {

    static final String NAME = "search_events";
    private static final String REGEX = "regex";
    private static final Pattern ABOUT_A_PATTERN = Pattern.compile("(?i)regex|regular expression|pattern");
    private static final String FIX_THE_PATTERN = "Fix the pattern (escape ( ) [ ] { } . * + ? | \\ with a backslash to "
            + "match them literally; lookarounds and backreferences may not be supported), or search with "
            + "`mode: \"text\"` for the words themselves.";

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "Find events (LLM turns) by what was said: words, meaning (semantic) or regex, in user input and/or "
                    + "assistant output; each with relevance and a snippet, as many as fit, with a cursor to read on. To "
                    + "filter by name, user or signal: list_events; to count: count_events. Windows at most 14 days; 50 "
                    + "searches a minute. Next: get_event.",
            List.of(
                    Param.requiredText("query", "Words, a meaning, or a regular expression."),
                    Param.choice("mode", "How `query` matches.", List.of("text", "semantic", REGEX), "text"),
                    Param.choice("search_in", "Which side of the turn.",
                            List.of("user_input", "assistant_output", "both"), "both"),
                    EventFilters.SIGNAL,
                    EventFilters.USER_ID,
                    Param.optionalId("convo_id", "Only this conversation's events."),
                    EventFilters.BOUNDED_AFTER,
                    EventFilters.BEFORE,
                    EventFilters.PAGE_LIMIT,
                    PageCursor.PARAM));

    @Inject
    ToolRunner runner;

    @Inject
    RaindropClient raindrop;

    @Inject
    EventsConfig config;

    @Inject
    SignalCatalog signals;

    Clock clock = Clock.systemUTC();

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.run(SPEC, request, (args, connection) -> {
            EventWindow window = EventWindow.bounded(args, config.maxWindow(), clock.instant(), NAME);
            String mode = args.choice("mode");
            String text = args.text("query").orElseThrow();
            Pattern match = switch (mode) {
                case REGEX -> regex(text);
                case "text" -> Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                default -> null;
            };
            String searchIn = args.choice("search_in");
            PageCursor start = PageCursor.parse(args.text("cursor").orElse(null));
            SearchQuery query = new SearchQuery(text, mode,
                    searchIn.equals("both") ? "user_input,assistant_output" : searchIn,
                    signals.signalId(connection, "signal", args.text("signal").orElse(null)),
                    args.text("user_id").orElse(null), args.text("convo_id").orElse(null), window.after(), window.before(),
                    start.upstreamLimit(args.integer("limit")), start.upstream());
            SearchPage page;
            try {
                page = raindrop.searchEvents(connection, query);
            } catch (QueryApiFailure failure) {
                throw worded(QueryApiFailures.toToolFailure(failure), mode);
            }
            return SearchRenderer.list(page, query, start, match, config.previewLength(), AnswerBound.TOOL_TEXT_CHARS);
        });
    }

    /** A pattern no regex engine could run is refused before the call; the Query API's own dialect may refuse more. */
    private static Pattern regex(String query) {
        try {
            return Pattern.compile(query);
        } catch (PatternSyntaxException e) {
            throw ToolFailure.invalidArgument("`query` is not a valid regular expression: " + e.getDescription()
                    + " (at character " + (e.getIndex() + 1) + ").", FIX_THE_PATTERN);
        }
    }

    /** Search's own limits, in words: its rate limit is lower than other calls', and a regex may be refused upstream. */
    private static ToolFailure worded(ToolFailure failure, String mode) {
        if (failure.code() == ErrorCode.RATE_LIMITED) {
            return new ToolFailure(ErrorCode.RATE_LIMITED, failure.getMessage(),
                    "Wait before searching again: Raindrop allows 50 searches a minute per key. Meanwhile list_events and "
                            + "count_events, which allow 400 calls a minute, can narrow by signal, user, name or time.",
                    failure.retryAfterSeconds());
        }
        boolean refused = failure.code() == ErrorCode.INVALID_ARGUMENT || failure.code() == ErrorCode.DATE_RANGE_LIMIT;
        if (mode.equals(REGEX) && refused && ABOUT_A_PATTERN.matcher(failure.getMessage()).find()) {
            return ToolFailure.invalidArgument("Raindrop could not run `query` as a regular expression. "
                    + failure.getMessage(), FIX_THE_PATTERN);
        }
        return failure;
    }
}
