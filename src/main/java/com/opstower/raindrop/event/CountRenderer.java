package com.opstower.raindrop.event;

import static com.opstower.raindrop.tool.Markdown.code;
import static com.opstower.raindrop.tool.Markdown.count;

import com.opstower.raindrop.queryapi.Queries.EventFilter;
import com.opstower.raindrop.queryapi.Wire.Bucket;
import com.opstower.raindrop.queryapi.Wire.Facet;
import com.opstower.raindrop.queryapi.Wire.Timeseries;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.ToolResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the agent reads about counts: a total, a time series, or the top values of a field. Pure. */
public final class CountRenderer {

    private static final String SPARKS = "▁▂▃▄▅▆▇█";
    private static final String READ_THEM = "list_events with the same filters to read the events";

    private CountRenderer() {
    }

    static ToolResult total(long total, CountBy by, EventFilter filter) {
        String text = count(total, by.noun) + (by == CountBy.EVENTS ? " match" : " with matching events")
                + EventRenderer.filters(filter) + ".\n\n"
                + "Next: count_events with `interval` (such as \"day\") for the trend, or `group_by` for the top event "
                + "names, users or signals; " + READ_THEM + ".";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("total", total);
        data.put("count_by", by.argumentValue());
        return ToolResult.ok(text, data);
    }

    /** Every bucket of the timeline, those the Query API left out as 0; a bucket it sends off the grid joins the one holding it. */
    static ToolResult timeseries(Timeseries series, Timeline timeline, EventFilter filter) {
        long[] counts = new long[timeline.starts().size()];
        for (Bucket bucket : series.items()) {
            Instant at = Markdown.instant(bucket.timestamp());
            int index = at == null || bucket.count() == null ? -1 : timeline.indexOf(at);
            if (index >= 0) {
                counts[index] += bucket.count();
            }
        }
        long total = 0;
        long max = 0;
        for (long c : counts) {
            total += c;
            max = Math.max(max, c);
        }
        Timeline.Interval interval = timeline.interval();
        String unit = interval.wireName();
        StringBuilder text = new StringBuilder(256 + counts.length * 40);
        text.append("Events per ").append(unit).append(EventRenderer.filters(filter)).append(": ")
                .append(count(total, "event")).append(" in ").append(count(counts.length, unit)).append(".\n");
        if (timeline.coarsenedFrom() != null) {
            text.append("\n`interval: \"").append(timeline.coarsenedFrom().wireName())
                    .append("\"` would give more buckets than shown at once: counted per ").append(unit)
                    .append(" instead. For finer buckets, narrow the window.\n");
        }
        text.append('\n').append(sparkline(counts, max)).append("\n\n")
                .append("| ").append(unit).append(" (UTC) | events |\n|---|---:|\n");
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            Instant start = timeline.starts().get(i);
            text.append("| ").append(interval.label(start)).append(" | ").append(counts[i]).append(" |\n");
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("start", start.toString());
            bucket.put("count", counts[i]);
            buckets.add(bucket);
        }
        text.append("\nNext: ").append(READ_THEM).append(" of one bucket: its start as `timestamp_after`, the next one's "
                + "as `timestamp_before` (at most 14 days).");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("interval", unit);
        data.put("coarsened_from", timeline.coarsenedFrom() == null ? null : timeline.coarsenedFrom().wireName());
        data.put("total", total);
        data.put("buckets", buckets);
        return ToolResult.ok(text.toString(), data);
    }

    /** One character per bucket, its height by count; an empty bucket is the lowest mark, any other is higher. */
    static String sparkline(long[] counts, long max) {
        StringBuilder line = new StringBuilder(counts.length);
        for (long c : counts) {
            line.append(c == 0 ? SPARKS.charAt(0) : SPARKS.charAt(1 + (int) Math.round((double) c / max * (SPARKS.length() - 2))));
        }
        return line.toString();
    }

    /**
     * The top values of a field with their counts.
     *
     * @param signalNames signal names by id, to show beside each signal id (empty for other fields)
     */
    static ToolResult facets(List<Facet> facets, String field, CountBy by, EventFilter filter, Map<String, String> signalNames) {
        StringBuilder text = new StringBuilder(256 + facets.size() * 80);
        String what = switch (field) {
            case "event_name" -> "event names";
            case "user_id" -> "users";
            default -> "signals";
        };
        if (facets.isEmpty()) {
            text.append("No ").append(what).append(" to count").append(EventRenderer.filters(filter)).append(".\n\n")
                    .append("Try fewer filters or another window.");
        } else {
            text.append("Top ").append(count(facets.size(), field.equals("event_name") ? "event name"
                            : field.equals("user_id") ? "user" : "signal"))
                    .append(" by ").append(by.noun).append("s").append(EventRenderer.filters(filter)).append(":\n\n")
                    .append("| ").append(field).append(" | ").append(by.noun).append("s |\n|---|---:|\n");
            for (Facet f : facets) {
                text.append("| ").append(cell(f.value(), signalNames)).append(" | ")
                        .append(f.count() == null ? "?" : f.count()).append(" |\n");
            }
            text.append("\nNext: list_events with `").append(field).append("` set to one of these to read their events, "
                    + "or count_events with it and `interval` for its trend.");
        }
        List<Map<String, Object>> values = new ArrayList<>();
        for (Facet f : facets) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("value", f.value());
            if (signalNames.containsKey(f.value())) {
                value.put("name", signalNames.get(f.value()));
            }
            value.put("count", f.count());
            values.add(value);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("group_by", field);
        data.put("count_by", by.argumentValue());
        data.put("values", values);
        return ToolResult.ok(text.toString(), data);
    }

    /** A table cell: the value as code (a signal id after its name), a pipe escaped so that it cannot end the cell. */
    private static String cell(String value, Map<String, String> signalNames) {
        if (value == null) {
            return "none";
        }
        String name = signalNames.get(value);
        String shown = name == null ? code(value) : code(name) + " · " + code(value);
        return shown.replace("|", "\\|");
    }
}
