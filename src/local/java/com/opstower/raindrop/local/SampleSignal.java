package com.opstower.raindrop.local;

import java.util.Arrays;
import java.util.Optional;

/**
 * The sample workspace's signal catalog, as {@code /v1/signals} and {@code /v1/signal-groups} serve it. Ids are
 * fixed UUIDs (the first two are the ones in the shared API examples), so that a test or a person can filter events
 * with {@code signal=<id>} across runs. Creation times are days before the workspace's {@code now}, well before any
 * of its events.
 */
public enum SampleSignal {

    USER_FRUSTRATION("3d6f7a52-9a0e-4a8e-9a37-1f2b8c0d4e11", "user_frustration", Type.TOPIC, Sentiment.NEGATIVE,
            Group.CUSTOMER_EXPERIENCE, "The user is annoyed, repeats a request or asks for a human.", 112),
    POSITIVE_FEEDBACK("6a0e2c41-7f3b-4d8e-b1a9-0c5d7e9f2a34", "positive_feedback", Type.TOPIC, Sentiment.POSITIVE,
            Group.CUSTOMER_EXPERIENCE, "The user thanks the assistant or says the problem is solved.", 112),
    TOOL_FAILURE("b1c9e0f4-22aa-4f71-8d0e-5c3a9b7e6d20", "tool_failure", Type.INSTRUMENTED, Sentiment.NEGATIVE,
            Group.RELIABILITY, "A tool call of the turn ended with status ERROR.", 98),
    HALLUCINATION("e4b2a9c7-1d3f-4a6b-8e5c-9f0a1b2c3d45", "hallucination", Type.TOPIC, Sentiment.NEGATIVE,
            Group.RELIABILITY, "The answer states an order, policy or price that no tool returned.", 64),
    REFUND_REQUEST("8c7d1e2f-3a4b-4c5d-9e6f-a0b1c2d3e456", "refund_request", Type.REGEX, Sentiment.NEUTRAL,
            Group.REVENUE, null, 41);

    /** How Raindrop detects a signal; written lowercase, as the contract spells it. */
    public enum Type { TOPIC, REGEX, INSTRUMENTED }

    public enum Sentiment { NEGATIVE, POSITIVE, NEUTRAL }

    private final String id;
    private final String signalName;
    private final Type type;
    private final Sentiment sentiment;
    private final Group group;
    private final String description;
    private final int createdDaysAgo;

    SampleSignal(String id, String signalName, Type type, Sentiment sentiment, Group group, String description,
            int createdDaysAgo) {
        this.id = id;
        this.signalName = signalName;
        this.type = type;
        this.sentiment = sentiment;
        this.group = group;
        this.description = description;
        this.createdDaysAgo = createdDaysAgo;
    }

    public String id() {
        return id;
    }

    /** The name Raindrop shows, e.g. {@code user_frustration}. */
    public String signalName() {
        return signalName;
    }

    public Type type() {
        return type;
    }

    public Sentiment sentiment() {
        return sentiment;
    }

    public Group group() {
        return group;
    }

    /** What the signal means, or null: Raindrop leaves a regex signal's description empty unless someone writes one. */
    public String description() {
        return description;
    }

    int createdDaysAgo() {
        return createdDaysAgo;
    }

    static Optional<SampleSignal> byId(String id) {
        return Arrays.stream(values()).filter(signal -> signal.id.equalsIgnoreCase(id)).findFirst();
    }

    /** Signal groups, filtered on with {@code signal_group=<id>}; a group counts the union of its signals. */
    public enum Group {
        CUSTOMER_EXPERIENCE("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "Customer experience",
                "How shoppers feel about the assistant.", 120, 30),
        RELIABILITY("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "Reliability",
                "Failed tools and made-up answers.", 100, 12),
        REVENUE("9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4", "Revenue", null, 45, 45);

        private final String id;
        private final String groupName;
        private final String description;
        private final int createdDaysAgo;
        private final int updatedDaysAgo;

        Group(String id, String groupName, String description, int createdDaysAgo, int updatedDaysAgo) {
            this.id = id;
            this.groupName = groupName;
            this.description = description;
            this.createdDaysAgo = createdDaysAgo;
            this.updatedDaysAgo = updatedDaysAgo;
        }

        public String id() {
            return id;
        }

        /** The name Raindrop shows, e.g. {@code Reliability}. */
        public String groupName() {
            return groupName;
        }

        public String description() {
            return description;
        }

        int createdDaysAgo() {
            return createdDaysAgo;
        }

        int updatedDaysAgo() {
            return updatedDaysAgo;
        }
    }
}
