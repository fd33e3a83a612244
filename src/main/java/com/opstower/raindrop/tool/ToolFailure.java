package com.opstower.raindrop.tool;

import java.util.Objects;

/**
 * A failure the agent can act on: what went wrong and what to try next. Thrown anywhere below a tool and
 * turned into an error {@link ToolResult} in one place. Carries no stack trace: it is an answer, not a bug.
 */
public final class ToolFailure extends RuntimeException {

    private final ErrorCode code;
    private final String nextStep;
    private final Long retryAfterSeconds;

    public ToolFailure(ErrorCode code, String message, String nextStep) {
        this(code, message, nextStep, null);
    }

    public ToolFailure(ErrorCode code, String message, String nextStep, Long retryAfterSeconds) {
        super(Objects.requireNonNull(message), null, false, false);
        this.code = Objects.requireNonNull(code);
        this.nextStep = Objects.requireNonNull(nextStep);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ToolFailure invalidArgument(String message, String nextStep) {
        return new ToolFailure(ErrorCode.INVALID_ARGUMENT, message, nextStep);
    }

    public ErrorCode code() {
        return code;
    }

    public String nextStep() {
        return nextStep;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
