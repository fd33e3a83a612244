package com.opstower.raindrop.tool;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A tool's arguments, checked against its {@link ToolSpec}: every value present has the declared type and
 * bounds, every default is applied, and anything the tool does not know is refused by name.
 */
public final class Args {

    /** The calling convention's credentials object, accepted by every tool beside its own arguments. */
    public static final String CONNECTION = "connection";

    static final int MAX_ID_LENGTH = 256;
    static final int MAX_TEXT_LENGTH = 4096;

    private final Map<String, Object> values;

    private Args(Map<String, Object> values) {
        this.values = values;
    }

    public static Args parse(ToolSpec spec, Map<String, Object> request) {
        Map<String, Object> raw = request == null ? Map.of() : request;
        for (String key : raw.keySet()) {
            if (!CONNECTION.equals(key) && spec.params().stream().noneMatch(p -> p.name().equals(key))) {
                throw ToolFailure.invalidArgument(
                        "`" + printable(key) + "` is not an argument of " + spec.name() + ".",
                        "Call " + spec.name() + " again with only these arguments: " + names(spec) + ".");
            }
        }
        Map<String, Object> values = new HashMap<>();
        for (Param param : spec.params()) {
            Object value = raw.get(param.name());
            if (value == null) {
                if (param.required()) {
                    throw ToolFailure.invalidArgument("`" + param.name() + "` is required.",
                            "Call " + spec.name() + " again with `" + param.name() + "`: " + accepted(param) + ".");
                }
                if (param.defaultValue() != null) {
                    values.put(param.name(), param.defaultValue());
                }
            } else {
                values.put(param.name(), convert(spec, param, value));
            }
        }
        return new Args(values);
    }

    public String id(String name) {
        return (String) values.get(name);
    }

    public Optional<String> text(String name) {
        return Optional.ofNullable((String) values.get(name));
    }

    /** One text or several, as a list; empty when the argument was left out. */
    @SuppressWarnings("unchecked")
    public List<String> texts(String name) {
        return (List<String>) values.getOrDefault(name, List.of());
    }

    public int integer(String name) {
        return ((Long) values.get(name)).intValue();
    }

    /** An integer argument without a default of its own. */
    public Optional<Integer> optionalInteger(String name) {
        return Optional.ofNullable((Long) values.get(name)).map(Long::intValue);
    }

    public boolean flag(String name) {
        return (Boolean) values.get(name);
    }

    public Optional<Instant> instant(String name) {
        return Optional.ofNullable((Instant) values.get(name));
    }

    public String choice(String name) {
        return (String) values.get(name);
    }

    /** A list of objects, null items included; empty when the argument was left out. */
    @SuppressWarnings("unchecked")
    public List<Map<?, ?>> objects(String name) {
        return (List<Map<?, ?>>) values.getOrDefault(name, List.of());
    }

    /** An object argument as sent (keys are strings, as JSON's are); empty when left out. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(String name) {
        return (Map<String, Object>) values.getOrDefault(name, Map.of());
    }

    private static Object convert(ToolSpec spec, Param param, Object value) {
        Object converted = switch (param.kind()) {
            case ID -> string(value, MAX_ID_LENGTH);
            case TEXT -> string(value, MAX_TEXT_LENGTH);
            case TEXTS -> texts(value, param);
            case INTEGER -> integer(value, param);
            case BOOLEAN -> bool(value);
            case TIMESTAMP -> timestamp(value);
            case CHOICE -> value instanceof String s && param.allowed().contains(s) ? s : null;
            case OBJECTS -> objects(value, param);
            case OBJECT -> value instanceof Map<?, ?> map && map.size() <= param.max() ? map : null;
        };
        if (converted == null) {
            throw ToolFailure.invalidArgument(
                    "`" + param.name() + "` must be " + accepted(param) + "; got " + describe(value) + ".",
                    "Call " + spec.name() + " again with a valid `" + param.name() + "`"
                            + (param.required() ? "" : ", or leave it out") + ".");
        }
        return converted;
    }

    /** One string as a list of one, or a list of 1 to {@code max} strings; null when any is not text. */
    private static List<String> texts(Object value, Param param) {
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        if (items.isEmpty() || items.size() > param.max()) {
            return null;
        }
        List<String> texts = new ArrayList<>(items.size());
        for (Object item : items) {
            String text = string(item, MAX_TEXT_LENGTH);
            if (text == null) {
                return null;
            }
            texts.add(text);
        }
        return List.copyOf(texts);
    }

