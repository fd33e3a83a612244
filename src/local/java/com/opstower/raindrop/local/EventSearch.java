package com.opstower.raindrop.local;

import com.google.re2j.PatternSyntaxException;
import com.opstower.raindrop.local.SampleEndpoints.Page;
import com.opstower.raindrop.local.SampleModel.Event;
import com.opstower.raindrop.local.SampleModel.SearchHit;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code /v1/events/search} over the sample workspace, in its three modes, each match with a relevance score in
 * (0, 1]: {@code text} finds the query as a case-insensitive substring, {@code regex} matches it with RE2 syntax in
 * linear time, both scoring more occurrences higher; {@code semantic} stands in for embeddings with the share of the
 * query's words (stemmed, stop words left out) that the event holds, at least {@code threshold} (default 0.5). The
 * {@code /v1/events} filters and its 14-day window apply.
 */
final class EventSearch {

    static final double DEFAULT_THRESHOLD = 0.5;

    private static final Map<String, Function<Event, String>> SEARCHABLE = Map.of(
            "user_input", Event::userInput, "assistant_output", Event::assistantOutput);
    private static final Set<String> MODES = Set.of("text", "semantic", "regex");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "at", "be", "but", "by", "can",
            "did", "do", "for", "from", "has", "have", "i", "in", "is", "it", "me", "my", "of", "on", "or", "our",
            "so", "that", "the", "this", "to", "was", "we", "what", "when", "why", "with", "you", "your");
    private static final List<String> SUFFIXES = List.of("ing", "ed", "es", "s", "e");
    private static final Comparator<SearchHit> BEST_FIRST = Comparator.comparingDouble(SearchHit::relevanceScore).reversed()
            .thenComparing(hit -> hit.event().timestamp(), Comparator.reverseOrder())
            .thenComparing(hit -> hit.event().id());

    private final SampleWorkspace workspace;
    private final Clock clock;

    EventSearch(SampleWorkspace workspace, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
    }

    Page search(QueryParams params) {
        String query = params.text("query").filter(q -> !q.isBlank())
                .orElseThrow(() -> ApiError.badRequest("query", "query is required"));
        String mode = params.oneOf("mode", "text", MODES);
        List<Function<Event, String>> fields = fields(params);
        ToDoubleFunction<String> score = switch (mode) {
            case "regex" -> regex(query);
            case "semantic" -> semantic(query, threshold(params));
            default -> text(query);
        };
        List<SearchHit> hits = workspace.events().stream()
                .filter(Filters.events(params, SampleEndpoints.limitedWindow(params, clock.instant())))
                .map(event -> new SearchHit(event, round(score.applyAsDouble(searchedText(event, fields)))))
                .filter(hit -> hit.relevanceScore() > 0)
                .sorted(BEST_FIRST).toList();
        return Page.of(hits, params);
    }

    /** {@code search_in}: a comma-separated list of the searchable fields, both by default. */
    private static List<Function<Event, String>> fields(QueryParams params) {
        String searchIn = params.text("search_in").orElse("user_input,assistant_output");
        return Arrays.stream(searchIn.split(",")).map(String::trim).map(name -> {
            Function<Event, String> field = SEARCHABLE.get(name);
            if (field == null) {
                throw ApiError.badRequest("search_in", "Unsupported search_in: " + name, SEARCHABLE.keySet().stream().sorted().toList());
            }
            return field;
        }).toList();
    }

    private static double threshold(QueryParams params) {
        String text = params.text("threshold").orElse(null);
        if (text == null) {
            return DEFAULT_THRESHOLD;
        }
        try {
            double threshold = Double.parseDouble(text.trim());
            if (threshold >= 0 && threshold <= 1) {
                return threshold;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw ApiError.badRequest("threshold", "threshold must be a number between 0 and 1");
    }

    /** The searched fields of one event, one per line; a field the event lacks (a background job's input) adds nothing. */
    private static String searchedText(Event event, List<Function<Event, String>> fields) {
        return fields.stream().map(field -> field.apply(event)).filter(Objects::nonNull).collect(Collectors.joining("\n"));
    }

    private static ToDoubleFunction<String> text(String query) {
        String needle = query.toLowerCase(Locale.ROOT);
        return haystack -> occurrenceScore(countOccurrences(haystack.toLowerCase(Locale.ROOT), needle));
    }

    private static ToDoubleFunction<String> regex(String query) {
        com.google.re2j.Pattern pattern;
        try {
            pattern = com.google.re2j.Pattern.compile(query);
        } catch (PatternSyntaxException e) {
            throw ApiError.badRequest("query", "Invalid regex pattern: " + e.getMessage());
        }
        return haystack -> {
            com.google.re2j.Matcher matcher = pattern.matcher(haystack);
            int found = 0;
            while (matcher.find()) {
                found++;
            }
            return occurrenceScore(found);
        };
    }

    private static ToDoubleFunction<String> semantic(String query, double threshold) {
        Set<String> wanted = stems(query);
        if (wanted.isEmpty()) {
            throw ApiError.badRequest("query", "query holds no words to search for");
        }
        return haystack -> {
            Set<String> held = stems(haystack);
            double share = wanted.stream().filter(held::contains).count() / (double) wanted.size();
            return share >= threshold ? share : 0;
        };
    }

    /** 1 occurrence scores 0.5, 2 score 0.67, 3 score 0.75: more is better, never above 1. */
    private static double occurrenceScore(int occurrences) {
        return occurrences / (occurrences + 1.0);
    }

    private static int countOccurrences(String haystack, String needle) {
        int count = 0;
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }

    /** Lowercase words without stop words, each cut to a crude stem, so that "charged" meets "charge". */
    private static Set<String> stems(String text) {
        Matcher words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        Set<String> stems = new HashSet<>();
        while (words.find()) {
            String word = words.group();
            if (!STOP_WORDS.contains(word)) {
                stems.add(stem(word));
            }
        }
        return stems;
    }

    private static String stem(String word) {
        for (String suffix : SUFFIXES) {
            if (word.endsWith(suffix) && word.length() - suffix.length() >= 3) {
                return word.substring(0, word.length() - suffix.length());
            }
        }
        return word;
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
