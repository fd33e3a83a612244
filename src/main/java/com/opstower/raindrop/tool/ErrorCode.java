package com.opstower.raindrop.tool;

/** Every way a tool call can fail, as the agent and workflow engines see it. */
public enum ErrorCode {
    INVALID_ARGUMENT(false),
    MISSING_CREDENTIALS(false),
    AUTH_FAILED(false),
    FORBIDDEN(false),
    NOT_FOUND(false),
    RATE_LIMITED(true),
    DATE_RANGE_LIMIT(false),
    UPSTREAM_UNAVAILABLE(true),
    UPSTREAM_BAD_RESPONSE(true),
    TRACE_TOO_LARGE(false),
    STORAGE_UNAVAILABLE(true),
    INTERNAL(false);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether the same call may succeed if simply made again later. */
    public boolean retryable() {
        return retryable;
    }
}
