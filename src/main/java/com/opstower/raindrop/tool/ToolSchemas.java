package com.opstower.raindrop.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of a tool's arguments, derived from the same {@link Param}s that {@link Args}
 * validates with, so that what a tool announces and what it accepts cannot drift apart.
 *
 * <p>The schema describes the arguments alone: the HTTP and Lambda calling convention also accepts a
 * {@code connection} object beside them, which MCP clients replace with request headers. A few checks only the tool
 * itself can make (see {@link #RUNTIME_ONLY_CHECKS}); the schema never refuses what the tool would accept in its
 * canonical form.
 */
public final class ToolSchemas {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** ISO-8601: a date, or a date and time with seconds optional, fractions optional, and a Z or ±hh:mm offset. */
    static final String TIMESTAMP_PATTERN =
            "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$";

    /** What the tools refuse that no schema keyword here expresses. */
    public static final List<String> RUNTIME_ONLY_CHECKS = List.of(
            "strings that are empty once trimmed (whitespace only)",
            "strings with control characters",
            "calendar dates that do not exist, such as 2026-02-30",
            "an `*_after` time that is not earlier than its `*_before` time",
            "list_events and search_events windows longer than 14 days (DATE_RANGE_LIMIT)",
            "`properties` names with brackets or control characters, unknown operators and values of the wrong type",
            "`interval` together with `group_by` in count_events",
            "signal and signal group names the workspace does not have",
            "the same event as `event_id` and `baseline_event_id` of compare_traces");

    private ToolSchemas() {
    }

    /** The schema of a tool's arguments, as an ordered JSON object. */
    public static Map<String, Object> inputSchema(ToolSpec spec) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Param param : spec.params()) {
            properties.put(param.name(), property(param));
            if (param.required()) {
                required.add(param.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DIALECT);
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    static Map<String, Object> property(Param param) {
        Map<String, Object> property = new LinkedHashMap<>();
        switch (param.kind()) {
            case ID -> string(property, param.description(), Args.MAX_ID_LENGTH);
            case TEXT -> string(property, param.description(), Args.MAX_TEXT_LENGTH);
            case TEXTS -> {
                Map<String, Object> text = string(new LinkedHashMap<>(), null, Args.MAX_TEXT_LENGTH);
                Map<String, Object> list = new LinkedHashMap<>();
                list.put("type", "array");
                list.put("items", text);
                list.put("minItems", 1);
                list.put("maxItems", param.max());
                property.put("description", param.description());
                property.put("anyOf", List.of(text, list));
            }
            case TIMESTAMP -> {
                property.put("type", "string");
                property.put("description", param.description()
                        + " ISO-8601: 2026-11-20T09:00:00Z, or 2026-11-20 for midnight UTC.");
                property.put("pattern", TIMESTAMP_PATTERN);
            }
            case INTEGER -> {
                property.put("type", "integer");
                property.put("description", param.description());
                property.put("minimum", param.min());
                property.put("maximum", param.max());
            }
            case BOOLEAN -> {
                property.put("type", "boolean");
                property.put("description", param.description());
            }
            case CHOICE -> {
                property.put("type", "string");
                property.put("description", param.description());
                property.put("enum", param.allowed());
            }
            case OBJECTS -> {
                property.put("type", "array");
                property.put("description", param.description());
                property.put("items", Map.of("type", "object"));
                property.put("maxItems", param.max());
            }
            case OBJECT -> {
                property.put("type", "object");
                property.put("description", param.description());
                property.put("maxProperties", param.max());
            }
        }
        if (param.defaultValue() != null) {
            property.put("default", param.defaultValue());
        }
        return property;
    }

    /** A non-empty string of at most {@code maxLength} characters, described unless {@code description} is null. */
    private static Map<String, Object> string(Map<String, Object> schema, String description, int maxLength) {
        schema.put("type", "string");
        if (description != null) {
            schema.put("description", description);
        }
        schema.put("minLength", 1);
        schema.put("maxLength", maxLength);
        return schema;
    }
}
