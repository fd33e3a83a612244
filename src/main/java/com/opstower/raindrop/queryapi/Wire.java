package com.opstower.raindrop.queryapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Query API's JSON bodies, as records. Every field may be missing or null; unknown fields are ignored and
 * open enumerations (span types, statuses) stay strings, so that new upstream values never fail a call.
 */
public final class Wire {

    private Wire() {
    }

    /** A list endpoint's envelope. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page<T>(List<T> data, Meta meta) {
        public List<T> items() {
            return data == null ? List.of() : data;
        }

        /** The page as structured tool data: its items under {@code itemsName}, their count and the next cursor. */
        public Map<String, Object> toData(String itemsName) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put(itemsName, items());
            data.put("count", items().size());
            data.put("has_more", nextCursor() != null);
            data.put("next_cursor", nextCursor());
            return data;
        }

        /** The cursor of the next page, or null when this page is the last. */
        public String nextCursor() {
            if (meta == null || meta.cursor() == null || meta.cursor().isBlank()) {
                return null;
            }
            return Boolean.FALSE.equals(meta.hasMore()) ? null : meta.cursor();
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Meta(String cursor, Boolean hasMore) {
    }

    /** A get-by-id endpoint's envelope. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Single<T>(T data) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Conversation(String id, String userId, String startedAt, String lastMessageAt, Long messageCount,
            List<SignalCount> signals) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SignalCount(String id, String name, Long count) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Event(String id, String eventName, String userId, String convoId, String timestamp, String receivedAt,
            String userInput, String assistantOutput, String model, List<String> topics,
            List<Attachment> inputAttachments, List<Attachment> outputAttachments, List<SignalScore> signals,
            List<ErrorSpan> errorSpans, List<ToolCall> toolCalls, Map<String, Object> featureFlags,
            JsonNode properties) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SignalScore(String id, String name, Double score) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Attachment(String attachmentId, String attachmentType, String name, String value) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ErrorSpan(String spanId, String startedAt, String status, Long durationMs, String spanType,
            String spanName, String outputPayload) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ToolCall(String toolName, String status, Long durationMs, String startedAt, String spanId) {
    }

    /** A signal: what Raindrop detects in events. {@code type} and {@code sentiment} are open enumerations. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Signal(String id, String type, String name, String description, String createdAt, String groupId,
            String groupName, String sentiment) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SignalGroup(String id, String name, String description, String createdAt, Long signalCount) {
    }

    /** What {@code /v1/events/search} adds to each event; read from the same body as the events themselves. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Relevance(String id, Double relevanceScore) {
    }

    /** A search page: the events, and each one's relevance score (null where none was sent) in the same order. */
    public record SearchPage(Page<Event> events, List<Double> scores) {
    }

    /** {@code /v1/events/count}'s {@code data}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Total(Long total) {
    }

    /** {@code /v1/events/timeseries}'s {@code data}: buckets as sent, which may leave out empty ones. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Timeseries(List<Bucket> buckets, Long total) {
        public List<Bucket> items() {
            return buckets == null ? List.of() : buckets;
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Bucket(String timestamp, Long count) {
    }

    /** One value of {@code /v1/events/facets} and how many it counts. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Facet(String value, Long count) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record User(String id, JsonNode traits, String firstSeen, String lastSeen, Long eventCount) {
    }
}
