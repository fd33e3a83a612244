package com.opstower.raindrop.trace.tree;

import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.Markdown.Preview;
import com.opstower.raindrop.trace.read.ErrorReason;
import com.opstower.raindrop.trace.read.SpanFacts;
import com.opstower.raindrop.trace.read.SpanPayload;
import com.opstower.raindrop.trace.read.TraceTree;
import com.opstower.raindrop.trace.read.TraceTree.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the system did, for the header: the tool calls and retrievals in the order they started, one line each,
 * {@code name(arguments) → result} with the span id and, when the result answers about another thing than the
 * arguments asked for, the fields that changed ({@link ResultMismatch}); then the final output. An agent that reads
 * only the header knows what the turn did and where to look.
 */
final class TraceStory {

    /** Calls listed at most: the first and the last half of them, the others counted between. */
    static final int LISTED_CALLS = 10;
    static final int ARGUMENTS_CHARS = 100;
    static final int RESULT_CHARS = 160;

    private TraceStory() {
    }

    /**
     * The story and the calls it flags.
     *
     * @param text markdown, at most the {@code maxChars} asked for; empty when the trace has no tool call or retrieval
     * @param differing the calls the text lists whose result differs from their arguments
     */
    record Story(String text, Set<Node> differing) {
        static final Story NONE = new Story("", Set.of());
    }

    /** The story, listing fewer calls to fit {@code maxChars}. */
    static Story of(TraceTree tree, Salience salience, PayloadPreviews previews, int maxChars) {
        List<Node> calls = new ArrayList<>();
        for (Node node : tree.preorder()) {
            if (node.toolCall() || node.retrieval()) {
                calls.add(node);
            }
        }
        if (calls.isEmpty()) {
            return Story.NONE;
        }
        // Start order across the whole tree; the sort is stable, so spans without a start keep their reading order.
        calls.sort(Comparator.comparingLong((Node node) -> node.span().startTimeNs() <= 0 ? Long.MAX_VALUE
                : node.span().startTimeNs()));
        // Only the lines that may be listed are made: the first and the last few.
        int half = LISTED_CALLS / 2;
        List<String> lines = new ArrayList<>(Math.min(calls.size(), 2 * half));
        List<Node> listed = new ArrayList<>(Math.min(calls.size(), 2 * half));
        List<Boolean> differs = new ArrayList<>(Math.min(calls.size(), 2 * half));
        for (int i = 0; i < calls.size(); i++) {
            if (calls.size() <= 2 * half || i < half || i >= calls.size() - half) {
                Node call = calls.get(i);
                String mismatch = mismatch(call.span().input(), call.span().output(), previews);
                lines.add(call(i + 1, call, salience.recoveredBy(call), mismatch));
                listed.add(call);
                differs.add(!mismatch.isEmpty());
            }
        }
        String title = "**What the trace did** (tool calls and retrievals, in the order they started):\n";
        String ending = finalOutput(tree, previews);
        for (; half >= 0; half--) {
            String story = story(title, lines, calls.size(), half, ending);
            if (story.length() <= maxChars) {
                Set<Node> differing = Collections.newSetFromMap(new IdentityHashMap<>());
                for (int i = 0; i < listed.size(); i++) {
                    boolean shown = calls.size() <= 2 * half || i < half || i >= listed.size() - half;
                    if (shown && differs.get(i)) {
                        differing.add(listed.get(i));
                    }
                }
                return new Story(story, differing);
            }
        }
        return Story.NONE;
    }

    /**
     * All {@code lines}, or the first and last {@code half} of the {@code calls} around a count of the rest.
     *
     * @param lines the lines of all calls, or of the first and last {@link #LISTED_CALLS} / 2 when there are more
     */
    private static String story(String title, List<String> lines, int calls, int half, String ending) {
        StringBuilder story = new StringBuilder(title);
        if (calls <= 2 * half) {
            lines.forEach(line -> story.append(line).append('\n'));
        } else {
            lines.subList(0, half).forEach(line -> story.append(line).append('\n'));
            int skipped = calls - 2 * half;
            story.append("- … ").append(Markdown.count(skipped, "more call")).append(" (")
                    .append(half + 1).append('–').append(half + skipped)
                    .append("): `span_type: [\"TOOL_CALL\", \"RETRIEVAL\"]` draws them all\n");
            lines.subList(lines.size() - half, lines.size()).forEach(line -> story.append(line).append('\n'));
        }
        return story.append(ending).toString();
    }

