package com.opstower.raindrop.trace.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeItemTest {

    @Test
    void showsEachKeyWithItsValueInOrder() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("cache.hit", "true");
        attributes.put("cache.key", "refund_quote:cust_5532");
        attributes.put("note", null);
        assertEquals("- attributes: `cache.hit=true · cache.key=refund_quote:cust_5532 · note=null`",
                AttributeItem.of(attributes, 400));
    }

    @Test
    void aLongValueShowsItsStartAndLength() {
        String prompt = "[{\"role\":\"system\",\"content\":\"" + "You are Nora. ".repeat(700) + "\"}]";
        String item = AttributeItem.of(Map.of("ai.prompt.messages", prompt), 400);
        assertEquals("- attributes: `ai.prompt.messages=[{\"role\":\"system\",\"content\":\"You are Nor… (" + String.format("%,d",
                prompt.length()) + " chars)`", item);
    }

    @Test
    void keepsToItsBudgetAndSaysHowManyAreLeft() {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            attributes.put("http.header." + i, "x".repeat(30));
        }
        String item = AttributeItem.of(attributes, 400);
        assertTrue(item.length() <= 400, item.length() + ": " + item);
        assertTrue(item.matches("- attributes: `http\\.header\\.0=x{30} · .*` and \\d+ more"), item);
        assertEquals(50, item.split(" · ").length + Integer.parseInt(item.replaceAll(".* and (\\d+) more", "$1")));
    }

    @Test
    void aSpanWithoutAttributesHasNoItem() {
        assertNull(AttributeItem.of(Collections.emptyMap(), 400));
    }

    @Test
    void aBacktickInAValueCannotBreakTheInlineCode() {
        String item = AttributeItem.of(Map.of("db.query.text", "SELECT `name` FROM t"), 400);
        assertTrue(item.startsWith("- attributes: ``") && item.endsWith("``"), item);
    }
}
