package com.opstower.raindrop.trace.tree;

import com.opstower.raindrop.tool.Markdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A focused span's attributes as one item under its line, {@code - attributes: `cache.hit=true · cache.key=…`}: each
 * key with its value in the body's order, a long value as its start and its length, as many as the budget holds, then
 * how many are left (get_span reads them all). A focus is asked for few spans, whose attributes often hold the
 * evidence (a cache key, a status code) that would otherwise cost a get_span each.
 */
final class AttributeItem {

    /** Characters of a value shown whole; a longer one shows its first {@link #VALUE_HEAD} and its length. */
    static final int VALUE_LENGTH = 80;
    static final int VALUE_HEAD = 40;
    private static final String SEPARATOR = " · ";
    private static final String PREFIX = "- attributes: ";

    private AttributeItem() {
    }

    /** The item within {@code budget} characters (the first pair always); null for a span without attributes. */
    static String of(Map<String, String> attributes, int budget) {
        if (attributes.isEmpty()) {
            return null;
        }
        List<String> pairs = new ArrayList<>(attributes.size());
        attributes.forEach((key, value) -> pairs.add(Markdown.label(key, "(blank)") + "=" + value(value)));
        int total = pairs.size();
        int shown = Markdown.fitting(pairs, budget - PREFIX.length() - 2,
                n -> SEPARATOR.length() * (n - 1) + (n == total ? 0 : more(total - n).length()));
        StringBuilder item = Markdown.appendCode(new StringBuilder(budget + 32).append(PREFIX),
                String.join(SEPARATOR, pairs.subList(0, shown)));
        return shown == total ? item.toString() : item.append(more(total - shown)).toString();
    }

    private static String more(int left) {
        return " and " + left + " more";
    }

    private static String value(String value) {
        if (value == null) {
            return "null";
        }
        Markdown.Preview shown = Markdown.preview(value, VALUE_LENGTH);
        if (!shown.clipped()) {
            return shown.text();
        }
        return Markdown.preview(value, VALUE_HEAD).text() + "… (" + Markdown.grouped(value.length()) + " chars)";
    }
}
