package com.opstower.raindrop.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void previewCollapsesWhitespaceAndCountsWhatItDrops() {
        Markdown.Preview preview = Markdown.preview("  a\n\n b\tc" + "d".repeat(10), 6);
        assertEquals("a b cd", preview.text());
        assertEquals(9, preview.dropped());
        assertEquals("\"a b cd\" … (+9 chars)", preview.quoted());
    }

    @Test
    void aCutOfOneCharacterIsSingular() {
        assertEquals("\"abc\" … (+1 char)", Markdown.preview("abcd", 3).quoted());
    }

    @Test
    void previewDoesNotEndInTheSpaceItCutAt() {
        assertEquals(new Markdown.Preview("a b", 6), Markdown.preview("a b  cdefg", 4));
    }

    @Test
    void previewNeverSplitsASurrogatePair() {
        Markdown.Preview preview = Markdown.preview("ab😀cd", 3);
        assertEquals("ab", preview.text());
        assertEquals(4, preview.dropped());
    }

    @Test
    void fenceIsLongerThanAnyBacktickRunInside() {
        assertEquals("```text\nplain\n```", Markdown.fence("text", "plain"));
        assertEquals("`````\n````x\n`````", Markdown.fence("", "````x"));
    }

    @Test
    void inlineCodeSurvivesBackticks() {
        assertEquals("`evt_1`", Markdown.code("evt_1"));
        assertEquals("`` a`b ``", Markdown.code("a`b"));
        assertEquals("—", Markdown.code(null));
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("850 ns", Markdown.duration(Duration.ofNanos(850)));
        assertEquals("12 µs", Markdown.duration(Duration.ofNanos(12_300)));
        assertEquals("120 ms", Markdown.duration(Duration.ofMillis(120)));
        assertEquals("1.24 s", Markdown.duration(Duration.ofMillis(1240)));
        assertEquals("3m 05s", Markdown.duration(Duration.ofSeconds(185)));
        assertEquals("2h 10m", Markdown.duration(Duration.ofMinutes(130)));
    }

    @Test
    void timesAreShownInUtc() {
        assertEquals("2026-11-24 07:12:03 UTC", Markdown.utc("2026-11-24T09:12:03+02:00"));
        assertEquals("not a time", Markdown.utc("not a time"));
        assertEquals("unknown time", Markdown.utc((String) null));
    }

    @Test
    void aLabelIsOneLineOfAtMostItsLengthEndedWithAnEllipsisWhenCut() {
        assertEquals("support_chat", Markdown.label("support_chat", "none"));
        assertEquals("a b", Markdown.label(" a\n\tb ", "none"));
        assertEquals("none", Markdown.label(null, "none"));
        assertEquals("none", Markdown.label(" \n ", "none"));
        String label = Markdown.label("x".repeat(5000), "none");
        assertEquals("x".repeat(Markdown.LABEL_LENGTH) + "…", label);
        assertEquals("`" + "x".repeat(Markdown.LABEL_LENGTH) + "…`", Markdown.codeLabel("x".repeat(5000), "—"));
        assertEquals("—", Markdown.codeLabel(null, "—"));
    }

    @Test
    void anEndUserIdIsBoundedLikeALabel() {
        assertEquals("user `" + "u".repeat(Markdown.LABEL_LENGTH) + "…`", Markdown.endUser("u".repeat(300)));
    }

    @Test
    void joinedShowsAsManyItemsAsFitAndCountsTheRest() {
        List<String> items = List.of("alpha", "beta", "gamma", "delta");
        assertEquals("alpha, beta, gamma, delta", Markdown.joined(items, 25));
        assertEquals("alpha, beta and 2 more", Markdown.joined(items, 24));
        assertEquals("alpha and 3 more", Markdown.joined(items, 5));
        assertEquals("", Markdown.joined(List.of(), 5));
        assertEquals(2, Markdown.joinable(items, 24));
    }

    @Test
    void fittingCountsTheFrameOfEachCandidateAndShowsAtLeastOne() {
        List<String> items = List.of("aaaa", "bbbb", "cccc");
        assertEquals(3, Markdown.fitting(items, 12, shown -> 0));
        assertEquals(2, Markdown.fitting(items, 11, shown -> 0));
        // A frame that grows with what is left: "+2" lines are 2 long, none when everything is shown.
        assertEquals(3, Markdown.fitting(items, 12, shown -> shown == 3 ? 0 : 2));
        assertEquals(1, Markdown.fitting(items, 9, shown -> shown == 3 ? 0 : 2));
        assertEquals(1, Markdown.fitting(items, 0, shown -> 100));
        assertEquals(0, Markdown.fitting(List.of(), 100, shown -> 0));
    }
}
