package com.opstower.raindrop.event;

import static com.opstower.raindrop.tool.Markdown.code;

import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.ToolFailure;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code properties} argument as the Query API's bracket parameters: {@code {"plan": "plus"}} is
 * {@code properties[plan]=plus}, {@code {"latency_ms": {"gte": 1000}}} is {@code properties[latency_ms][gte]=1000}.
 * Pure; refuses what the Query API could only misread.
 */
final class PropertyFilters {

    static final int MAX_KEY_LENGTH = 200;
    static final int MAX_VALUE_LENGTH = 1000;
    /** Operators that compare with a string, a number or a boolean. */
    private static final Set<String> EQUALITY = Set.of("eq", "neq");
    /** Operators that compare with a number. */
    private static final Set<String> ORDER = Set.of("gt", "gte", "lt", "lte");
    private static final String HOW = "Give each property its value ({\"plan\": \"plus\"}) or an object of operators "
            + "({\"latency_ms\": {\"gte\": 1000}}): `eq`, `neq` take a string, number or boolean; `gt`, `gte`, `lt`, "
            + "`lte` a number.";

    static final Param PARAM = Param.object("properties", "Property filters: {\"plan\": \"plus\", \"latency_ms\": "
            + "{\"gte\": 1000}}; eq, neq take a string, number or boolean, gt, gte, lt, lte a number.", 20);

    private PropertyFilters() {
    }

    /** The query parameters, in the order given. */
    static Map<String, String> params(Map<String, Object> properties) {
        Map<String, String> params = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            checkKey(key);
            if (value instanceof Map<?, ?> operators) {
                if (operators.isEmpty()) {
                    throw refused("property " + code(key) + " has an empty object: it names no operator.");
                }
                operators.forEach((op, operand) -> params.put("properties[" + key + "][" + op + "]", operand(key, String.valueOf(op), operand)));
            } else {
                params.put("properties[" + key + "]", scalar(key, value));
            }
        });
        return params;
    }

    private static void checkKey(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !Args.isText(key)) {
            throw refused("a property name must be 1 to " + MAX_KEY_LENGTH + " characters without control characters.");
        }
        if (key.indexOf('[') >= 0 || key.indexOf(']') >= 0) {
            throw refused("the property name " + code(key) + " has brackets, which the Query API reads as operators.");
        }
    }

    private static String operand(String key, String op, Object operand) {
        if (EQUALITY.contains(op)) {
            return scalar(key, operand);
        }
        if (!ORDER.contains(op)) {
            throw refused("property " + code(key) + " has the unknown operator " + code(op) + ".");
        }
        String number = number(operand);
        if (number == null) {
            throw refused("property " + code(key) + ": `" + op + "` compares with a number, not " + shape(operand) + ".");
        }
        return number;
    }

    private static String scalar(String key, Object value) {
        if (value instanceof String s) {
            if (s.length() > MAX_VALUE_LENGTH || !Args.isText(s)) {
                throw refused("property " + code(key) + ": a text value must be at most " + MAX_VALUE_LENGTH
                        + " characters without control characters.");
            }
            return s;
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        String number = number(value);
        if (number == null) {
            throw refused("property " + code(key) + " must be a string, number, boolean or object of operators, not "
                    + shape(value) + ".");
        }
        return number;
    }

    /** A JSON number as plain decimal text ({@code 1000.0} is {@code 1000}), or null for anything else. */
    private static String number(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return null;
    }

    private static String shape(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof Iterable<?>) {
            return "a list";
        }
        return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean" : "that value";
    }

    private static ToolFailure refused(String what) {
        return ToolFailure.invalidArgument("`properties`: " + what, HOW);
    }
}
