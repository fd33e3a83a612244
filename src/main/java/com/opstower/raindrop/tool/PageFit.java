package com.opstower.raindrop.tool;

import static com.opstower.raindrop.tool.Markdown.count;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * How much of a page an answer shows: the first {@code shown} of the page's {@code total} unseen items, as many as fit
 * the answer, as get_trace's tree fits spans; and the cursor that continues from the first item not shown (the Query
 * API's own when the whole page is shown, else a {@link PageCursor#after skipping} one), null when the listing ends.
 */
public record PageFit(int shown, int total, String nextCursor) {

    /**
     * The most items that fit {@code maxChars} with their frame, in order; at least one, so that a listing always moves
     * on.
     *
     * @param items        each unseen item as the answer shows it
     * @param start        the cursor this page was read from
     * @param upstreamNext the Query API's cursor after the page, or null on the last page
     * @param frameLength  the length of everything the answer shows beside the items, for a given fit
     */
    public static PageFit of(List<String> items, int maxChars, PageCursor start, String upstreamNext,
            ToIntFunction<PageFit> frameLength) {
        int total = items.size();
        int shown = Markdown.fitting(items, maxChars, n -> frameLength.applyAsInt(at(n, total, start, upstreamNext)));
        return at(shown, total, start, upstreamNext);
    }

    private static PageFit at(int shown, int total, PageCursor start, String upstreamNext) {
        return new PageFit(shown, total, shown < total ? start.after(shown) : upstreamNext);
    }

    /** Where an answer with nothing to show stands: {@code left on this page}, {@code on this page} or {@code matched}. */
    public static String emptyScope(PageCursor start, String upstreamNext) {
        return start.skip() > 0 ? "left on this page" : upstreamNext != null ? "on this page" : "matched";
    }

    /**
     * What an answer with nothing to show says next: how to read on, that the listing has ended, or on a first page
     * {@code tryNext}.
     */
    public static String afterEmpty(String tool, String noun, String same, PageCursor start, String upstreamNext,
            String tryNext) {
        if (upstreamNext != null) {
            return new PageFit(0, 0, upstreamNext).nextLine(tool, noun, same);
        }
        return start.equals(PageCursor.FIRST) ? tryNext : "This cursor's page is empty: the listing has ended.";
    }

    /** Whether items of the page were left out to fit the answer. */
    public boolean cut() {
        return shown < total;
    }

    /** {@code Showing 14 of 20 events on this page}, {@code 20 events on this page}, or on the last page {@code 20 events}. */
    public String heading(String noun) {
        if (cut()) {
            return "Showing " + shown + " of " + count(total, noun) + " on this page";
        }
        return count(total, noun) + (nextCursor == null ? "" : " on this page");
    }

    /**
     * The line that says how to go on, ending in a newline, or nothing when the listing ends here.
     *
     * @param same what else the next call repeats, such as {@code " and the same filters"}
     */
    public String nextLine(String tool, String noun, String same) {
        if (nextCursor == null) {
            return "";
        }
        String call = "call " + tool + " again with `cursor: \"" + nextCursor + "\"`" + same;
        if (cut()) {
            return "The other " + count(total - shown, noun) + " of this page did not fit this answer: " + call
                    + " to read on from the first one not shown.\n";
        }
        return "More " + noun + "s match: " + call + ".\n";
    }
}
