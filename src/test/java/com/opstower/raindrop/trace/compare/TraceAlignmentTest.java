package com.opstower.raindrop.trace.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.trace.compare.TraceAlignment.Kind;
import com.opstower.raindrop.trace.compare.TraceAlignment.Step;
import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceTree;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alignment of two span trees, written as trees of names: {@code root(a b(c))}. */
class TraceAlignmentTest {

    static final long T0 = 1_795_986_578_000_000_000L;

    /**
     * A forest from its notation: names separated by spaces, children in parentheses. Names starting with {@code llm}
     * are LLM spans, with {@code tool} tool calls; spans start one after another in the order written.
     */
    static TraceTree tree(String notation) {
        return TraceTree.of(spans(notation, "s"));
    }

    static List<TraceSpan> spans(String notation, String idPrefix) {
        List<TraceSpan> spans = new ArrayList<>();
        List<String> parents = new ArrayList<>();
        String last = null;
        int i = 0;
        while (i < notation.length()) {
            char c = notation.charAt(i);
            if (c == '(') {
                parents.add(last);
                i++;
            } else if (c == ')') {
                parents.remove(parents.size() - 1);
                i++;
            } else if (c == ' ') {
                i++;
            } else {
                int end = i;
                while (end < notation.length() && " ()".indexOf(notation.charAt(end)) < 0) {
                    end++;
                }
                String name = notation.substring(i, end);
                String id = idPrefix + spans.size();
                String type = name.startsWith("llm") ? "LLM_GENERATION" : name.startsWith("tool") ? "TOOL_CALL" : "INTERNAL";
                long start = T0 + spans.size() * 1_000_000L;
                spans.add(new TraceSpan("t", id, parents.isEmpty() ? null : parents.get(parents.size() - 1), name, type,
                        "OK", start, start + 500_000L, 0, null, null, null, null, null, null, null, null));
                last = id;
                i = end;
            }
        }
        return spans;
    }

    /** The steps as "kind baseline→run", names only, indented by depth. */
    static List<String> steps(String baseline, String run) {
        List<String> lines = new ArrayList<>();
        for (Step step : TraceAlignment.of(tree(baseline), tree(run)).steps()) {
            String left = step.baseline() == null ? "" : step.baseline().span().spanName();
            String right = step.run() == null ? "" : step.run().span().spanName();
            lines.add("  ".repeat(step.depth()) + switch (step.kind()) {
                case SAME -> left;
                case RENAMED -> left + " → " + right;
                case ONLY_BASELINE -> "- " + left;
                case ONLY_RUN -> "+ " + right;
            });
        }
        return lines;
    }

    @Test
    void anInsertedRoundShiftsNothingAfterIt() {
        assertEquals(List.of("root", "  llm", "  tool_a", "  llm", "  + tool_b", "  + llm", "  llm"),
                steps("root(llm tool_a llm llm)", "root(llm tool_a llm tool_b llm llm)"));
    }

    @Test
    void aDeletedStepIsOnlyInTheBaseline() {
        assertEquals(List.of("root", "  llm", "  - tool_a", "  llm"), steps("root(llm tool_a llm)", "root(llm llm)"));
    }

    @Test
    void aReorderedStepIsRemovedInOnePlaceAndAddedInAnother() {
        List<String> steps = steps("root(a b c)", "root(a c b)");
        assertEquals(5, steps.size(), steps.toString());
        assertTrue(steps.contains("  - b") && steps.contains("  + b") || steps.contains("  - c") && steps.contains("  + c"),
                steps.toString());
    }

    @Test
    void aRenamedStepOfTheSameTypeIsPairedAndItsChildrenAligned() {
        assertEquals(List.of("root", "  llm", "  tool_search_kb → tool_search_docs", "    http", "  llm"),
                steps("root(llm tool_search_kb(http) llm)", "root(llm tool_search_docs(http) llm)"));
        // Among siblings of its old name, it is still paired with the one it replaced.
        assertEquals(List.of("root", "  tool_u", "  llm → llm.v2", "  llm", "  llm", "  tool_g"),
                steps("root(tool_u llm llm llm tool_g)", "root(tool_u llm.v2 llm llm tool_g)"));
        assertEquals(List.of("root", "  tool_u", "  llm", "  llm", "  llm → llm.v2", "  tool_g"),
                steps("root(tool_u llm llm llm tool_g)", "root(tool_u llm llm llm.v2 tool_g)"));
        // Of another type, it is a step removed and another added.
        assertEquals(List.of("root", "  - tool_search_kb", "  + retrieval"), steps("root(tool_search_kb)", "root(retrieval)"));
    }

