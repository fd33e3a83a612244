package com.opstower.raindrop.trace.time;

import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.trace.focus.Focus;
import com.opstower.raindrop.trace.read.SpanFacts;
import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceTree.Node;
import com.opstower.raindrop.trace.read.TraceTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** The figures of the time view, worked out once from the spans read: what {@link TimeRenderer} writes down. */
final class TimeView {

    /** Time by a label, and how many spans carry it. */
    record Share(String label, double ns, int spans) {
    }

    final String eventId;
    /** The span whose subtree the view is of; null for the whole trace. */
    final TraceSpan scope;
    final TraceTree tree;
    final SpanTimes times;
    final Calls calls;
    final List<CriticalPath.Entry> path;
    final Focus focus;
    /** The attribute times to first token were read from; null when none was. */
    final String firstTokenSource;
    final int payloadsCutUpstream;
    final int truncLen;
    private final Set<TraceSpan> matched;
    /** By position: each LLM call's time to first token, its own or that of the first LLM span below it; -1 for none. */
    private final long[] callFirstTokenNs;

    TimeView(String eventId, TraceSpan scope, TraceTree tree, Map<TraceSpan, Long> firstToken, Set<TraceSpan> matched,
            Focus focus, String firstTokenSource, int payloadsCutUpstream, int truncLen) {
        this.eventId = eventId;
        this.scope = scope;
        this.tree = tree;
        this.times = SpanTimes.of(tree);
        this.calls = Calls.of(tree);
        this.path = CriticalPath.of(times);
        this.focus = focus;
        this.firstTokenSource = firstTokenSource;
        this.payloadsCutUpstream = payloadsCutUpstream;
        this.truncLen = truncLen;
        this.matched = matched;
        List<Node> preorder = tree.preorder();
        this.callFirstTokenNs = new long[preorder.size()];
        Arrays.fill(callFirstTokenNs, -1);
        for (Node node : preorder) {
            if (calls.llmCall(node.position())) {
                // The subtrees of LLM calls are disjoint: each span is looked at once.
                for (int at = node.position(); at < node.position() + node.subtreeSize(); at++) {
                    Long ns = firstToken.get(preorder.get(at).span());
                    if (ns != null && preorder.get(at).llmCall()) {
                        callFirstTokenNs[node.position()] = ns;
                        break;
                    }
                }
            }
        }
    }

    /** Whether the focus narrows the spans by status, type or search (not only to one span's subtree). */
    boolean filtered() {
        return focus.status() != null || !focus.spanTypes().isEmpty() || focus.searches();
    }

    int matchedCount() {
        int count = 0;
        for (Node node : tree.preorder()) {
            count += matched.contains(node.span()) ? 1 : 0;
        }
        return count;
    }

    /** The wall time the matching spans and the spans below them ran for, each instant once. */
    double matchedNs() {
        List<Node> preorder = tree.preorder();
        boolean[] inside = new boolean[preorder.size()];
        double ns = 0;
        for (Node node : preorder) {
            int at = node.position();
            inside[at] = matched.contains(node.span()) || node.parent() != null && inside[node.parent().position()];
            ns += inside[at] ? times.exclusiveNs(at) : 0;
        }
        return ns;
    }

    int matchedOnPath() {
        int count = 0;
        for (CriticalPath.Entry entry : path) {
            count += entry.node() != null && matched.contains(entry.node().span()) ? 1 : 0;
        }
        return count;
    }

    List<Node> slowestMatching(int max) {
        return slowest(node -> matched.contains(node.span()), max);
    }

    /** The wall time given to LLM calls, tool calls, the rest, and to no span, each with the spans below it. */
    double[] shares() {
        double[] shares = new double[4];
        for (Node node : tree.preorder()) {
            shares[calls.within(node.position()).ordinal()] += times.exclusiveNs(node.position());
        }
        shares[3] = times.idleNs();
        return shares;
    }

    List<Share> byType() {
        return by(node -> Markdown.label(node.span().spanType(), "no type"));
    }

    List<Share> byName() {
        return by(node -> Markdown.label(node.span().spanName(), "unnamed span"));
    }

    /** Each span's part of the wall time, summed by label, most time first; labels taking no time are left out. */
    private List<Share> by(Function<Node, String> label) {
        Map<String, double[]> sums = new HashMap<>();
        for (Node node : tree.preorder()) {
            double[] sum = sums.computeIfAbsent(label.apply(node), key -> new double[2]);
            sum[0] += times.exclusiveNs(node.position());
            sum[1]++;
        }
        List<Share> shares = new ArrayList<>(sums.size());
        sums.forEach((key, sum) -> {
            if (sum[0] > 0) {
                shares.add(new Share(key, sum[0], (int) sum[1]));
            }
        });
        shares.sort(Comparator.comparingDouble(Share::ns).reversed().thenComparing(Share::label));
        return shares;
    }

    /** The LLM calls, in reading order. */
    List<Node> llmCalls() {
        return tree.preorder().stream().filter(node -> calls.llmCall(node.position())).toList();
    }

    List<Node> slowestLlmCalls(int max) {
        return slowest(node -> calls.llmCall(node.position()), max);
    }

    List<Node> slowestToolCalls(int max) {
        return slowest(Node::toolCall, max);
    }

    private List<Node> slowest(Predicate<Node> which, int max) {
        return tree.preorder().stream().filter(node -> which.test(node) && times.timed(node.position()))
                .sorted(Comparator.comparingLong((Node node) -> times.durationNs(node.position())).reversed()
                        .thenComparingInt(Node::position))
                .limit(max).toList();
    }

    /** The call's time to first token; -1 when not recorded. */
    long firstTokenNs(Node call) {
        return callFirstTokenNs[call.position()];
    }

    /** The call's model and provider as a label, {@code gpt-5 (openai)}; null when no span says. */
    String model(Node call) {
        int from = calls.modelFrom(call.position());
        if (from < 0) {
            return null;
        }
        return SpanFacts.modelLabel(tree.preorder().get(from).span());
    }
}
