package com.opstower.raindrop.trace.time;

import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.read.TraceTree;
import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.util.List;
import java.util.function.Predicate;

/**
 * The LLM and tool calls of a trace, as a person counts them. An LLM call is an LLM span with no LLM span above it:
 * instrumentations such as the Vercel AI SDK nest the provider's call ({@code ai.streamText.doStream}) under the SDK's
 * ({@code ai.streamText}) and repeat the model, usage and payloads on it, and one call should not count twice. Its
 * model and tokens are its own, else those of the first LLM span below it that has them. Every span also belongs to
 * the nearest call at or above it, so that the spans a tool call makes (HTTP, database) count as the tool call's time.
 * Built in O(n): the subtrees of LLM calls are disjoint, so each span is looked at once for them.
 */
public final class Calls {

    /** What a span's time counts as: the nearest call at or above it, or neither. */
    enum Within {
        LLM_CALL, TOOL_CALL, OTHER
    }

    private final Within[] within;
    private final boolean[] llmCall;
    private final int[] modelFrom;
    private final int[] tokensFrom;

    private Calls(Within[] within, boolean[] llmCall, int[] modelFrom, int[] tokensFrom) {
        this.within = within;
        this.llmCall = llmCall;
        this.modelFrom = modelFrom;
        this.tokensFrom = tokensFrom;
    }

    public static Calls of(TraceTree tree) {
        List<Node> preorder = tree.preorder();
        int n = preorder.size();
        Within[] within = new Within[n];
        boolean[] llmCall = new boolean[n];
        int[] modelFrom = new int[n];
        int[] tokensFrom = new int[n];
        for (Node node : preorder) {
            int at = node.position();
            Within above = node.parent() == null ? Within.OTHER : within[node.parent().position()];
            within[at] = node.llmCall() ? Within.LLM_CALL : node.toolCall() ? Within.TOOL_CALL : above;
            llmCall[at] = node.llmCall() && above != Within.LLM_CALL;
            if (llmCall[at]) {
                modelFrom[at] = first(preorder, node, span -> span.model() != null || span.provider() != null);
                tokensFrom[at] = first(preorder, node, span -> span.inputTokens() != null || span.outputTokens() != null);
            }
        }
        return new Calls(within, llmCall, modelFrom, tokensFrom);
    }

    /** The position of the first LLM span in the call's subtree, itself first, that has what is asked; -1 for none. */
    private static int first(List<Node> preorder, Node call, Predicate<TraceSpan> has) {
        for (int at = call.position(); at < call.position() + call.subtreeSize(); at++) {
            Node node = preorder.get(at);
            if (node.llmCall() && has.test(node.span())) {
                return at;
            }
        }
        return -1;
    }

    /** Whether the span at this position is an LLM call (an LLM span with none above it). */
    public boolean llmCall(int position) {
        return llmCall[position];
    }

    /** What the span's time counts as. */
    Within within(int position) {
        return within[position];
    }

    /** The span whose model and provider describe the call at this position; -1 when none says. */
    public int modelFrom(int position) {
        return modelFrom[position];
    }

    /** The span whose token counts are the call's; -1 when none reports tokens. */
    public int tokensFrom(int position) {
        return tokensFrom[position];
    }
}