    private static String string(Object value, int maxLength) {
        if (!(value instanceof String s)) {
            return null;
        }
        String trimmed = s.strip();
        if (trimmed.isEmpty() || trimmed.length() > maxLength || !isText(trimmed)) {
            return null;
        }
        return trimmed;
    }

    /**
     * Whether a string is well-formed text without control characters: no C0 or C1 control, no half of a surrogate
     * pair (JSON escapes can carry one; it has no UTF-8 form and would reach the upstream as {@code ?}).
     */
    public static boolean isText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** An id as {@link Param.Kind#ID} accepts it, stripped, or null. */
    public static String idOrNull(Object value) {
        return string(value, MAX_ID_LENGTH);
    }

    private static Long integer(Object value, Param param) {
        BigDecimal number;
        if (value instanceof Integer || value instanceof Long) {
            number = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger b) {
            number = new BigDecimal(b);
        } else if (value instanceof Double d && Double.isFinite(d)) {
            number = BigDecimal.valueOf(d);
        } else if (value instanceof BigDecimal d) {
            number = d;
        } else if (value instanceof String s && s.strip().matches("-?\\d{1,19}")) {
            number = new BigDecimal(s.strip());
        } else {
            return null;
        }
        if (number.stripTrailingZeros().scale() > 0
                || number.compareTo(BigDecimal.valueOf(param.min())) < 0
                || number.compareTo(BigDecimal.valueOf(param.max())) > 0) {
            return null;
        }
        return number.longValueExact();
    }

    /** The list as sent; a null item, like a left-out argument, is kept for the tool to read as "none given". */
    private static List<Map<?, ?>> objects(Object value, Param param) {
        if (!(value instanceof List<?> list) || list.size() > param.max()
                || list.stream().anyMatch(item -> item != null && !(item instanceof Map<?, ?>))) {
            return null;
        }
        return list.stream().<Map<?, ?>>map(item -> (Map<?, ?>) item).collect(Collectors.toList());
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.strip().equalsIgnoreCase("true") || s.strip().equalsIgnoreCase("false"))) {
            return Boolean.valueOf(s.strip());
        }
        return null;
    }

    private static Instant timestamp(Object value) {
        String s = string(value, 64);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static final String A_TEXT = "a non-empty string of at most " + MAX_TEXT_LENGTH
            + " characters without control characters";

    /** What a parameter accepts, in words an agent can follow. */
    public static String accepted(Param param) {
        return switch (param.kind()) {
            case ID -> "a non-empty id string of at most " + MAX_ID_LENGTH + " characters, as returned by another tool";
            case TEXT -> A_TEXT;
            case TEXTS -> A_TEXT + ", or a list of 1 to " + param.max() + " such strings";
            case INTEGER -> "an integer from " + param.min() + " to " + param.max()
                    + (param.defaultValue() == null ? "" : " (default " + param.defaultValue() + ")");
            case BOOLEAN -> "true or false (default " + param.defaultValue() + ")";
            case TIMESTAMP -> "an ISO-8601 time with an offset, such as 2026-11-20T00:00:00Z, or a date such as 2026-11-20";
            case OBJECTS -> "a list of at most " + param.max() + " objects";
            case OBJECT -> "a JSON object of at most " + param.max() + " keys";
            case CHOICE -> "one of " + param.allowed().stream().map(a -> "`" + a + "`").collect(Collectors.joining(", "))
                    + (param.defaultValue() == null ? "" : " (default `" + param.defaultValue() + "`)");
        };
    }

    private static String names(ToolSpec spec) {
        return spec.params().isEmpty() ? "none"
                : spec.params().stream().map(p -> "`" + p.name() + "`").collect(Collectors.joining(", "));
    }

    /** A short, safe echo of what the agent sent, so that it can see its mistake. */
    private static String describe(Object value) {
        if (value instanceof String s) {
            return "\"" + printable(s) + "\"";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof Iterable<?>) {
            return "an array";
        }
        return (value instanceof Boolean ? "boolean " : "number ") + printable(String.valueOf(value));
    }

    /** At most 40 characters of what was sent; controls, backticks and halves of surrogate pairs shown as {@code ?}. */
    private static String printable(String s) {
        StringBuilder clean = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            if (shown == 40) {
                return clean.append('…').toString();
            }
            int c = s.codePointAt(i);
            // A lone surrogate comes out of codePointAt as itself; a whole pair as one supplementary code point.
            clean.appendCodePoint(Character.isISOControl(c) || c == '`' || Character.isSurrogate((char) c) && c <= 0xFFFF ? '?' : c);
            shown++;
        }
        return clean.toString();
    }
}
