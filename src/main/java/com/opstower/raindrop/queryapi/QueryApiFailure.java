package com.opstower.raindrop.queryapi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A Query API call that failed, after whatever retries it was worth: what kind of failure, what the upstream said (its
 * key masked) and how many attempts were made. It states facts only; the tools word them for the agent. Carries no
 * stack trace: it is an outcome, not a bug.
 */
public sealed class QueryApiFailure extends RuntimeException permits ResponseTooLarge {

    /** What went wrong, as the caller should treat it. */
    public enum Kind {
        /** HTTP 401: the key is wrong, revoked or of the wrong kind. */
        KEY_REJECTED,
        /** HTTP 403: the project is archived or unknown. */
        FORBIDDEN,
        /** HTTP 404: no such {@link #resource()} with that {@link #id()}. */
        NOT_FOUND,
        /** HTTP 400: the upstream refused the request; its message says why. */
        BAD_REQUEST,
        /** HTTP 429 after the retries the budget allowed. */
        RATE_LIMITED,
        /** No usable answer after the retries the budget allowed; {@link #reason()} says why. */
        UNAVAILABLE,
        /** An answer that is not what the contract describes; {@link #reason()} says how. */
        BAD_RESPONSE
    }

    /** The symptom behind the kind. */
    public enum Reason {
        /** The HTTP status says it all ({@link #status()}). */
        HTTP_STATUS,
        /** No connection, or no answer within the read timeout. */
        UNREACHABLE,
        /** The call's time budget ({@link #budget()}) ran out. */
        OUT_OF_TIME,
        /** The connection broke before the whole body arrived. */
        CUT_OFF,
        /** A successful answer without a body. */
        EMPTY_BODY,
        /** A body that is the JSON {@code null}. */
        EMPTY_DOCUMENT,
        /** A body that does not parse as the JSON expected. */
        NOT_CONTRACT_JSON,
        /** A single-object body without {@code data}. */
        NO_DATA,
        /** A body longer than allowed ({@link ResponseTooLarge}). */
        TOO_LARGE
    }

    private final Kind kind;
    private final Reason reason;
    private final int status;
    private final String upstreamMessage;
    private final String resource;
    private final String id;
    private final int attempts;
    private final boolean stoppedByBudget;
    private final Duration retryAfter;
    private final Duration budget;
    private final boolean budgetCutByDeadline;

    QueryApiFailure(Kind kind, Reason reason, int status, String upstreamMessage, String resource, String id,
            int attempts, boolean stoppedByBudget, Duration retryAfter, Duration budget, boolean budgetCutByDeadline) {
        super(kind + " " + reason + (status == 0 ? "" : " HTTP " + status) + (resource == null ? "" : " from " + resource),
                null, false, false);
        this.kind = Objects.requireNonNull(kind);
        this.reason = Objects.requireNonNull(reason);
        this.status = status;
        this.upstreamMessage = upstreamMessage;
        this.resource = resource;
        this.id = id;
        this.attempts = attempts;
        this.stoppedByBudget = stoppedByBudget;
        this.retryAfter = retryAfter;
        this.budget = budget;
        this.budgetCutByDeadline = budgetCutByDeadline;
    }

    /** The same failure as reported after {@code attempts}, with the wait the upstream or the retry policy advises. */
    QueryApiFailure afterRetries(int attempts, boolean stoppedByBudget, Duration retryAfter) {
        return new QueryApiFailure(kind, reason, status, upstreamMessage, resource, id, attempts, stoppedByBudget,
                retryAfter, budget, budgetCutByDeadline);
    }

    public Kind kind() {
        return kind;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status of the answer, 0 when there was none. */
    public int status() {
        return status;
    }

    /** The human part of the upstream's error body, whitespace folded, clipped, the key masked; empty without one. */
    public Optional<String> upstreamMessage() {
        return Optional.ofNullable(upstreamMessage);
    }

    /**
     * What was asked for: {@code conversations}, {@code conversation}, {@code events}, {@code event}, {@code trace};
     * null for a body found too large as it was read.
     */
    public String resource() {
        return resource;
    }

    /** The id asked for, for a get by id. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** Requests made, the first one included; 0 for a body found too large as it was read ({@link ResponseTooLarge}). */
    public int attempts() {
        return attempts;
    }

    /** Whether attempts were left but the next wait would have passed the call's time budget. */
    public boolean stoppedByBudget() {
        return stoppedByBudget;
    }

    /** How long to wait before calling again: the upstream's Retry-After, or for a rate limit without one the longest backoff. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * The call's time budget, retries and waits included: {@code raindrop.retry.budget}, or less when the invocation's
     * deadline left less ({@link #budgetCutByDeadline()}).
     */
    public Duration budget() {
        return budget;
    }

    /** Whether the invocation's deadline, not {@code raindrop.retry.budget}, set this call's budget. */
    public boolean budgetCutByDeadline() {
        return budgetCutByDeadline;
    }
}