    @Test
    void siblingsOfTheSameNameArePairedInOrder() {
        assertEquals(List.of("root", "  tool_kb", "    q1", "  tool_kb", "    q2", "  + tool_kb", "  llm"),
                steps("root(tool_kb(q1) tool_kb(q2) llm)", "root(tool_kb(q1) tool_kb(q2) tool_kb(q3) llm)"));
    }

    @Test
    void theLastStepsArePairedWhenTheRunAddsStepsOfTheSameNameBeforeThem() {
        // A call retried: its first attempt failed, the second is the call the baseline made.
        assertEquals(List.of("root", "  llm", "    + llm.attempt", "    llm.attempt", "      ok"),
                steps("root(llm(llm.attempt(ok)))", "root(llm(llm.attempt(failed) llm.attempt(ok)))"));
        // One more round before the answer: the answers are paired, the round in between is the run's own.
        assertEquals(List.of("root", "  llm", "  tool", "  + llm", "  + tool", "  llm"),
                steps("root(llm tool llm)", "root(llm tool llm tool llm)"));
    }

    @Test
    void rootsOrphansAndBrokenCyclesAreAlignedAsTheTopLevel() {
        // An orphan (its parent is missing) and two spans naming each other as parents are roots, as TraceTree places them.
        List<TraceSpan> baseline = new ArrayList<>(spans("root(llm)", "b"));
        baseline.add(span("bo", "missing", "orphan_step"));
        baseline.add(span("bx", "by", "cycle_a"));
        baseline.add(span("by", "bx", "cycle_b"));
        List<TraceSpan> run = new ArrayList<>(spans("root(llm tool)", "r"));
        run.add(span("ro", "missing", "orphan_step"));
        run.add(span("rx", "ry", "cycle_a"));
        run.add(span("ry", "rx", "cycle_b"));
        List<String> lines = new ArrayList<>();
        for (Step step : TraceAlignment.of(TraceTree.of(baseline), TraceTree.of(run)).steps()) {
            lines.add(step.kind() + " " + step.shown().span().spanName());
        }
        assertEquals(List.of("SAME root", "SAME llm", "ONLY_RUN tool", "SAME orphan_step", "SAME cycle_a", "SAME cycle_b"), lines);
    }

    @Test
    void alignsTenThousandSpanSidesWithOnePercentChanged() {
        StringBuilder baseline = new StringBuilder("root(");
        StringBuilder run = new StringBuilder("root(");
        for (int i = 0; i < 3_333; i++) {
            String step = (i % 3 == 0 ? "llm" : "tool_" + (i % 7)) + "(http db)";
            baseline.append(step).append(' ');
            // Every 100th step of the run is a different tool, and every 300th has one more.
            run.append(i % 100 == 50 ? "tool_other(http db)" : step).append(' ').append(i % 300 == 7 ? "tool_extra " : "");
        }
        TraceTree left = tree(baseline.append(')').toString());
        TraceTree right = tree(run.append(')').toString());
        assertEquals(10_000, left.preorder().size());
        TraceAlignment alignment = TraceAlignment.of(left, right);
        long renamed = alignment.steps().stream().filter(s -> s.kind() == Kind.RENAMED).count();
        long added = alignment.steps().stream().filter(s -> s.kind() == Kind.ONLY_RUN).count();
        long removed = alignment.steps().stream().filter(s -> s.kind() == Kind.ONLY_BASELINE).count();
        assertEquals(33, renamed + removed, "the steps replaced");
        assertTrue(removed > 0 && renamed > 0);
        assertEquals(12 + removed, added, "the steps added, and those replaced by another type");
        assertEquals(10_000 - 3 * removed, alignment.pairs());
    }

    private static TraceSpan span(String id, String parent, String name) {
        return new TraceSpan("t", id, parent, name, "INTERNAL", "OK", T0 + 50_000_000L + id.charAt(1), T0 + 60_000_000L, 0,
                null, null, null, null, null, null, null, null);
    }
}
