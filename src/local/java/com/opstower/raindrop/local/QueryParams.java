package com.opstower.raindrop.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request's query string, decoded: names and values may arrive percent-encoded ({@code started_at%5Bgte%5D}) and
 * with {@code +} for a space. Typed reads answer a 400 naming the parameter when a value does not parse, as the
 * Query API does. When a name repeats, its first value counts.
 */
final class QueryParams {

    private final Map<String, String> values = new LinkedHashMap<>();

    private QueryParams() {
    }

    static QueryParams parse(String rawQuery) {
        QueryParams params = new QueryParams();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.values.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(text, "Malformed percent-encoding in the query string");
        }
    }

    /** The value of the first of {@code names} present, so that {@code user_id} and {@code user_id[eq]} are one filter. */
    Optional<String> text(String... names) {
        for (String name : names) {
            String value = values.get(name);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Every parameter name the request holds, decoded, in request order. */
    Set<String> names() {
        return values.keySet();
    }

    int integer(String name, int defaultValue, int min, int max) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw ApiError.badRequest(name, name + " must be an integer between " + min + " and " + max);
    }

    Optional<Instant> instant(String name) {
        return text(name).map(value -> {
            try {
                return OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiError.badRequest(name, name + " must be an ISO-8601 date-time, e.g. 2026-11-01T00:00:00Z");
            }
        });
    }

    /** One of {@code allowed}, {@code defaultValue} when absent. */
    String oneOf(String name, String defaultValue, Set<String> allowed) {
        String value = values.getOrDefault(name, defaultValue);
        if (!allowed.contains(value)) {
            throw ApiError.badRequest(name, "Unsupported " + name + ": " + value, allowed.stream().sorted().toList());
        }
        return value;
    }
}
