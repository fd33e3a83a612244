package com.opstower.raindrop.trace.compare;

import static com.opstower.raindrop.tool.Markdown.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.opstower.raindrop.queryapi.Wire.Event;
import com.opstower.raindrop.tool.Markdown;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The two events' records beside their traces: what differs among the model, the feature flags and the properties
 * (nested properties by their dotted path, {@code experiment.arm}), and the events' names and users on one line. A
 * record that could not be read leaves the traces' comparison whole and says why. Pure.
 */
public final class EventRecords {

    /** One side's record: the event, or why it could not be read. */
    public record Read(Event event, String failure) {
        public static Read of(Event event) {
            return new Read(event, null);
        }

        public static Read failed(String why) {
            return new Read(null, why);
        }
    }

    /** Characters of a value shown. */
    static final int VALUE_CHARS = 60;
    /** Levels of nested properties compared by path; deeper ones are compared as their JSON text. */
    static final int PROPERTY_DEPTH = 3;
    /** Properties and flags compared at most on each side: a record is an event's, not a data set. */
    static final int MAX_FIELDS = 500;
    /** Characters of a failure shown. */
    static final int FAILURE_CHARS = 300;

    private final Read baseline;
    private final Read run;
    /** The differences, one line each (without the list marker), in the order shown; empty when a side is unread. */
    private final List<String> differences = new ArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    public EventRecords(Read baseline, Read run) {
        this.baseline = baseline;
        this.run = run;
        if (baseline.event() != null && run.event() != null) {
            compare(baseline.event(), run.event());
        }
    }

    private void compare(Event before, Event after) {
        counts.put("model", 0);
        counts.put("feature_flags", 0);
        counts.put("properties", 0);
        if (!Objects.equals(blankToNull(before.model()), blankToNull(after.model()))) {
            differences.add("model " + value(before.model()) + " → " + value(after.model()));
            counts.put("model", 1);
        }
        Map<String, String> flagsBefore = flags(before.featureFlags());
        Map<String, String> flagsAfter = flags(after.featureFlags());
        counts.put("feature_flags", differing("feature flag ", flagsBefore, flagsAfter));
        Map<String, String> propertiesBefore = new LinkedHashMap<>();
        Map<String, String> propertiesAfter = new LinkedHashMap<>();
        flatten("", before.properties(), 1, propertiesBefore);
        flatten("", after.properties(), 1, propertiesAfter);
        counts.put("properties", differing("property ", propertiesBefore, propertiesAfter));
    }

    /** Adds a line for each key whose value differs, in the run's order then the baseline's; returns how many. */
    private int differing(String what, Map<String, String> before, Map<String, String> after) {
        int count = 0;
        Map<String, String> keys = new LinkedHashMap<>(after);
        before.forEach(keys::putIfAbsent);
        for (String key : keys.keySet()) {
            String left = before.get(key);
            String right = after.get(key);
            if (!Objects.equals(left, right)) {
                differences.add(what + Markdown.codeLabel(key, "(blank)") + " " + value(left) + " → " + value(right));
                count++;
            }
        }
        return count;
    }

    private static Map<String, String> flags(Map<String, Object> flags) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (flags != null) {
            for (Map.Entry<String, Object> flag : flags.entrySet()) {
                if (texts.size() == MAX_FIELDS) {
                    break;
                }
                texts.put(flag.getKey(), flag.getValue() == null ? null : String.valueOf(flag.getValue()));
            }
        }
        return texts;
    }

    /** Scalars by their dotted path, objects below {@link #PROPERTY_DEPTH} and arrays as their JSON text. */
    private static void flatten(String prefix, JsonNode node, int depth, Map<String, String> into) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext() && into.size() < MAX_FIELDS; ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && depth < PROPERTY_DEPTH && !value.isEmpty()) {
                flatten(key + ".", value, depth + 1, into);
            } else {
                into.put(key, value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString());
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String value(String value) {
        if (value == null) {
            return "none";
        }
        Markdown.Preview shown = Markdown.preview(value, VALUE_CHARS);
        return code(shown.clipped() ? shown.text() + "…" : shown.text());
    }

    /**
     * The records' part of the answer, at most about {@code maxChars} long: the names and users on one line, then a
     * line per difference while they fit, the others counted; or why a record could not be read.
     */
    String section(int maxChars) {
        StringBuilder text = new StringBuilder(1024).append("**The events' records**");
        if (baseline.event() == null || run.event() == null) {
            text.append(" (model, feature flags, properties) are not compared: ");
            List<String> unread = new ArrayList<>(2);
            if (run.failure() != null) {
                unread.add(failure(run.failure()));
            }
            if (baseline.failure() != null) {
                unread.add(failure(baseline.failure()));
            }
            return text.append(String.join(" ", unread)).append(" The traces are compared below.\n").toString();
        }
        Event before = baseline.event();
        Event after = run.event();
        text.append(": name ").append(pair(before.eventName(), after.eventName())).append(" · user ")
                .append(pair(before.userId(), after.userId()));
        if (differences.isEmpty()) {
            return text.append(" · the same model, feature flags and properties.\n").toString();
        }
        text.append(" · ").append(Markdown.count(differences.size(), "difference"))
                .append(" among model, feature flags and properties:\n");
        int shown = 0;
        for (String line : differences) {
            String more = "- … and " + (differences.size() - shown) + " more\n";
            if (text.length() + line.length() + 3 + more.length() > maxChars && shown < differences.size() - 1) {
                return text.append(more).toString();
            }
            text.append("- ").append(line).append('\n');
            shown++;
        }
        return text.toString();
    }

    private static String failure(String why) {
        Markdown.Preview shown = Markdown.preview(why, FAILURE_CHARS);
        return shown.clipped() ? shown.text() + "…" : shown.text();
    }

    /** {@code `a` in both}, or {@code `a` → `b`}. */
    private static String pair(String before, String after) {
        String left = Markdown.codeLabel(before, "none");
        String right = Markdown.codeLabel(after, "none");
        return left.equals(right) ? left + " in both" : left + " → " + right;
    }

    /** For {@code data}: which records were read, and how many of each kind differ. */
    Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("compared", baseline.event() != null && run.event() != null);
        if (baseline.event() != null && run.event() != null) {
            data.put("differences", counts);
        } else {
            List<String> unread = new ArrayList<>(2);
            if (run.event() == null) {
                unread.add("run");
            }
            if (baseline.event() == null) {
                unread.add("baseline");
            }
            data.put("unread", unread);
        }
        return data;
    }
}
