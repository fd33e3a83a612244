package com.opstower.raindrop.tool;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * What every tool answers: markdown for the agent, and the same result structured for workflow engines.
 * A tool that ran answers HTTP 200 with this envelope, also when it reports an error.
 */
@RegisterForReflection
public record ToolResult(
        @JsonProperty("text") String text,
        @JsonProperty("is_error") boolean isError,
        @JsonProperty("error") ToolError error,
        @JsonProperty("data") Map<String, Object> data) {

    public static ToolResult ok(String text, Map<String, Object> data) {
        return new ToolResult(text, false, null, data);
    }

    public static ToolResult failed(ToolFailure failure) {
        ErrorCode code = failure.code();
        String text = "**Error " + code + ":** " + failure.getMessage() + "\n\nNext step: " + failure.nextStep()
                + (failure.retryAfterSeconds() == null ? "" : "\n\nRetry after: " + failure.retryAfterSeconds() + " s");
        return new ToolResult(text, true,
                new ToolError(code, failure.getMessage(), code.retryable(), failure.retryAfterSeconds()), null);
    }
}
