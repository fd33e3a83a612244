package com.opstower.raindrop.trace.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.opstower.raindrop.trace.read.TraceTree.Node;
import com.opstower.raindrop.trace.read.TraceTree.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TraceTreeTest {

    @Test
    void ordersSiblingsByStartThenSpanIdThenResponseOrderWithUnknownStartsLast() {
        TraceTree tree = TraceTree.of(List.of(
                span("root", null, 1), span("late", "root", 30), span("b-tie", "root", 20), span("a-tie", "root", 20),
                span("no-start", "root", 0), span("same", "first", "root", 10), span("same", "second", "root", 10)));

        assertEquals(List.of("root", "same", "same", "a-tie", "b-tie", "late", "no-start"), ids(tree.preorder()));
        assertEquals(List.of("first", "second"),
                tree.preorder().subList(1, 3).stream().map(node -> node.span().spanName()).toList());
    }

    @Test
    void turnsSelfParentsCyclesAndOrphansIntoRootsKeepingEverySpanOnce() {
        List<TraceSpan> spans = List.of(span("self", "self", 1), span("a", "c", 2), span("b", "a", 3), span("c", "b", 4),
                span("tail", "b", 5), span("orphan", "gone", 6), span("root", null, 7), span("child", "root", 8));

        TraceTree tree = TraceTree.of(spans);

        assertEquals(List.of("self", "a", "b", "tail", "c", "orphan", "root", "child"), ids(tree.preorder()));
        Map<String, Placement> placements = tree.preorder().stream()
                .collect(Collectors.toMap(node -> node.span().spanId(), Node::placement));
        assertEquals(Map.of("self", Placement.SELF_PARENT, "a", Placement.CYCLE, "b", Placement.CYCLE, "c",
                Placement.CYCLE, "tail", Placement.CHILD, "orphan", Placement.ORPHAN, "root", Placement.ROOT, "child",
                Placement.CHILD), placements);
    }

    @Test
    void hangsChildrenOfADuplicatedIdUnderItsFirstSpan() {
        TraceTree tree = TraceTree.of(List.of(span("dup", null, 1), span("dup", null, 2), span("kid", "dup", 3)));

        Node first = tree.roots().get(0);
        assertEquals(List.of("kid"), ids(first.children()));
        assertEquals(List.of(2, 1, 2), tree.preorder().stream().map(Node::idSharedBy).toList());
    }

    @Test
    void countsSubtreesAndErrorsWithoutRecursionOnVeryDeepChains() {
        List<TraceSpan> chain = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            chain.add(span("s" + i, i == 0 ? null : "s" + (i - 1), i + 1));
        }

        Node root = TraceTree.of(chain).roots().get(0);

        assertEquals(50_000, root.subtreeSize());
        assertEquals(0, root.subtreeErrors());
    }

    private static TraceSpan span(String id, String parent, long start) {
        return span(id, id, parent, start);
    }

    private static TraceSpan span(String id, String name, String parent, long start) {
        return new TraceSpan("t", id, parent, name, "INTERNAL", "OK", start, 0, 0, null, null, null, null, null, null, null, null);
    }

    private static List<String> ids(List<Node> nodes) {
        return nodes.stream().map(node -> node.span().spanId()).toList();
    }
}
