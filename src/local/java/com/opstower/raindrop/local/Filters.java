package com.opstower.raindrop.local;

import com.opstower.raindrop.local.SampleModel.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Query API's filter parameters, read from one request: {@code name=value} and its operators
 * {@code name[eq|neq|startsWith|endsWith|contains]=value}, and key-value filters {@code properties[key]=value},
 * {@code properties[key][eq|neq|gt|gte|lt|lte]=value} (and the same for {@code traits}). A filter that cannot be read
 * is a 400 naming the parameter, so that a client's mistake shows instead of silently matching everything.
 */
final class Filters {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Map<String, BiPredicate<String, String>> TEXT_OPERATORS = Map.of(
            "eq", String::equals, "neq", (value, wanted) -> !value.equals(wanted), "startsWith", String::startsWith,
            "endsWith", String::endsWith, "contains", String::contains);
    private static final Map<String, BiPredicate<Double, Double>> NUMBER_OPERATORS = Map.of(
            "gt", (value, bound) -> value > bound, "gte", (value, bound) -> value >= bound,
            "lt", (value, bound) -> value < bound, "lte", (value, bound) -> value <= bound);

    private Filters() {
    }

    /**
     * The {@code /v1/events} filters list, search, count, time series and facets share, within {@code window}:
     * user_id, convo_id and event_name with their operators, signal and signal_group by UUID, properties[...].
     */
    static Predicate<Event> events(QueryParams params, TimeRange window) {
        Predicate<Event> matches = event -> window.contains(event.timestamp());
        matches = matches.and(text(params, "user_id", Event::userId))
                .and(text(params, "convo_id", Event::convoId))
                .and(text(params, "event_name", Event::eventName))
                .and(keyValues(params, "properties", Event::properties));
        Optional<String> signal = uuid(params, "signal");
        if (signal.isPresent()) {
            matches = matches.and(event -> event.signals().stream().anyMatch(s -> s.id().equalsIgnoreCase(signal.get())));
        }
        Optional<String> group = uuid(params, "signal_group");
        if (group.isPresent()) {
            matches = matches.and(event -> event.signals().stream().anyMatch(score -> SampleSignal.byId(score.id())
                    .filter(s -> s.group().id().equalsIgnoreCase(group.get())).isPresent()));
        }
        return matches;
    }

    /** {@code name=value} (equality) and {@code name[op]=value}; a null field matches only {@code neq}. */
    static <T> Predicate<T> text(QueryParams params, String name, Function<T, String> field) {
        Predicate<T> matches = item -> true;
        for (String parameter : params.names()) {
            String operator = parameter.equals(name) ? "eq" : operatorOf(parameter, name);
            if (operator == null) {
                continue;
            }
            BiPredicate<String, String> test = TEXT_OPERATORS.get(operator);
            if (test == null) {
                throw ApiError.badRequest(parameter, "Unsupported operator " + operator + " for " + name,
                        TEXT_OPERATORS.keySet().stream().sorted().toList());
            }
            String wanted = params.text(parameter).orElseThrow();
            matches = matches.and(item -> {
                String value = field.apply(item);
                return value == null ? operator.equals("neq") : test.test(value, wanted);
            });
        }
        return matches;
    }

    /** {@code prefix[key]=value} and {@code prefix[key][op]=value} over a map of JSON values. */
    static <T> Predicate<T> keyValues(QueryParams params, String prefix, Function<T, Map<String, Object>> values) {
        Pattern shape = Pattern.compile(Pattern.quote(prefix) + "\\[([^\\[\\]]+)](?:\\[([A-Za-z]+)])?");
        List<Predicate<Map<String, Object>>> tests = new ArrayList<>();
        for (String parameter : params.names()) {
            if (!parameter.startsWith(prefix + "[")) {
                continue;
            }
            Matcher matcher = shape.matcher(parameter);
            if (!matcher.matches()) {
                throw ApiError.badRequest(parameter, "Malformed filter " + parameter + ": expected " + prefix
                        + "[key] or " + prefix + "[key][operator]");
            }
            String key = matcher.group(1);
            String operator = matcher.group(2) == null ? "eq" : matcher.group(2);
            String wanted = params.text(parameter).orElseThrow();
            Predicate<Object> test = valueTest(parameter, operator, wanted);
            tests.add(map -> test.test(map == null ? null : map.get(key)));
        }
        return item -> tests.stream().allMatch(test -> test.test(values.apply(item)));
    }

    private static Predicate<Object> valueTest(String parameter, String operator, String wanted) {
        if (operator.equals("eq") || operator.equals("neq")) {
            boolean equal = operator.equals("eq");
            return value -> value == null ? !equal : sameValue(value, wanted) == equal;
        }
        BiPredicate<Double, Double> test = NUMBER_OPERATORS.get(operator);
        if (test == null) {
            throw ApiError.badRequest(parameter, "Unsupported operator " + operator,
                    List.of("eq", "gt", "gte", "lt", "lte", "neq"));
        }
        double bound = number(wanted).orElseThrow(() -> ApiError.badRequest(parameter, parameter + " must be a number"));
        return value -> value instanceof Number number && test.test(number.doubleValue(), bound);
    }

    /** A JSON value against a query-string value: numbers by value, booleans by name, anything else as text. */
    private static boolean sameValue(Object value, String wanted) {
        if (value instanceof Number number) {
            return number(wanted).filter(parsed -> parsed == number.doubleValue()).isPresent();
        }
        if (value instanceof Boolean flag) {
            return wanted.equalsIgnoreCase(flag.toString());
        }
        return value.toString().equals(wanted);
    }

    private static Optional<Double> number(String text) {
        try {
            return Optional.of(Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The operator of {@code name[op]}, or null when the parameter is not about {@code name}. */
    private static String operatorOf(String parameter, String name) {
        boolean about = parameter.startsWith(name + "[") && parameter.endsWith("]");
        return about ? parameter.substring(name.length() + 1, parameter.length() - 1) : null;
    }

    private static Optional<String> uuid(QueryParams params, String name) {
        Optional<String> value = params.text(name);
        if (value.isPresent() && !UUID.matcher(value.get()).matches()) {
            throw ApiError.badRequest(name, name + " must be an id (UUID), not a name");
        }
        return value;
    }
}
