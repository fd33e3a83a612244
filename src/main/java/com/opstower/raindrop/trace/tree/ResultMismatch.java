package com.opstower.raindrop.trace.tree;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.opstower.raindrop.tool.Markdown;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a tool answered another question than it was asked: the top-level fields its arguments and its result, both
 * JSON objects, carry with different scalar values ({@code order_id NW-48213 → NW-41877}). A result about another
 * order, customer or return says so here, whatever the tool's domain. Pure; each payload read in one streaming pass.
 */
final class ResultMismatch {

    /** Payloads longer than this are not read: arguments and the results that echo them are short. */
    static final int MAX_PAYLOAD_CHARS = 16_384;
    /** Fields listed at most; the others are counted. */
    static final int LISTED = 3;
    /** Characters of a value shown. */
    static final int VALUE_CHARS = 40;
    /** Argument fields kept at most. */
    private static final int MAX_ARGUMENTS = 64;

    private static final JsonFactory JSON = new JsonFactory();

    private ResultMismatch() {
    }

    /** The top-level scalar fields of a JSON object, by key in order; empty when the text is not one. */
    static Map<String, String> scalars(char[] chars, int offset, int length) {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(chars, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Map.of();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME && fields.size() < MAX_ARGUMENTS) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    fields.putIfAbsent(key, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
            return fields;
        } catch (IOException e) {
            return Map.of();
        }
    }

    /**
     * {@code order_id NW-48213 → NW-41877, rma_id RMA-7731 → RMA-6620}: the result's top-level scalar fields whose value
     * differs from the argument of the same name, in the result's order; empty when none does, or the result is not a
     * JSON object. Numbers of the same value ({@code 22.9}, {@code "22.90"}) are the same.
     */
    static String of(Map<String, String> arguments, char[] chars, int offset, int length) {
        if (arguments.isEmpty()) {
            return "";
        }
        List<String> differing = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(chars, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            List<String> seen = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                String asked = arguments.get(key);
                if (asked != null && value.isScalarValue() && value != JsonToken.VALUE_NULL && !seen.contains(key)) {
                    seen.add(key);
                    String answered = parser.getText();
                    if (!same(asked, answered)) {
                        differing.add(shown(key) + " " + shown(asked) + " → " + shown(answered));
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            // Not JSON past some point: what was read before stands.
        }
        if (differing.size() <= LISTED) {
            return String.join(", ", differing);
        }
        return String.join(", ", differing.subList(0, LISTED)) + " and " + (differing.size() - LISTED) + " more";
    }

    private static boolean same(String asked, String answered) {
        if (asked.equals(answered)) {
            return true;
        }
        if (asked.length() > VALUE_CHARS || answered.length() > VALUE_CHARS) {
            return false;
        }
        try {
            return new BigDecimal(asked.strip()).compareTo(new BigDecimal(answered.strip())) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String shown(String value) {
        Markdown.Preview preview = Markdown.preview(value, VALUE_CHARS);
        return preview.text().isEmpty() ? "\"\"" : preview.clipped() ? preview.text() + "…" : preview.text();
    }
}
