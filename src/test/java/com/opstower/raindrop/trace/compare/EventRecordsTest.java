package com.opstower.raindrop.trace.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.Wire.Event;
import com.opstower.raindrop.trace.compare.EventRecords.Read;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Event event(String id, String user, String model, Map<String, Object> flags, String properties) {
        try {
            JsonNode props = properties == null ? null : JSON.readTree(properties);
            return new Event(id, "checkout_assist", user, null, null, null, null, null, model, null, null, null, null,
                    null, null, flags, props);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Two records that agree on everything compared, as most pairs of one feature's runs do. */
    static EventRecords sameRecords() {
        return new EventRecords(Read.of(event("evt_base", "user_1", "gpt-5", Map.of("refund_v2", "on"), "{\"plan\":\"pro\"}")),
                Read.of(event("evt_run", "user_1", "gpt-5", Map.of("refund_v2", "on"), "{\"plan\":\"pro\"}")));
    }

    @Test
    void listsWhatDiffersAmongModelFlagsAndPropertiesAndNamesTheUsersOnOneLine() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("refund_v2", "on");
        before.put("checkout_agent", "control");
        Map<String, Object> after = Map.of("refund_v2", "on", "checkout_agent", "variant-b");
        EventRecords records = new EventRecords(
                Read.of(event("evt_good", "user_2288", "gpt-5-mini", before,
                        "{\"plan\":\"pro\",\"experiment\":{\"name\":\"checkout_agent_v2\",\"arm\":\"control\"},\"tags\":[1],\"gone\":true}")),
                Read.of(event("evt_bad", "user_3190", "gpt-5", after,
                        "{\"plan\":\"pro\",\"experiment\":{\"name\":\"checkout_agent_v2\",\"arm\":\"variant-b\"},\"tags\":[1,2],\"new\":\""
                                + "n".repeat(100) + "\"}")));

        assertEquals("""
                **The events' records**: name `checkout_assist` in both · user `user_2288` → `user_3190` · 6 differences among model, feature flags and properties:
                - model `gpt-5-mini` → `gpt-5`
                - feature flag `checkout_agent` `control` → `variant-b`
                - property `experiment.arm` `control` → `variant-b`
                - property `tags` `[1]` → `[1,2]`
                - property `new` none → `%s…`
                - property `gone` `true` → none
                """.formatted("n".repeat(60)), records.section(5_000));
        assertEquals(Map.of("compared", true, "differences", Map.of("model", 1, "feature_flags", 1, "properties", 4)),
                records.data());
        String cut = records.section(330);
        assertTrue(cut.endsWith("- … and 3 more\n") && cut.length() <= 330, cut);
    }

    @Test
    void recordsThatAgreeSaySoInOneLine() {
        assertEquals("**The events' records**: name `checkout_assist` in both · user `user_1` in both · the same model, "
                + "feature flags and properties.\n", sameRecords().section(5_000));
    }

    @Test
    void aRecordThatCouldNotBeReadIsSaidAndNothingIsCompared() {
        EventRecords records = new EventRecords(Read.failed("The baseline's event `evt_a` could not be read (NOT_FOUND): gone."),
                Read.of(event("evt_b", "user_1", "gpt-5", null, null)));
        assertEquals("**The events' records** (model, feature flags, properties) are not compared: The baseline's event "
                + "`evt_a` could not be read (NOT_FOUND): gone. The traces are compared below.\n", records.section(5_000));
        assertEquals(Map.of("compared", false, "unread", List.of("baseline")), records.data());
    }
}
