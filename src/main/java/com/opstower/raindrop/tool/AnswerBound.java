package com.opstower.raindrop.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bound every answer is held to, whatever Raindrop sends: its text at most {@link #MAX_TEXT_CHARS} characters, its
 * data's JSON at most as long, so the whole answer never passes twice the text bound. Tools stay well inside it by
 * design (at most {@link #TOOL_TEXT_CHARS}: get_trace's tree, pages fitted by items, get_event's payloads sharing it;
 * get_span's window at 40,000 plus its summary); this is the net for what they cannot foresee.
 */
public final class AnswerBound {

    /** The text bound: get_span's largest window and its summary fit. */
    public static final int MAX_TEXT_CHARS = 45_000;

    /**
     * What a tool fits its own text to, as get_trace's tree does by default: labels bounded, pages shown by as many
     * items as fit, payloads sharing what is left. Well inside the net, which then never has to cut.
     */
    public static final int TOOL_TEXT_CHARS = 40_000;

    /** Data strings past this are cut first: ids, cursors and URLs are far shorter. */
    static final int MAX_DATA_STRING_CHARS = 2_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerBound() {
    }

    /**
     * {@code capacity} shared among parts that ask for {@code demands}, max-min fair: a part that asks less than an even
     * share gets what it asks, the others split what is left evenly.
     */
    public static int[] fairShares(int[] demands, int capacity) {
        Integer[] bySize = new Integer[demands.length];
        for (int i = 0; i < bySize.length; i++) {
            bySize[i] = i;
        }
        Arrays.sort(bySize, Comparator.comparingInt(i -> demands[i]));
        int[] shares = new int[demands.length];
        int left = Math.max(0, capacity);
        for (int i = 0; i < bySize.length; i++) {
            int part = bySize[i];
            shares[part] = Math.min(demands[part], left / (bySize.length - i));
            left -= shares[part];
        }
        return shares;
    }

    /** The result as it is when it fits; else its text cut at a line, saying so, and its data cut down to fit. */
    public static ToolResult fit(ToolResult result) {
        String text = result.text().length() <= MAX_TEXT_CHARS ? result.text() : cutText(result.text());
        Map<String, Object> data = result.data() == null || jsonLength(result.data()) <= MAX_TEXT_CHARS ? result.data()
                : cutData(result.data());
        return text == result.text() && data == result.data() ? result
                : new ToolResult(text, result.isError(), result.error(), data);
    }

    /** Cut at the last line that fits, an open code fence closed, and a last line that says what to do. */
    static String cutText(String text) {
        String note = "\n**Answer cut** at " + Markdown.count(MAX_TEXT_CHARS, "character") + " of "
                + Markdown.count(text.length(), "character") + ". Next: narrow the call (a smaller `limit`, a filter, or "
                + "the tool that reads one item) to see the rest.\n";
        int room = MAX_TEXT_CHARS - note.length() - 64;
        int cut = text.lastIndexOf('\n', room);
        StringBuilder kept = new StringBuilder(MAX_TEXT_CHARS).append(text, 0, cut < 0 ? room : cut + 1);
        String fence = openFence(kept);
        if (fence != null) {
            kept.append(kept.charAt(kept.length() - 1) == '\n' ? "" : "\n").append(fence).append('\n');
        }
        return kept.append(note).toString();
    }

    /** The fence of a code block left open at the end of {@code text}, or null. */
    private static String openFence(CharSequence text) {
        String open = null;
        for (String line : text.toString().split("\n", -1)) {
            String stripped = line.strip();
            int run = 0;
            while (run < stripped.length() && stripped.charAt(run) == '`') {
                run++;
            }
            if (open == null && run >= 3) {
                open = stripped.substring(0, run);
            } else if (open != null && run >= open.length() && run == stripped.length()) {
                open = null;
            }
        }
        return open;
    }

    /** Long strings cut first, then the longest list halved until the JSON fits; {@code answer_cut} marks it. */
    static Map<String, Object> cutData(Map<String, Object> data) {
        @SuppressWarnings("unchecked")
        Map<String, Object> cut = (Map<String, Object>) shortened(data);
        cut.put("answer_cut", true);
        while (jsonLength(cut) > MAX_TEXT_CHARS) {
            List<Object> longest = longestList(cut, null);
            if (longest == null || longest.isEmpty()) {
                // Nothing left to halve: a program gets the flag, not a broken bound.
                Map<String, Object> flagOnly = new LinkedHashMap<>();
                flagOnly.put("answer_cut", true);
                return flagOnly;
            }
            longest.subList(longest.size() / 2, longest.size()).clear();
        }
        return cut;
    }

    /** A mutable copy, each string cut to {@link #MAX_DATA_STRING_CHARS}. */
    private static Object shortened(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), shortened(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(shortened(item)));
            return copy;
        }
        if (value instanceof String s && s.length() > MAX_DATA_STRING_CHARS) {
            return s.substring(0, MAX_DATA_STRING_CHARS) + "…";
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> longestList(Object value, List<Object> longest) {
        if (value instanceof Map<?, ?> map) {
            for (Object item : map.values()) {
                longest = longestList(item, longest);
            }
        } else if (value instanceof List<?> list) {
            if (longest == null || list.size() > longest.size()) {
                longest = (List<Object>) list;
            }
            for (Object item : list) {
                longest = longestList(item, longest);
            }
        }
        return longest;
    }

    private static int jsonLength(Object data) {
        try {
            return JSON.writeValueAsString(data).length();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tool data that is not JSON", e);
        }
    }
}
