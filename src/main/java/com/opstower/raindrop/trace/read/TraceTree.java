package com.opstower.raindrop.trace.read;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of a response as a forest, built in O(n log n) without recursion so that any input, however deep or
 * malformed, yields every span exactly once. A span hangs under the first span carrying its parent id; it becomes
 * a root when it has no parent, when the parent is not in the response (a page cut by {@code limit}, or spans
 * dropped upstream), when it names itself as parent, or when its parent chain loops back to it.
 */
public final class TraceTree {

    /** Why a span sits where it does. */
    public enum Placement {
        CHILD, ROOT, ORPHAN, SELF_PARENT, CYCLE
    }

    /** Siblings in start order; spans without a start time last; ties by span id, then by position in the response. */
    private static final Comparator<Node> START_ORDER = Comparator
            .comparing((Node node) -> node.span.startTimeNs() <= 0)
            .thenComparingLong(node -> node.span.startTimeNs())
            .thenComparing(node -> node.span.spanId(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(node -> node.responseIndex);

    public static final class Node {
        private final TraceSpan span;
        private final int responseIndex;
        private final boolean error;
        private final boolean llmCall;
        private final boolean toolCall;
        private final boolean retrieval;
        private Placement placement;
        private int idSharedBy = 1;
        private Node parent;
        private List<Node> children = List.of();
        private int depth;
        private int position;
        private int subtreeSize = 1;
        private int subtreeErrors;

        private Node(TraceSpan span, int responseIndex) {
            this.span = span;
            this.responseIndex = responseIndex;
            this.error = SpanFacts.isError(span);
            this.llmCall = SpanFacts.isLlmCall(span);
            this.toolCall = SpanFacts.isToolCall(span);
            this.retrieval = SpanFacts.isRetrieval(span);
            this.subtreeErrors = error ? 1 : 0;
        }

        /** {@link SpanFacts#isError}, worked out once. */
        public boolean error() {
            return error;
        }

        public boolean llmCall() {
            return llmCall;
        }

        public boolean toolCall() {
            return toolCall;
        }

        public boolean retrieval() {
            return retrieval;
        }

        public TraceSpan span() {
            return span;
        }

        public Placement placement() {
            return placement;
        }

        /** How many spans of the response carry this span's id; 1 when it is unique or missing. */
        public int idSharedBy() {
            return idSharedBy;
        }

        public Node parent() {
            return parent;
        }

        public List<Node> children() {
            return children;
        }

        public int depth() {
            return depth;
        }

        /** Index in {@link TraceTree#preorder()}; a subtree occupies {@code [position, position + subtreeSize)}. */
        public int position() {
            return position;
        }

        public int subtreeSize() {
            return subtreeSize;
        }

        /** ERROR spans in this subtree, this span included. */
        public int subtreeErrors() {
            return subtreeErrors;
        }

        private void adopt(Node child) {
            if (children.isEmpty()) {
                children = new ArrayList<>(4);
            }
            children.add(child);
        }
    }

    private final List<Node> roots;
    private final List<Node> preorder;

    private TraceTree(List<Node> roots, List<Node> preorder) {
        this.roots = roots;
        this.preorder = preorder;
    }

    public static TraceTree of(List<TraceSpan> spans) {
        Node[] nodes = new Node[spans.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new Node(spans.get(i), i);
        }
        Map<String, Node> firstById = indexById(nodes);
        for (Node node : nodes) {
            link(node, firstById);
        }
        breakCycles(nodes);
        Node[] inStartOrder = nodes.clone();
        Arrays.sort(inStartOrder, START_ORDER);
        List<Node> roots = new ArrayList<>();
        for (Node node : inStartOrder) {
            if (node.parent == null) {
                roots.add(node);
            } else {
                node.parent.adopt(node);
            }
        }
        List<Node> preorder = preorder(roots, nodes.length);
        countSubtrees(preorder);
        return new TraceTree(roots, preorder);
    }

    /** Roots in start order. */
    public List<Node> roots() {
        return roots;
    }

    /** Every span once, parents before children, siblings in start order: the order the tree is read in. */
    public List<Node> preorder() {
        return preorder;
    }

    /** The first span of each id; every span sharing an id learns how many do. */
    private static Map<String, Node> indexById(Node[] nodes) {
        Map<String, Node> firstById = new HashMap<>(nodes.length * 4 / 3 + 1);
        for (Node node : nodes) {
            String id = node.span.spanId();
            if (id != null) {
                Node first = firstById.putIfAbsent(id, node);
                if (first != null) {
                    first.idSharedBy++;
                }
            }
        }
        for (Node node : nodes) {
            String id = node.span.spanId();
            if (id != null) {
                node.idSharedBy = firstById.get(id).idSharedBy;
            }
        }
        return firstById;
    }

    private static void link(Node node, Map<String, Node> firstById) {
        String parentId = node.span.parentSpanId();
        if (parentId == null || parentId.isBlank()) {
            node.placement = Placement.ROOT;
        } else if (parentId.equals(node.span.spanId())) {
            node.placement = Placement.SELF_PARENT;
        } else {
            node.parent = firstById.get(parentId);
            node.placement = node.parent == null ? Placement.ORPHAN : Placement.CHILD;
        }
    }

    /**
     * Follows each parent chain once; a chain that comes back to a span of the current walk is a cycle, and all of
     * its spans become roots. Spans hanging off the cycle keep their parents, so they stay under those roots.
     */
    private static void breakCycles(Node[] nodes) {
        final byte unvisited = 0;
        final byte onWalk = 1;
        final byte settled = 2;
        byte[] state = new byte[nodes.length];
        List<Node> walk = new ArrayList<>();
        for (Node start : nodes) {
            walk.clear();
            Node node = start;
            while (node != null && state[node.responseIndex] == unvisited) {
                state[node.responseIndex] = onWalk;
                walk.add(node);
                node = node.parent;
            }
            if (node != null && state[node.responseIndex] == onWalk) {
                for (int i = walk.size() - 1; i >= 0; i--) {
                    Node member = walk.get(i);
                    member.parent = null;
                    member.placement = Placement.CYCLE;
                    if (member == node) {
                        break;
                    }
                }
            }
            for (Node visited : walk) {
                state[visited.responseIndex] = settled;
            }
        }
    }

    private static List<Node> preorder(List<Node> roots, int size) {
        List<Node> preorder = new ArrayList<>(size);
        Deque<Node> pending = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            pending.push(roots.get(i));
        }
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            node.depth = node.parent == null ? 0 : node.parent.depth + 1;
            node.position = preorder.size();
            preorder.add(node);
            for (int i = node.children.size() - 1; i >= 0; i--) {
                pending.push(node.children.get(i));
            }
        }
        return preorder;
    }

    /** Children come after their parent in preorder, so one backward pass folds every subtree into its parent. */
    private static void countSubtrees(List<Node> preorder) {
        for (int i = preorder.size() - 1; i >= 0; i--) {
            Node node = preorder.get(i);
            if (node.parent != null) {
                node.parent.subtreeSize += node.subtreeSize;
                node.parent.subtreeErrors += node.subtreeErrors;
            }
        }
    }
}
