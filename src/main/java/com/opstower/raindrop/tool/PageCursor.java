package com.opstower.raindrop.tool;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a list tool's page starts: the Query API's cursor of an upstream page (null for the first) and how many of
 * that page's items an earlier answer showed already. The Query API's cursor points past a whole page, so an answer
 * that shows only the first items of its page hands out {@code skip:<n>:<cursor>}: the same upstream page read again
 * and its first {@code n} items dropped. Following cursors thus reaches every item once.
 */
public record PageCursor(String upstream, int skip) {

    /** The largest page a list tool asks the Query API for, as its {@code limit} allows. */
    public static final int MAX_PAGE = 100;

    public static final PageCursor FIRST = new PageCursor(null, 0);

    /** The {@code cursor} argument of every list tool. */
    public static final Param PARAM = Param.text("cursor", "The cursor an answer gave, to read on.");

    private static final Pattern SKIPPING = Pattern.compile("skip:(\\d{1,9}):(.*)", Pattern.DOTALL);

    /** The cursor argument as the agent sent it: one an answer made, any other sent upstream as it is, or none. */
    public static PageCursor parse(String argument) {
        if (argument == null) {
            return FIRST;
        }
        Matcher skipping = SKIPPING.matcher(argument);
        if (!skipping.matches()) {
            return new PageCursor(argument, 0);
        }
        int skip = Integer.parseInt(skipping.group(1));
        if (skip < 1 || skip >= MAX_PAGE) {
            throw ToolFailure.invalidArgument("`cursor` skips " + skip + " items of a page; an answer's cursor skips 1 to "
                    + (MAX_PAGE - 1) + ".",
                    "Send the cursor exactly as the last answer gave it, or leave it out to start over.");
        }
        return new PageCursor(skipping.group(2).isEmpty() ? null : skipping.group(2), skip);
    }

    /** The {@code limit} to ask upstream for: the skipped items and {@code limit} more, as far as a page goes. */
    public int upstreamLimit(int limit) {
        return Math.min(MAX_PAGE, skip + limit);
    }

    /** The items of the upstream page this cursor has not shown yet. */
    public <T> List<T> unseen(List<T> page) {
        return page.subList(Math.min(skip, page.size()), page.size());
    }

    /** The cursor of the items left after this one's first {@code shown} unseen items. */
    public String after(int shown) {
        return "skip:" + (skip + shown) + ":" + (upstream == null ? "" : upstream);
    }
}
