package com.opstower.raindrop.event;

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
     * The top values of a field with their counts, as many rows as fit {@code maxChars}.
     *
     * @param signalNames signal names by id, to show beside each signal id (empty for other fields)
     */
    static ToolResult facets(List<Facet> facets, String field, CountBy by, EventFilter filter,
            Map<String, String> signalNames, int maxChars) {
        String what = switch (field) {
            case "event_name" -> "event name";
            case "user_id" -> "user";
            default -> "signal";
        };
        if (facets.isEmpty()) {
            String text = "No " + what + "s to count" + EventRenderer.filters(filter)
                    + ".\n\nTry fewer filters or another window.";
            return ToolResult.ok(text, facetData(List.of(), field, by, signalNames));
        }
        String heading = "Top " + count(facets.size(), what) + " by " + by.noun + "s" + EventRenderer.filters(filter)
                + ":\n\n| " + field + " | " + by.noun + "s |\n|---|---:|\n";
        String next = "\nNext: list_events with `" + field + "` set to one of these to read their events, or count_events "
                + "with it and `interval` for its trend.";
        List<String> rows = facets.stream().map(f -> "| " + cell(f.value(), signalNames) + " | "
                + (f.count() == null ? "?" : f.count()) + " |\n").toList();
        int total = rows.size();
        int shown = Markdown.fitting(rows, maxChars - heading.length() - next.length(),
                n -> n == total ? 0 : moreRows(total - n, what).length());
        StringBuilder text = new StringBuilder(maxChars / 4).append(heading);
        rows.subList(0, shown).forEach(text::append);
        text.append(shown < total ? moreRows(total - shown, what) : "").append(next);
        return ToolResult.ok(text.toString(), facetData(facets.subList(0, shown), field, by, signalNames));
    }

    private static String moreRows(int left, String what) {
        return "| … " + count(left, "more " + what) + ", not shown to fit the answer | |\n";
    }

    /** The shown values (names and values as shown) with their counts. */
    private static Map<String, Object> facetData(List<Facet> facets, String field, CountBy by,
            Map<String, String> signalNames) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (Facet f : facets) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("value", Markdown.label(f.value(), null));
            if (signalNames.containsKey(f.value())) {
                value.put("name", Markdown.label(signalNames.get(f.value()), null));
            }
            value.put("count", f.count());
            values.add(value);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("group_by", field);
        data.put("count_by", by.argumentValue());
        data.put("values", values);
        return data;
    }

    /** A table cell: the value as code (a signal id after its name), a pipe escaped so that it cannot end the cell. */
    private static String cell(String value, Map<String, String> signalNames) {
        if (value == null) {
            return "none";
        }
        String name = signalNames.get(value);
        String shown = name == null ? Markdown.codeLabel(value, "(blank)")
                : Markdown.codeLabel(name, "(blank)") + " · " + Markdown.codeLabel(value, "(blank)");
        return shown.replace("|", "\\|");
    }
}
