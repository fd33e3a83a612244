package com.opstower.raindrop.trace.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceTree;
import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each span means for the tree: what matters, what folds, which error a later attempt recovered. */
class SalienceTest {

    private final List<TraceSpan> spans = new ArrayList<>();

    @Test
    void foldsOnlyQuietSpansWhoseSubtreesAreQuiet() {
        span("root", null, "agent.run", "INTERNAL", "OK");
        span("cache", "root", "cache.get", "INTERNAL", "UNSET");
        span("untyped", "root", "flags.evaluate", null, null);
        span("http", "root", "http.request", "INTERNAL", "OK");
        span("dns", "http", "dns.lookup", "INTERNAL", "OK");
        span("db", "root", "db.query", "INTERNAL", "OK");
        span("llm", "db", "embed", "INTERNAL", "OK", "text-embedding-3-small");
        span("tool", "root", "get_order", "TOOL_CALL", "OK");
        span("failed", "root", "cache.set", "INTERNAL", "ERROR");
        span("cancelled", "root", "db.query", "INTERNAL", "CANCELLED");
        span("agent", "root", "planner", "AGENT", "OK");
        span("orphan", "gone", "cache.get", "INTERNAL", "OK");

        TraceTree tree = TraceTree.of(spans);
        Salience salience = Salience.of(tree);

        for (String quiet : List.of("cache", "untyped", "http", "dns")) {
            assertTrue(salience.instrumentation(node(tree, quiet)), quiet);
        }
        for (String loud : List.of("root", "db", "llm", "tool", "failed", "cancelled", "agent", "orphan")) {
            assertFalse(salience.instrumentation(node(tree, loud)), loud);
        }
        assertTrue(salience.matters(node(tree, "llm")), "a model makes an LLM call, whatever the type");
        assertTrue(salience.leadsToWhatMatters(node(tree, "db")));
        assertFalse(salience.matters(node(tree, "db")));
        assertFalse(salience.leadsToWhatMatters(node(tree, "http")));
    }

    @Test
    void foldsRunsOfTwoOrMoreSiblingsIntoOneRowEach() {
        span("root", null, "agent.run", "INTERNAL", "OK");
        span("a", "root", "cache.get", "INTERNAL", "UNSET");
        span("b", "root", "cache.get", "INTERNAL", "UNSET");
        span("b1", "b", "db.query", "INTERNAL", "OK");
        span("tool", "root", "get_order", "TOOL_CALL", "OK");
        span("c", "root", "flags.evaluate", "INTERNAL", "OK");
        span("llm", "root", "ai.generateText", "LLM_GENERATION", "OK");

        TraceTree tree = TraceTree.of(spans);
        TreeRows rows = TreeRows.of(tree, Salience.of(tree), null, 0,
                node -> SpanLines.of(node, 0, null, new PayloadPreviews(null, 200, Integer.MAX_VALUE, true)));

        assertEquals(3, rows.foldedSpans(), "a, b and b below it; c alone keeps its line");
        assertEquals(1, rows.foldLines());
        assertEquals(List.of(1, 3, 1, 1, 1), rows.rows().stream().map(Row::spans).toList());
        assertEquals(4, rows.roots().get(0).children().size());
        assertEquals(7, rows.roots().get(0).subtreeSpans());
    }

    @Test
    void anErrorIsRecoveredByALaterSiblingOfItsNameThatSucceeded() {
        span("root", null, "get_return_status", "TOOL_CALL", "OK");
        span("first", "root", "GET", "INTERNAL", "ERROR", null, 1);
        span("other", "root", "POST", "INTERNAL", "OK", null, 2);
        span("again", "root", "GET", "INTERNAL", "ERROR", null, 3);
        span("retry", "root", "GET", "INTERNAL", "OK", null, 4);
        span("later", "root", "GET", "INTERNAL", "OK", null, 5);

        TraceTree tree = TraceTree.of(spans);
        Salience salience = Salience.of(tree);

        assertEquals(node(tree, "retry"), salience.recoveredBy(node(tree, "first")), "the nearest later success");
        assertEquals(node(tree, "retry"), salience.recoveredBy(node(tree, "again")));
        assertEquals(2, salience.recoveredErrors());
        assertEquals(0, salience.openErrorsBelow(node(tree, "root")));
    }

    @Test
    void anErrorAmongAttemptsInARowIsRecoveredByAParentThatSucceeded() {
        span("root", null, "agent.run", "INTERNAL", "OK");
        span("charge", "root", "charge_card", "TOOL_CALL", "OK", null, 1);
        span("try1", "charge", "POST", "INTERNAL", "ERROR", null, 2);
        span("try2", "charge", "POST", "INTERNAL", "ERROR", null, 3);
        span("refund1", "root", "refund_order", "TOOL_CALL", "ERROR", null, 4);
        span("llm", "root", "ai.generateText", "LLM_GENERATION", "OK", null, 5);
        span("refund2", "root", "refund_order", "TOOL_CALL", "ERROR", null, 6);

        TraceTree tree = TraceTree.of(spans);
        Salience salience = Salience.of(tree);

        assertEquals(node(tree, "charge"), salience.recoveredBy(node(tree, "try1")));
        assertEquals(node(tree, "charge"), salience.recoveredBy(node(tree, "try2")));
        assertNull(salience.recoveredBy(node(tree, "refund1")), "attempts apart, and none succeeded");
        assertNull(salience.recoveredBy(node(tree, "refund2")));
        assertEquals(2, salience.openErrorsBelow(node(tree, "root")));
    }

    private void span(String id, String parent, String name, String type, String status) {
        span(id, parent, name, type, status, null, spans.size() + 1);
    }

    private void span(String id, String parent, String name, String type, String status, String model) {
        span(id, parent, name, type, status, model, spans.size() + 1);
    }

    private void span(String id, String parent, String name, String type, String status, String model, long start) {
        spans.add(new TraceSpan("t", id, parent, name, type, status, start, start + 1, 1, null, null, model, null, null,
                null, null, null));
    }

    private static Node node(TraceTree tree, String id) {
        return tree.preorder().stream().filter(node -> id.equals(node.span().spanId())).findFirst().orElseThrow();
    }
}
