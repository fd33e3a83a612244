package com.opstower.raindrop.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The object keys of trace files: one segment per id, never shared by two ids, readable for plain ones. */
class TraceFilesKeyTest {

    private static String integrationSegment(String integrationId) {
        String key = TraceFiles.key("raindrop-cache", integrationId, "evt_1", "r");
        assertTrue(key.startsWith("raindrop-cache/") && key.endsWith("/evt_1/r.json"), key);
        return key.substring("raindrop-cache/".length(), key.length() - "/evt_1/r.json".length());
    }

    @Test
    void keepsIdsOfSafeCharactersAsTheyAre() {
        assertEquals("raindrop-cache/int_42/evt_abc-123/0b1c.json", TraceFiles.key("raindrop-cache", "int_42", "evt_abc-123", "0b1c"));
        String longest = "A-z_9".repeat(51) + "x";
        assertEquals(256, longest.length());
        assertEquals(longest, integrationSegment(longest));
    }

    @Test
    void idsThatReplacingCharactersWouldMergeKeepSegmentsOfTheirOwn() {
        List<String> ids = List.of("a b", "a_b", "a.b", "a/b", "a.20b", "a.2Eb", "a%20b", "a..b", "a\u00e9b", "a\u00c3\u00a9b",
                "a\uD83D\uDE00b", "ab");
        Map<String, String> idOfSegment = new HashMap<>();
        for (String id : ids) {
            String previous = idOfSegment.put(integrationSegment(id), id);
            assertEquals(null, previous, "\"" + id + "\" and \"" + previous + "\" share the segment " + integrationSegment(id));
        }
        assertEquals("a.20b", integrationSegment("a b"));
        assertEquals("a_b", integrationSegment("a_b"));
        assertEquals("a.2E20b", integrationSegment("a.20b"));
        assertEquals("a.C3.A9b", integrationSegment("a\u00e9b"));
    }

    @Test
    void noIdLeavesItsSegmentOrBecomesAPathStep() {
        assertEquals("raindrop-cache/.2E.2E/.2E.2E.2F.2E.2E.2Fetc.2Fpasswd/r.json",
                TraceFiles.key("raindrop-cache", "..", "../../etc/passwd", "r"));
        assertEquals(".2E", integrationSegment("."));
    }

    @Test
    void longIdsEndWithTheirDigestSoThatTheyStayApart() {
        String base = "\u00e9".repeat(200);
        String one = integrationSegment(base + "1");
        String two = integrationSegment(base + "2");
        assertNotEquals(one, two);
        for (String segment : List.of(one, two)) {
            assertTrue(segment.length() <= 256, segment);
            // The start holds whole escapes only; ".." then sets the digest apart from any escaped id.
            assertTrue(segment.matches("(\\.(C3|A9))+\\.\\.[0-9A-F]{64}"), segment);
        }
        assertEquals(one, integrationSegment(base + "1"));
    }
}
