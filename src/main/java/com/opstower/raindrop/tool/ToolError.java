package com.opstower.raindrop.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The structured half of an error answer. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolError(
        @JsonProperty("code") ErrorCode code,
        @JsonProperty("message") String message,
        @JsonProperty("retryable") boolean retryable,
        @JsonProperty("retry_after_seconds") Long retryAfterSeconds) {
}
