package com.opstower.raindrop.trace.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The critical path and the partition of the wall time, on traces whose answer can be worked out by hand. */
class CriticalPathTest {

    static final long T0 = 1_795_986_578_000_000_000L;
    static final long MS = 1_000_000L;

    /** A span from {@code startMs} to {@code endMs} after T0; a negative time means none was sent. */
    static TraceSpan span(String id, String parent, long startMs, long endMs) {
        return span(id, parent, "INTERNAL", startMs, endMs);
    }

    static TraceSpan span(String id, String parent, String type, long startMs, long endMs) {
        long start = startMs < 0 ? 0 : T0 + startMs * MS;
        long end = endMs < 0 ? 0 : T0 + endMs * MS;
        return new TraceSpan("t", id, parent, id, type, "OK", start, end, 0, null, null, null, null, null, null, null, null);
    }

    /** The path as "id from-to own" in milliseconds after T0, the whole trace as "*". */
    static List<String> path(TraceSpan... spans) {
        List<String> steps = new ArrayList<>();
        for (CriticalPath.Entry entry : CriticalPath.of(SpanTimes.of(TraceTree.of(List.of(spans))))) {
            steps.add("  ".repeat(entry.depth()) + (entry.node() == null ? "*" : entry.node().span().spanId()) + " "
                    + (entry.fromNs() - T0) / MS + "-" + (entry.toNs() - T0) / MS + " own " + entry.ownNs() / MS);
        }
        return steps;
    }

    @Test
    void followsSequentialStepsOneAfterAnother() {
        assertEquals(List.of("* 0-100 own 0", "  root 0-100 own 20", "    llm 5-45 own 40", "    tool 50-90 own 10",
                "      http 60-90 own 30"),
                path(span("root", null, 0, 100), span("llm", "root", 5, 45), span("tool", "root", 50, 90),
                        span("http", "tool", 60, 90)));
    }

    @Test
    void takesTheParallelChildThatEndsLastAndLeavesTheOthersOff() {
        // Three tool calls at once: the one ending last decides; the shorter ones ran beside it.
        assertEquals(List.of("* 0-100 own 0", "  root 0-100 own 20", "    b 10-90 own 80"),
                path(span("root", null, 0, 100), span("a", "root", 10, 40), span("b", "root", 10, 90),
                        span("c", "root", 20, 60)));
    }

    @Test
    void aChildStillRunningWhenTheNextStepStartsIsOnThePathUntilThen() {
        // a (10-60) overlaps b (50-90): b decides the end, a is on the path up to b's start.
        assertEquals(List.of("* 0-100 own 0", "  root 0-100 own 20", "    a 10-50 own 40", "    b 50-90 own 40"),
                path(span("root", null, 0, 100), span("a", "root", 10, 60), span("b", "root", 50, 90)));
    }

    @Test
    void walksNestedSpansToTheDeepest() {
        assertEquals(List.of("* 0-100 own 0", "  a 0-100 own 10", "    b 10-100 own 20", "      c 20-90 own 70"),
                path(span("a", null, 0, 100), span("b", "a", 10, 100), span("c", "b", 20, 90)));
    }

    @Test
    void leavesZeroLengthAndUntimedSpansOff() {
        assertEquals(List.of("* 0-100 own 0", "  root 0-100 own 60", "    b 20-60 own 40"),
                path(span("root", null, 0, 100), span("zero", "root", 70, 70), span("untimed", "root", -1, -1),
                        span("b", "root", 20, 60)));
    }

    @Test
    void clipsChildrenReachingOutsideTheirParentUnderClockSkew() {
        // The child's clock runs 30 ms ahead: it seems to end after its parent. It is kept inside the parent.
        SpanTimes times = SpanTimes.of(TraceTree.of(List.of(span("root", null, 0, 100), span("skewed", "root", 50, 130),
                span("backwards", "root", 40, 10))));
        assertEquals(1, times.clipped());
        assertEquals(1, times.backwards());
        assertEquals(100 * MS, times.wallNs());
        assertEquals(List.of("* 0-100 own 0", "  root 0-100 own 50", "    skewed 50-100 own 50"),
                path(span("root", null, 0, 100), span("skewed", "root", 50, 130), span("backwards", "root", 40, 10)));
    }

    @Test
    void countsTheGapsBetweenRootsAsNoSpanRunning() {
        assertEquals(List.of("* 0-100 own 30", "  a 0-40 own 40", "  b 70-100 own 30"),
                path(span("a", null, 0, 40), span("b", null, 70, 100)));
    }

    @Test
    void partitionsTheWallTimeSoThatSharesAddUpWithParallelChildren() {
        // Two parallel children share 20-60: each gets half of it; the parent keeps 0-20 and 80-100.
        SpanTimes times = SpanTimes.of(TraceTree.of(List.of(span("root", null, 0, 100), span("a", "root", 20, 60),
                span("b", "root", 20, 80))));
        assertEquals(List.of(40.0, 20.0, 40.0), exclusiveMs(times));
        assertEquals(100 * MS, times.wallNs());
        assertEquals(0, times.idleNs(), 1e-6);
        // Own time as two runs are compared by: the parent less its children's union; each child whole.
        assertEquals(List.of(40L, 40L, 60L), Arrays.stream(new int[] {0, 1, 2}).mapToObj(i -> times.selfNs(i) / MS).toList());
    }

    @Test
    void handlesAChainTenThousandDeepWithoutRecursion() {
        List<TraceSpan> chain = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            chain.add(span("s" + i, i == 0 ? null : "s" + (i - 1), i, 20_000 - i));
        }
        List<CriticalPath.Entry> path = CriticalPath.of(SpanTimes.of(TraceTree.of(chain)));
        assertEquals(10_001, path.size());
        assertEquals(10_000, path.get(10_000).depth());
        assertTrue(path.stream().allMatch(entry -> entry.ownNs() >= 0));
    }

    private static List<Double> exclusiveMs(SpanTimes times) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < times.tree().preorder().size(); i++) {
            ms.add((double) Math.round(times.exclusiveNs(i) / MS));
        }
        return ms;
    }
}
