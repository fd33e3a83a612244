package com.opstower.raindrop.trace.compare;

import com.opstower.raindrop.trace.read.TraceTree;
import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two span trees aligned the way a person reads two runs side by side: spans are paired by the path of span names from
 * the root, and among siblings of the same name by their order. At each level the two lists of children (in start
 * order; the roots of each forest, orphans and broken cycles among them, as {@link TraceTree} places them) are aligned
 * by name with {@link SequenceAlignment}, so that one inserted step does not shift every later one; then the children
 * of each pair are aligned the same way. Between two aligned siblings, a span only one side has is paired with one of
 * the same span type only the other has, in order, as the same step renamed, and aligned below like a pair.
 *
 * <p>O(n · min(d, 1000) + n log n) for n spans and d insertions and deletions among one parent's children; no
 * recursion, whatever the depth.
 */
final class TraceAlignment {

    /** How a step of the two runs relates them. */
    public enum Kind {
        /** The same span name at the same place. */
        SAME,
        /** A span only one side has, in the place of one of the same type only the other has. */
        RENAMED,
        ONLY_BASELINE,
        ONLY_RUN
    }

    /**
     * One step of the merged tree: a pair of spans, or a span (and its whole subtree) only one side has.
     *
     * @param parent the pair it lies under; null at the top
     * @param depth 0 at the top
     */
    public record Step(Kind kind, Node baseline, Node run, Step parent, int depth) {

        public boolean paired() {
            return kind == Kind.SAME || kind == Kind.RENAMED;
        }

        /** The span the step stands for in the answer: the run's when it has one. */
        public Node shown() {
            return run != null ? run : baseline;
        }
    }

    private final List<Step> steps;
    private final int pairs;

    private TraceAlignment(List<Step> steps, int pairs) {
        this.steps = steps;
        this.pairs = pairs;
    }

    public static TraceAlignment of(TraceTree baseline, TraceTree run) {
        Keys keys = new Keys();
        List<Step> steps = new ArrayList<>();
        int pairs = 0;
        Deque<Level> open = new ArrayDeque<>();
        open.push(new Level(level(baseline.roots(), run.roots(), null, 0, keys)));
        while (!open.isEmpty()) {
            Level level = open.peek();
            if (level.next == level.steps.size()) {
                open.pop();
                continue;
            }
            Step step = level.steps.get(level.next++);
            steps.add(step);
            if (step.paired()) {
                pairs++;
                if (!step.baseline().children().isEmpty() || !step.run().children().isEmpty()) {
                    open.push(new Level(level(step.baseline().children(), step.run().children(), step, step.depth() + 1, keys)));
                }
            }
        }
        return new TraceAlignment(Collections.unmodifiableList(steps), pairs);
    }

    /** Every step in the order of the merged tree: each after its parent, siblings in the order of both runs. */
    public List<Step> steps() {
        return steps;
    }

    /** How many spans are paired with one of the other side. */
    public int pairs() {
        return pairs;
    }

    private static final class Level {
        final List<Step> steps;
        int next;

        Level(List<Step> steps) {
            this.steps = steps;
        }
    }

    /** Span names as small integers, the same for both runs. */
    private static final class Keys {
        private final Map<String, Integer> ids = new HashMap<>();

        int[] of(List<Node> nodes) {
            int[] keys = new int[nodes.size()];
            for (int i = 0; i < keys.length; i++) {
                String name = nodes.get(i).span().spanName();
                keys[i] = ids.computeIfAbsent(name == null ? "" : name, key -> ids.size());
            }
            return keys;
        }
    }

    /** One parent's children of both runs, aligned, in merged order. */
    private static List<Step> level(List<Node> baseline, List<Node> run, Step parent, int depth, Keys keys) {
        int[] match = SequenceAlignment.align(keys.of(baseline), keys.of(run));
        List<Step> steps = new ArrayList<>(Math.max(baseline.size(), run.size()));
        int i = 0;
        int j = 0;
        while (i < baseline.size() || j < run.size()) {
            int nextI = i;
            while (nextI < baseline.size() && match[nextI] < 0) {
                nextI++;
            }
            int nextJ = nextI < baseline.size() ? match[nextI] : run.size();
            gap(baseline.subList(i, nextI), run.subList(j, nextJ), parent, depth, steps);
            if (nextI < baseline.size()) {
                steps.add(new Step(Kind.SAME, baseline.get(nextI), run.get(nextJ), parent, depth));
            }
            i = nextI + 1;
            j = nextJ + 1;
        }
        return steps;
    }

    /**
     * The spans between two aligned siblings: one only the baseline has paired, in order, with one of the same type
     * only the run has; the others in the order of their run.
     */
    private static void gap(List<Node> baseline, List<Node> run, Step parent, int depth, List<Step> steps) {
        Map<String, Deque<Integer>> runByType = new HashMap<>();
        for (int j = 0; j < run.size(); j++) {
            runByType.computeIfAbsent(type(run.get(j)), key -> new ArrayDeque<>()).add(j);
        }
        int j = 0;
        for (Node left : baseline) {
            Deque<Integer> sameType = runByType.getOrDefault(type(left), new ArrayDeque<>());
            while (!sameType.isEmpty() && sameType.peek() < j) {
                sameType.poll();
            }
            if (sameType.isEmpty()) {
                steps.add(new Step(Kind.ONLY_BASELINE, left, null, parent, depth));
                continue;
            }
            int partner = sameType.poll();
            for (; j < partner; j++) {
                steps.add(new Step(Kind.ONLY_RUN, null, run.get(j), parent, depth));
            }
            steps.add(new Step(Kind.RENAMED, left, run.get(partner), parent, depth));
            j = partner + 1;
        }
        for (; j < run.size(); j++) {
            steps.add(new Step(Kind.ONLY_RUN, null, run.get(j), parent, depth));
        }
    }

    private static String type(Node node) {
        String type = node.span().spanType();
        return type == null ? "" : type.toUpperCase(Locale.ROOT);
    }
}
