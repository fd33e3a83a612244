package com.opstower.raindrop.event;

import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.ToolFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time window of {@code timestamp_after} and {@code timestamp_before}, checked before any call. Either may be null. */
record EventWindow(Instant after, Instant before) {

    /** The window, its ends in order. */
    static EventWindow of(Args args) {
        Instant after = args.instant("timestamp_after").orElse(null);
        Instant before = args.instant("timestamp_before").orElse(null);
        if (after != null && before != null && !after.isBefore(before)) {
            throw ToolFailure.invalidArgument("`timestamp_after` must be earlier than `timestamp_before`.",
                    "Swap the two times, or leave one of them out.");
        }
        return new EventWindow(after, before);
    }

    /** The window, at most {@code maxWindow} wide (an open one ends now): the Query API refuses wider ones. */
    static EventWindow bounded(Args args, Duration maxWindow, Instant now, String tool) {
        EventWindow window = of(args);
        Instant after = window.after();
        Instant before = window.before();
        if (after != null) {
            Instant end = before == null ? now : before;
            if (Duration.between(after, end).compareTo(maxWindow) > 0) {
                // An open window ends "now", which moves on before the agent calls again: leave it up to an hour of slack.
                Instant suggestedAfter = before == null
                        ? end.minus(maxWindow).truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS)
                        : before.minus(maxWindow);
                throw new ToolFailure(ErrorCode.DATE_RANGE_LIMIT,
                        "The window from " + Markdown.utc(after) + " to " + (before == null ? "now" : Markdown.utc(before))
                                + " spans " + Duration.between(after, end).toDays() + " days; Raindrop allows at most "
                                + maxWindow.toDays() + " days.",
                        "Call " + tool + " with `timestamp_after: \"" + suggestedAfter + "\"`"
                                + (before == null ? "" : " and `timestamp_before: \"" + before + "\"`")
                                + ", or page back through earlier windows of at most " + maxWindow.toDays() + " days.");
            }
        }
        return window;
    }
}
