package com.opstower.raindrop.trace.tree;

import com.opstower.raindrop.queryapi.Queries.TraceQuery;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.trace.read.BodyRange;
import com.opstower.raindrop.trace.read.SpanPayload;
import com.opstower.raindrop.trace.read.TraceReader;
import com.opstower.raindrop.trace.read.TraceTree.Node;
import com.opstower.raindrop.trace.message.ChatPayload;
import com.opstower.raindrop.trace.message.MessagePreview;
import java.util.Optional;

/**
 * How the tree previews a payload: its head, or for a chat payload its messages, and what the preview leaves out,
 * told truthfully: the payload's length, or that the upstream cut it at {@code trunc_len} and how far get_span reads.
 * A payload the tree reads again whole, a chat payload shown or one compared with its parent's, is read from the body
 * it came in, and only then.
 */
final class PayloadPreviews {

    private final ResponseBody body;
    private final int previewLength;
    private final int truncLen;
    private final boolean getSpanReadsMore;
    private byte[] bytes;
    private SpanPayload lastRead;
    private Optional<ChatPayload> lastMessages;

    /**
     * @param truncLen the {@code trunc_len} the trace was read with: a payload this long was cut upstream
     * @param getSpanReadsMore whether get_span reads this trace, so more of a payload cut upstream: not when the
     *        trace was read again after it passed the cap
     */
    PayloadPreviews(ResponseBody body, int previewLength, int truncLen, boolean getSpanReadsMore) {
        this.body = body;
        this.previewLength = previewLength;
        this.truncLen = truncLen;
        this.getSpanReadsMore = getSpanReadsMore;
    }

    int previewLength() {
        return previewLength;
    }

    /** Whether the upstream cut the payload at {@code trunc_len}: there is more than the trace holds. */
    boolean cutUpstream(SpanPayload payload) {
        return payload.length() >= truncLen;
    }

    /**
     * Whether the payload may be chat messages, worth reading whole once shown: an LLM call's payload that starts as
     * JSON does.
     */
    static boolean mayBeMessages(Node node, SpanPayload payload) {
        return node.llmCall() && !payload.head().isEmpty()
                && (payload.head().charAt(0) == '[' || payload.head().charAt(0) == '{');
    }

    /**
     * Characters of a wide preview, twice a text's head: a chat payload's roles and newest messages, a call's short
     * payload whole, a span's attributes.
     */
    int widePreviewLength() {
        return 2 * previewLength;
    }

    /**
     * Whether a clipped payload is shown whole rather than by its head: one of at most {@link #widePreviewLength()}
     * characters that {@code shortShownWhole} asks for (a call's arguments or result, which would otherwise cost a
     * get_span for a few hundred characters), unless the upstream cut it or it reads as chat messages.
     */
    boolean showsWhole(SpanPayload payload, boolean shortShownWhole, boolean asMessages) {
        return shortShownWhole && payload.clipped() && payload.length() <= widePreviewLength() && !cutUpstream(payload)
                && !(asMessages && messages(payload).isPresent());
    }

    /**
     * {@code - input: `head` … (9,331 chars)}, unindented; a chat payload ({@code asMessages}, read whole now) as its
     * messages: {@code - input: `16 messages: system · user · … · tool. Newest: …` (9,331 chars)}; a short payload
     * {@link #showsWhole} asks for, whole.
     */
    String item(String field, SpanPayload payload, boolean asMessages, boolean shortShownWhole) {
        StringBuilder item = new StringBuilder(previewLength + 96).append("- ").append(field).append(": ");
        if (payload.head().isEmpty()) {
            return item.append("(blank)").toString();
        }
        if (showsWhole(payload, shortShownWhole, asMessages)) {
            return Markdown.appendCode(item, read(payload, (chars, offset, length) ->
                    Markdown.preview(chars, offset, length, widePreviewLength()).text())).toString();
        }
        // Inline code: no backtick, asterisk or angle bracket inside a payload can break the markdown around it.
        return Markdown.appendCode(item, shown(payload, asMessages)).append(note(payload, asMessages)).toString();
    }

    /** What the item says of the payload's length or cut: a chat payload's preview is a digest, not a head going on. */
    String note(SpanPayload payload, boolean asMessages) {
        String note = cutNote(payload);
        return asMessages && !note.isEmpty() && messages(payload).isPresent() ? note.substring(2) : note;
    }

    /**
     * The preview of the payload: its messages' when it reads as chat messages, else its head. A chat payload cut
     * upstream before its first message ended (a system prompt longer than {@code trunc_len}) shows only the start of
     * its head: the rest would be the system prompt, which every call repeats.
     */
    String shown(SpanPayload payload, boolean asMessages) {
        if (!asMessages) {
            return payload.head();
        }
        Optional<ChatPayload> chat = messages(payload);
        if (chat.isPresent()) {
            return MessagePreview.of(chat.get(), widePreviewLength());
        }
        return cutUpstream(payload) ? Markdown.preview(payload.head(), CUT_CHAT_HEAD).text() : payload.head();
    }

    /** Characters shown of a chat payload cut inside its first message: enough to see whose message it is. */
    static final int CUT_CHAT_HEAD = 48;

    /** The payload read whole as chat messages, once: the item and its note both ask. */
    private Optional<ChatPayload> messages(SpanPayload payload) {
        if (payload != lastRead) {
            lastRead = payload;
            lastMessages = TraceReader.readPayload(bytes(), payload, ChatPayload::parse);
        }
        return lastMessages;
    }

    /**
     * The length of {@link #item} of a chat payload without reading it, when its preview holds no backtick (which
     * inline code would pad): an estimate for choosing whether everything fits, checked before it is relied on.
     */
    int messagesItemEstimate(String field, SpanPayload payload) {
        return 4 + field.length() + Math.max(payload.head().length(), widePreviewLength()) + 2 + cutNote(payload).length();
    }

    /** The payload handed to {@code reader} whole, read again from the body. */
    <T> T read(SpanPayload payload, TraceReader.PayloadChars<T> reader) {
        return TraceReader.readPayload(bytes(), payload, reader);
    }

    /** The item of a span's attributes, read again from the body ({@link AttributeItem}); null when it has none. */
    String attributesItem(BodyRange attributes) {
        return AttributeItem.of(TraceReader.readAttributes(bytes(), attributes), widePreviewLength());
    }

    /** {@code - output: same as parent `…`}, for a payload its parent span carries too. */
    static String sameAsParent(String field, Node parent) {
        return Markdown.appendCode(new StringBuilder(64).append("- ").append(field).append(": same as parent "),
                Markdown.collapseWhitespace(parent.span().spanId())).toString();
    }

    /** Whether {@code payload} is the same text as {@code parentPayload}, compared in the body's bytes. */
    boolean same(SpanPayload payload, SpanPayload parentPayload) {
        return parentPayload != null && payload.length() == parentPayload.length()
                && TraceReader.samePayload(bytes(), payload, parentPayload);
    }

    /** What the head leaves out; empty when it is the whole payload. */
    String cutNote(SpanPayload payload) {
        if (!payload.clipped()) {
            return "";
        }
        if (cutUpstream(payload)) {
            return " … (cut upstream at trunc_len " + Markdown.grouped(truncLen)
                    + (getSpanReadsMore ? "; get_span reads up to " + Markdown.grouped(TraceQuery.MAX_TRUNC_LEN) : "") + ")";
        }
        return " … (" + Markdown.grouped(payload.length()) + " chars)";
    }

    private byte[] bytes() {
        if (bytes == null) {
            bytes = body.toArray();
        }
        return bytes;
    }
}
