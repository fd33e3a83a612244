package com.opstower.raindrop.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Query API's objects as the sample workspace holds and serves them. They follow the upstream contract
 * ({@code raindrop-api.md}), not the client's own wire records, so that the stand-in checks the client instead of
 * mirroring it. Fields the contract marks nullable are always written, null included; optional ones are left out
 * when absent or empty, as upstream does.
 */
public final class SampleModel {

    private SampleModel() {
    }

    @JsonInclude(Include.NON_EMPTY)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Conversation(String id, @JsonInclude(Include.ALWAYS) String userId, Instant startedAt,
            Instant lastMessageAt, int messageCount, List<SignalCount> signals) {
    }

    /** How many of a conversation's events carry one signal. */
    public record SignalCount(String id, String name, int count) {
    }

    @JsonInclude(Include.NON_EMPTY)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Event(String id, String eventName, @JsonInclude(Include.ALWAYS) String userId,
            @JsonInclude(Include.ALWAYS) String convoId, Instant timestamp, Instant receivedAt,
            @JsonInclude(Include.ALWAYS) String userInput, @JsonInclude(Include.ALWAYS) String assistantOutput,
            String model, List<String> topics, List<Attachment> inputAttachments, List<Attachment> outputAttachments,
            List<SignalScore> signals, List<ErrorSpan> errorSpans, List<ToolCall> toolCalls,
            Map<String, String> featureFlags, Map<String, Object> properties) {

        boolean hasSignal(String signalId) {
            return signals.stream().anyMatch(s -> s.id().equals(signalId));
        }
    }

    public record SignalScore(String id, String name, double score) {
    }

    @JsonInclude(Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Attachment(String attachmentId, String attachmentType, String name, String value) {
    }

    /** Every field is optional in the contract: one the span lacks (an HTTP span has no output) is left out. */
    @JsonInclude(Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ErrorSpan(String spanId, Instant startedAt, String status, long durationMs, String spanType,
            String spanName, String outputPayload) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ToolCall(String toolName, String status, long durationMs, Instant startedAt, String spanId) {
    }

    /** An event as {@code /v1/events/search} answers it: the event's fields and how well it matched. */
    public record SearchHit(@JsonUnwrapped Event event, @JsonProperty("relevance_score") double relevanceScore) {
    }

    /** A signal definition of {@code /v1/signals}; {@code type} is lowercase, {@code sentiment} uppercase, as upstream. */
    @JsonInclude(Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Signal(String id, String type, String name, String description, Instant createdAt, String groupId,
            String groupName, String sentiment) {
    }

    @JsonInclude(Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SignalGroup(String id, String name, String description, String orgId, Instant createdAt,
            Instant updatedAt, int signalCount) {
    }

    /** An end user as the events show them: traits from their first event, first and last seen, how many events. */
    @JsonInclude(Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record User(String id, Map<String, Object> traits, Instant firstSeen, Instant lastSeen, int eventCount) {
    }

    /** One span of {@code /v1/traces}; times are nanoseconds since the epoch. Every field is always written. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Span(String traceId, String spanId, String parentSpanId, String spanName, String spanType,
            String status, long startTimeNs, long endTimeNs, long durationNs, String input, String output,
            Long inputTokens, Long outputTokens, String model, String provider, Map<String, Object> attributes) {

        /** This span with {@code input} and {@code output} cut to at most {@code maxChars} characters, as {@code trunc_len} asks. */
        Span truncated(int maxChars) {
            return new Span(traceId, spanId, parentSpanId, spanName, spanType, status, startTimeNs, endTimeNs,
                    durationNs, cut(input, maxChars), cut(output, maxChars), inputTokens, outputTokens, model,
                    provider, attributes);
        }

        /** Cuts on code points, so that a surrogate pair is never split in half. */
        private static String cut(String text, int maxChars) {
            if (text == null || text.codePointCount(0, text.length()) <= maxChars) {
                return text;
            }
            return text.substring(0, text.offsetByCodePoints(0, maxChars));
        }
    }
}
