package com.opstower.raindrop.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
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
}
