package com.opstower.raindrop.tool;

import com.opstower.raindrop.queryapi.QueryApiFailure;
import com.opstower.raindrop.queryapi.ResponseTooLarge;
import java.time.Duration;
import java.util.regex.Pattern;

/** Words the Query API client's failures for the agent: what went wrong, what to try next, when to retry. */
public final class QueryApiFailures {

    /** A 400 whose message speaks of dates or a window is about the time range the agent asked for. */
    private static final Pattern DATE_RANGE = Pattern.compile("(?i)date|range|window|days?\\b|timestamp");

    private QueryApiFailures() {
    }

    public static ToolFailure toToolFailure(QueryApiFailure failure) {
        String detail = failure.upstreamMessage().filter(m -> !m.isEmpty()).map(m -> ": " + m).orElse("");
        return switch (failure.kind()) {
            case KEY_REJECTED -> new ToolFailure(ErrorCode.AUTH_FAILED,
                    "Raindrop rejected the API key (HTTP 401" + detail + ").",
                    "Check that the connection's key is an org API key (not an ingest write key), that it is not revoked, "
                            + "and that it belongs to the right workspace. Regenerate it in Raindrop under Settings > API Keys "
                            + "and update the connection.");
            case FORBIDDEN -> new ToolFailure(ErrorCode.FORBIDDEN,
                    "Raindrop refused access to the project (HTTP 403" + detail + "): it is archived or unknown.",
                    "Check the connection's project_id against the projects in Raindrop, or leave it out to use the Production project.");
            case NOT_FOUND -> new ToolFailure(ErrorCode.NOT_FOUND,
                    "Raindrop has no " + failure.resource() + failure.id().map(id -> " with id `" + id.replace('`', '\'') + "`").orElse("")
                            + " (HTTP 404" + detail + ").",
                    "Check the id: copy it exactly from list_conversations or list_events. If it is right, the "
                            + failure.resource() + " may belong to another project than this connection's.");
            case BAD_REQUEST -> failure.upstreamMessage().filter(m -> DATE_RANGE.matcher(m).find()).isPresent()
                    ? new ToolFailure(ErrorCode.DATE_RANGE_LIMIT, "Raindrop refused the time window (HTTP 400" + detail + ").",
                            "Narrow the window to at most 14 days: give both timestamp_after and timestamp_before, 14 days apart or less.")
                    : ToolFailure.invalidArgument("Raindrop refused the request (HTTP 400" + detail + ").",
                            "Check the arguments named in the message and call again; project_id must be a lowercase slug.");
            case RATE_LIMITED -> new ToolFailure(ErrorCode.RATE_LIMITED,
                    "Raindrop is rate limiting this API key (HTTP 429)." + tried(failure),
                    "Wait before calling again, and make fewer calls at once (Raindrop allows about 400 requests a minute per key).",
                    retryAfterSeconds(failure));
            case UNAVAILABLE -> new ToolFailure(ErrorCode.UPSTREAM_UNAVAILABLE,
                    "The Raindrop Query API " + unavailable(failure, detail) + "." + tried(failure),
                    "Try again in a minute; if it keeps failing, check Raindrop's status page.", retryAfterSeconds(failure));
            case BAD_RESPONSE -> new ToolFailure(ErrorCode.UPSTREAM_BAD_RESPONSE,
                    "The Raindrop Query API answered with " + badResponse(failure, detail) + ", not the JSON its contract describes.",
                    "Try again later; if it persists, the API may have changed: report it with the tool name and arguments.");
        };
    }

    private static String unavailable(QueryApiFailure failure, String detail) {
        return switch (failure.reason()) {
            case HTTP_STATUS -> "answered HTTP " + failure.status() + detail;
            case OUT_OF_TIME -> "did not answer in time: " + budget(failure, true) + " ran out";
            case CUT_OFF -> "closed the connection before the whole answer arrived";
            default -> "could not be reached or did not answer in time";
        };
    }

    private static String badResponse(QueryApiFailure failure, String detail) {
        return switch (failure.reason()) {
            case HTTP_STATUS -> "HTTP " + failure.status() + detail;
            case EMPTY_BODY -> "an empty body";
            case EMPTY_DOCUMENT -> "an empty JSON document";
            case NO_DATA -> "a body without `data`";
            case TOO_LARGE -> "a body larger than " + ((ResponseTooLarge) failure).limitBytes() + " bytes";
            default -> "a body that is not the expected JSON";
        };
    }

    private static String tried(QueryApiFailure failure) {
        int attempts = failure.attempts();
        return " Tried " + attempts + (attempts == 1 ? " time" : " times")
                + (failure.stoppedByBudget() ? ", and the next wait would pass " + budget(failure, false) + "." : ".");
    }

    /** The call's time budget, and whether the invocation's deadline cut it. */
    private static String budget(QueryApiFailure failure, boolean withLength) {
        return "this call's time budget" + (withLength ? " of " + seconds(failure.budget()) : "")
                + (failure.budgetCutByDeadline() ? " (what this invocation had left before its deadline)" : "");
    }

    /** Whole seconds, rounded up, at least 1; none when neither the upstream nor the retry policy advised a wait. */
    private static Long retryAfterSeconds(QueryApiFailure failure) {
        return failure.retryAfter().map(d -> Math.max(1, (d.toMillis() + 999) / 1000)).orElse(null);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