    /**
     * {@code 3. `get_order({"order_id":"NW-1"})` → `{"status":"delivered"}` · span `…`}, and the fields whose value the
     * result changed from the arguments.
     */
    private static String call(int number, Node node, Node recoveredBy, String mismatch) {
        SpanPayload input = node.span().input();
        SpanPayload output = node.span().output();
        StringBuilder line = new StringBuilder(96 + ARGUMENTS_CHARS + RESULT_CHARS).append(number).append(". ")
                .append(node.error() && recoveredBy == null ? "❌ " : "");
        Markdown.appendCode(line, Markdown.label(node.span().spanName(), "unnamed span") + "("
                + (input == null ? "" : cut(input, ARGUMENTS_CHARS)) + ")");
        line.append(" → ");
        if (output == null) {
            line.append("no output");
        } else if (output.head().isEmpty()) {
            line.append("(blank)");
        } else {
            Markdown.appendCode(line, cut(output, RESULT_CHARS));
        }
        line.append(" · span ");
        Markdown.appendCode(line, Markdown.collapseWhitespace(String.valueOf(node.span().spanId())));
        if (node.error()) {
            line.append(recoveredBy == null ? " · **" + node.span().status() + "**" + ErrorReason.note(node.span())
                    : " · failed" + ErrorReason.note(node.span()) + ", recovered by ");
            if (recoveredBy != null) {
                Markdown.appendCode(line, Markdown.collapseWhitespace(String.valueOf(recoveredBy.span().spanId())));
            }
        }
        if (!mismatch.isEmpty()) {
            Markdown.appendCode(line.append(" · **result differs from arguments**: "), mismatch);
        }
        return line.toString();
    }

    /** {@link ResultMismatch} of a call whose arguments and result are short JSON objects; else empty. */
    private static String mismatch(SpanPayload arguments, SpanPayload result, PayloadPreviews previews) {
        if (arguments == null || result == null || !startsAsObject(arguments) || !startsAsObject(result)
                || arguments.length() > ResultMismatch.MAX_PAYLOAD_CHARS || result.length() > ResultMismatch.MAX_PAYLOAD_CHARS) {
            return "";
        }
        Map<String, String> asked = previews.read(arguments, ResultMismatch::scalars);
        return asked.isEmpty() ? "" : previews.read(result, (chars, offset, length) -> ResultMismatch.of(asked, chars, offset, length));
    }

    private static boolean startsAsObject(SpanPayload payload) {
        return !payload.head().isEmpty() && payload.head().charAt(0) == '{';
    }

    private static boolean startsAsJson(SpanPayload payload) {
        return !payload.head().isEmpty() && (payload.head().charAt(0) == '[' || payload.head().charAt(0) == '{');
    }

    /** The payload's head, cut to {@code max} characters, with "…" when more follows. */
    private static String cut(SpanPayload payload, int max) {
        Preview head = Markdown.preview(payload.head(), max);
        return head.clipped() || payload.clipped() ? head.text() + "…" : head.text();
    }

    /**
     * The turn's answer: the output of the first root that has one; else of the LLM call that ended last among those
     * that answered in text rather than with JSON (tool calls, a verdict), else among all.
     */
    private static String finalOutput(TraceTree tree, PayloadPreviews previews) {
        Node answer = null;
        for (Node root : tree.roots()) {
            if (root.span().output() != null) {
                answer = root;
                break;
            }
        }
        for (boolean textOnly : new boolean[] {true, false}) {
            for (Node node : answer == null ? tree.preorder() : List.<Node>of()) {
                SpanPayload output = node.span().output();
                if (node.llmCall() && output != null && !(textOnly && startsAsJson(output))
                        && (answer == null || SpanFacts.endNs(node.span()) >= SpanFacts.endNs(answer.span()))) {
                    answer = node;
                }
            }
        }
        if (answer == null) {
            return "";
        }
        StringBuilder line = new StringBuilder(previews.previewLength() + 96).append("**Final output** (span ");
        Markdown.appendCode(line, Markdown.collapseWhitespace(String.valueOf(answer.span().spanId()))).append("): ");
        SpanPayload output = answer.span().output();
        if (output.head().isEmpty()) {
            return line.append("(blank)\n").toString();
        }
        boolean asMessages = PayloadPreviews.mayBeMessages(answer, output);
        return Markdown.appendCode(line, previews.shown(output, asMessages)).append(previews.note(output, asMessages))
                .append('\n').toString();
    }
}
