package com.opstower.raindrop.trace.tree;

import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceTree;
import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each span of a tree means for the agent, worked out in two passes over the forest: whether it matters (an
 * error, an LLM call, a tool call or a retrieval), whether it leads to one that does, whether it is instrumentation
 * the tree may fold, and which later span recovered an error.
 *
 * <p>{@link #FOLDING_RULE} says which spans fold, in the words the tool description uses.
 */
final class Salience {

    /** The folding rule in one sentence, for the tool's description. */
    static final String FOLDING_RULE = "2+ sibling spans whose subtrees are all INTERNAL, OK or UNSET, without model or "
            + "tokens, fold into one line, except below a call whose result differs from its arguments";

    private final boolean[] matters;
    private final boolean[] leadsToWhatMatters;
    private final boolean[] instrumentation;
    private final Node[] recoveredBy;
    private final int[] openErrorsBelow;
    private int recoveredErrors;

    private Salience(int size) {
        matters = new boolean[size];
        leadsToWhatMatters = new boolean[size];
        instrumentation = new boolean[size];
        recoveredBy = new Node[size];
        openErrorsBelow = new int[size];
    }

    static Salience of(TraceTree tree) {
        List<Node> preorder = tree.preorder();
        Salience salience = new Salience(preorder.size());
        salience.markRecoveries(tree);
        // Children come after their parent in preorder: one backward pass folds each subtree into its parent.
        for (int i = preorder.size() - 1; i >= 0; i--) {
            Node node = preorder.get(i);
            boolean matters = node.error() || node.llmCall() || node.toolCall() || node.retrieval();
            salience.matters[i] = matters;
            salience.leadsToWhatMatters[i] |= matters;
            salience.instrumentation[i] = !salience.leadsToWhatMatters[i] && quiet(node) && salience.allInstrumentation(node.children());
            if (node.error() && salience.recoveredBy[i] == null) {
                salience.openErrorsBelow[i]++;
            }
            Node parent = node.parent();
            if (parent != null) {
                salience.leadsToWhatMatters[parent.position()] |= salience.leadsToWhatMatters[i];
                salience.openErrorsBelow[parent.position()] += salience.openErrorsBelow[i];
            }
        }
        return salience;
    }

    /** An error, an LLM call, a tool call or a retrieval. */
    boolean matters(Node node) {
        return matters[node.position()];
    }

    /** The span matters, or one below it does: its line is worth more than any routine span's. */
    boolean leadsToWhatMatters(Node node) {
        return leadsToWhatMatters[node.position()];
    }

    /** The span and all below it are instrumentation: {@link #FOLDING_RULE} folds it with like siblings. */
    boolean instrumentation(Node node) {
        return instrumentation[node.position()];
    }

    /** The later span that recovered this error span; null when it was not recovered or is no error. */
    Node recoveredBy(Node node) {
        return recoveredBy[node.position()];
    }

    /** Error spans in the node's subtree, itself included, that nothing recovered. */
    int openErrorsBelow(Node node) {
        return openErrorsBelow[node.position()];
    }

    /** Error spans a later attempt recovered, over the whole tree. */
    int recoveredErrors() {
        return recoveredErrors;
    }

    /**
     * INTERNAL or untyped, OK or UNSET (or no status), and neither model nor tokens; and the tree takes its place as
     * the upstream sent it: a span with a broken parent link or a shared id keeps a line of its own, which says so.
     */
    private static boolean quiet(Node node) {
        TraceSpan span = node.span();
        return !node.llmCall() && blankOr(span.spanType(), "INTERNAL")
                && (blankOr(span.status(), "OK") || "UNSET".equalsIgnoreCase(span.status()))
                && (node.placement() == TraceTree.Placement.CHILD || node.placement() == TraceTree.Placement.ROOT)
                && node.idSharedBy() == 1;
    }

    private static boolean blankOr(String value, String expected) {
        return expected.equalsIgnoreCase(value) || value == null || value.isBlank();
    }

    private boolean allInstrumentation(List<Node> nodes) {
        for (Node node : nodes) {
            if (!instrumentation[node.position()]) {
                return false;
            }
        }
        return true;
    }

    /**
     * An error span is recovered by the first later sibling of the same name that did not fail (a retry that
     * succeeded); else, when it is one of several attempts in a row (siblings of the same name, one after the other)
     * under a parent that did not fail, by that parent, which succeeded after retries. Only the siblings of error spans
     * are gone through, once per parent.
     */
    private void markRecoveries(TraceTree tree) {
        boolean[] siblingsDone = new boolean[recoveredBy.length];
        boolean rootsDone = false;
        for (Node node : tree.preorder()) {
            Node parent = node.parent();
            if (!node.error()) {
                continue;
            }
            if (parent == null && !rootsDone) {
                rootsDone = true;
                markRecoveries(null, tree.roots());
            } else if (parent != null && !siblingsDone[parent.position()]) {
                siblingsDone[parent.position()] = true;
                markRecoveries(parent, parent.children());
            }
        }
    }

    /** Goes through one set of siblings, last to first, remembering the nearest later success of each name. */
    private void markRecoveries(Node parent, List<Node> siblings) {
        Map<String, Node> laterSuccess = new HashMap<>();
        for (int i = siblings.size() - 1; i >= 0; i--) {
            Node sibling = siblings.get(i);
            String name = String.valueOf(sibling.span().spanName());
            if (!sibling.error()) {
                laterSuccess.put(name, sibling);
                continue;
            }
            Node by = laterSuccess.get(name);
            if (by == null && parent != null && !parent.error()
                    && (sameName(siblings, i - 1, name) || sameName(siblings, i + 1, name))) {
                by = parent;
            }
            if (by != null) {
                recoveredBy[sibling.position()] = by;
                recoveredErrors++;
            }
        }
    }

    private static boolean sameName(List<Node> siblings, int index, String name) {
        return index >= 0 && index < siblings.size() && name.equals(String.valueOf(siblings.get(index).span().spanName()));
    }
}
