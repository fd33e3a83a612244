package com.opstower.raindrop.local;

import java.util.Arrays;
import java.util.Optional;

/**
 * The sample workspace's signal catalog. Ids are fixed UUIDs (the first two are the ones in the shared API
 * examples), so that a test or a person can filter events with {@code signal=<id>} across runs.
 */
public enum SampleSignal {

    USER_FRUSTRATION("3d6f7a52-9a0e-4a8e-9a37-1f2b8c0d4e11", "user_frustration", Group.CUSTOMER_EXPERIENCE),
    POSITIVE_FEEDBACK("6a0e2c41-7f3b-4d8e-b1a9-0c5d7e9f2a34", "positive_feedback", Group.CUSTOMER_EXPERIENCE),
    TOOL_FAILURE("b1c9e0f4-22aa-4f71-8d0e-5c3a9b7e6d20", "tool_failure", Group.RELIABILITY),
    HALLUCINATION("e4b2a9c7-1d3f-4a6b-8e5c-9f0a1b2c3d45", "hallucination", Group.RELIABILITY),
    REFUND_REQUEST("8c7d1e2f-3a4b-4c5d-9e6f-a0b1c2d3e456", "refund_request", Group.REVENUE);

    private final String id;
    private final String signalName;
    private final Group group;

    SampleSignal(String id, String signalName, Group group) {
        this.id = id;
        this.signalName = signalName;
        this.group = group;
    }

    public String id() {
        return id;
    }

    /** The name Raindrop shows, e.g. {@code user_frustration}. */
    public String signalName() {
        return signalName;
    }

    public Group group() {
        return group;
    }

    static Optional<SampleSignal> byId(String id) {
        return Arrays.stream(values()).filter(signal -> signal.id.equals(id)).findFirst();
    }

    /** Signal groups ("Customer experience", "Reliability", "Revenue"), filtered on with {@code signal_group=<id>}. */
    public enum Group {
        CUSTOMER_EXPERIENCE("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"),
        RELIABILITY("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"),
        REVENUE("9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4");

        private final String id;

        Group(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
