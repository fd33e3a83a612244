package com.opstower.raindrop.trace.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PartingTest {

    static PayloadText text(String value) {
        return PayloadText.of(value.toCharArray(), value.length());
    }

    @Test
    void marksOnlyWhatChangedBetweenTheCommonStartAndEnd() {
        Parting parting = Parting.of(text("{\"order_id\":1042,\"step\":3}"), text("{\"order_id\":10423,\"step\":3}"));
        assertEquals(16, parting.at());
        assertEquals("{\"order_id\":1042«»,\"step\":3}", parting.baseline());
        assertEquals("{\"order_id\":1042«3»,\"step\":3}", parting.run());
    }

    @Test
    void showsADifferenceInWhitespaceAsEscapes() {
        Parting parting = Parting.of(text("line one\nline two"), text("line one\r\nline two"));
        assertEquals("line one«»\\nline two", parting.baseline());
        assertEquals("line one«\\r»\\nline two", parting.run());
    }

    @Test
    void cutsLongContextAndLongChangesAndNeverSplitsASurrogatePair() {
        String prefix = "x".repeat(200) + "😀";
        Parting parting = Parting.of(text(prefix + "a" + "y".repeat(300)), text(prefix + "b" + "y".repeat(300)));
        assertEquals(202, parting.at());
        assertTrue(parting.baseline().startsWith("…") && parting.baseline().contains("😀«a»yyy"), parting.baseline());
        assertTrue(parting.baseline().endsWith("…"), parting.baseline());
        Parting split = Parting.of(text("ab😀"), text("ab😁"));
        assertEquals(2, split.at(), "the pair's first half is the same in both: the difference starts with the pair");
        assertEquals("ab«😀»", split.baseline());
        Parting changed = Parting.of(text("z".repeat(400)), text("w".repeat(400)));
        assertEquals("«" + "z".repeat(Parting.SHOWN) + "…»", changed.baseline());
    }

    @Test
    void showsPayloadsWholeWhenBothAreShort() {
        String start = "{\"ships_from\":[\"Leipzig\"";
        String end = "],\"arrives\":\"thursday\",\"note\":\"" + "n".repeat(Parting.SHOWN_WHOLE - 80) + "\"}";
        Parting whole = Parting.of(text(start + end), text(start + ",\"Lyon\"" + end.replace("thursday", "monday")));
        assertEquals(start + "«],\"arrives\":\"thurs»" + end.substring(end.indexOf("day")), whole.baseline());
        assertTrue(whole.run().startsWith(start + "«,\"Lyon\"],\"arrives\":\"mon»day"), whole.run());
        assertTrue(whole.run().endsWith("n\"}"), whole.run());
        Parting longer = Parting.of(text(start + end + "x".repeat(Parting.SHOWN_WHOLE)), text(start + ",\"Lyon\"" + end));
        assertTrue(longer.baseline().endsWith("…»") && longer.baseline().length() < 200, "one side too long: " + longer.baseline());
    }

    @Test
    void tellsApartPayloadsThatAgreeOnAllTheyKeep() {
        String common = "q".repeat(PayloadText.KEPT + 10);
        PayloadText left = text(common + "a");
        PayloadText right = text(common + "b");
        assertFalse(left.sameAs(right));
        Parting parting = Parting.of(left, right);
        assertTrue(parting.beyondKept());
        assertEquals(PayloadText.KEPT, parting.at());
    }
}
