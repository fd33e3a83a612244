package com.opstower.raindrop.trace.span;

import static com.opstower.raindrop.tool.Markdown.code;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.trace.message.ChatPayload;
import com.opstower.raindrop.trace.message.MessageOutline;
import com.opstower.raindrop.trace.read.TraceReader;
import com.opstower.raindrop.trace.read.TraceSpan;
import com.opstower.raindrop.trace.tree.SpanLines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent reads about one span: its summary line, then a window on each payload asked for, fenced so that no
 * content can break out of it; a chat payload too long for its window and read from no offset, an outline of its
 * messages instead. Pure: the body's bytes in, {@link ToolResult} out. Reads the body once, without the
 * tree: only the span asked for is kept, with its payloads whole.
 */
public final class SpanRenderer {

    /** The fields a span's content is read from, in the order they are shown. */
    public static final List<String> FIELDS = List.of("input", "output", "attributes");

    /** The largest window on one payload; without {@code field}, each of the three gets a third of it at most. */
    public static final int MAX_WINDOW = 40_000;

    /** Strict: a payload is JSON only when all of it is. */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * What to show.
     *
     * @param field one of {@link #FIELDS}, or null for all three
     * @param offset where the window starts; null when not asked, so that a chat payload longer than the window is
     *        outlined by message instead
     * @param pointer a JSON Pointer into the field, or null
     * @param truncLen the {@code trunc_len} the body was read with: a payload this long was cut upstream
     */
    public record Request(String spanId, String field, Integer offset, int maxChars, String pointer, int truncLen) {

        int start() {
            return offset == null ? 0 : offset;
        }
    }

    private SpanRenderer() {
    }

    /**
     * @throws ToolFailure {@code NOT_FOUND} for a span id the body does not hold, {@code INVALID_ARGUMENT} for a
     *         pointer that cannot be followed, {@code UPSTREAM_BAD_RESPONSE} on a body {@link TraceReader} rejects
     */
    public static ToolResult render(String eventId, ResponseBody body, Request request) {
        // Other spans are only counted: no previews are made of their payloads.
        TraceSpan[] found = new TraceSpan[1];
        TraceReader.WholePayloads[] whole = new TraceReader.WholePayloads[1];
        int spans = TraceReader.readWhole(body.newInputStream(), request.spanId()::equals, (span, payloads) -> {
            if (payloads != null && found[0] == null) {
                found[0] = span;
                whole[0] = payloads;
            }
        });
        if (found[0] == null) {
            throw new ToolFailure(ErrorCode.NOT_FOUND,
                    "No span " + code(request.spanId()) + " in the trace of event " + code(eventId) + " ("
                            + Markdown.count(spans, "span") + " read).",
                    "Call get_trace with this `event_id` to see the span ids of its trace, then get_span with one of them.");
        }
        return render(eventId, found[0], whole[0], request);
    }

    private static ToolResult render(String eventId, TraceSpan span, TraceReader.WholePayloads whole, Request request) {
        StringBuilder text = new StringBuilder(1024)
                .append("## Span ").append(code(request.spanId())).append(" · event ").append(code(eventId)).append("\n\n")
                .append(SpanLines.summary(span)).append('\n');
        List<String> fields = request.field() == null ? FIELDS : List.of(request.field());
        int window = request.field() == null ? Math.min(request.maxChars(), MAX_WINDOW / FIELDS.size()) : request.maxChars();
        List<Map<String, Object>> shownData = new ArrayList<>(fields.size());
        for (String field : fields) {
            String content = content(whole, field);
            text.append("\n### ").append(field);
            if (content == null) {
                text.append("\n\nThe span has no ").append(field).append(".\n");
                shownData.add(Map.of("field", field, "present", false));
                continue;
            }
            boolean cutUpstream = !"attributes".equals(field) && content.length() >= request.truncLen();
            if (request.pointer() != null) {
                content = pointInto(span, field, content, request.pointer(), cutUpstream);
                text.append(" at ").append(code(request.pointer()));
            }
            Optional<ChatPayload> chat = outlined(field, content, request, window);
            shownData.add(chat.isPresent() ? appendOutline(text, field, content, chat.get(), request, cutUpstream)
                    : appendWindow(text, field, content, request, window, cutUpstream));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_id", eventId);
        data.put("span_id", request.spanId());
        if (request.pointer() != null) {
            data.put("pointer", request.pointer());
        }
        data.put("fields", shownData);
        return ToolResult.ok(text.toString(), data);
    }

    private static String content(TraceReader.WholePayloads whole, String field) {
        return switch (field) {
            case "input" -> whole.input();
            case "output" -> whole.output();
            default -> whole.attributes();
        };
    }

    /**
     * The payload as chat messages, when it is outlined: a chat payload longer than the window, read without
     * {@code offset} or {@code pointer}. One that fits is shown whole: its outline would cost more than reading it.
     */
    private static Optional<ChatPayload> outlined(String field, String content, Request request, int window) {
        if (request.offset() != null || request.pointer() != null || "attributes".equals(field)
                || content.length() <= window) {
            return Optional.empty();
        }
        return ChatPayload.parse(content);
    }

    /** Appends the outline of a chat payload: one line per message, with the pointer that reads it. */
    private static Map<String, Object> appendOutline(StringBuilder text, String field, String content, ChatPayload chat,
            Request request, boolean cutUpstream) {
        text.append(" · ").append(Markdown.count(chat.total(), "chat message")).append(" in ")
                .append(Markdown.grouped(content.length())).append(" characters\n\n");
        for (String line : MessageOutline.lines(chat)) {
            text.append(line).append('\n');
        }
        if (chat.cut()) {
            text.append("\nThe ").append(field).append(" is cut short, so no pointer can read it: each line starts with "
                    + "the `offset` its message starts at; call get_span again with `field: \"").append(field)
                    .append("\"` and that `offset`.\n");
        } else {
            text.append("\nEach line starts with the JSON Pointer that reads that message: call get_span again with "
                    + "`field: \"").append(field).append("\"` and that `pointer`, or with `offset: 0` to read the ")
                    .append(field).append(" as text, a window at a time.\n");
        }
        appendCutUpstream(text, field, request, cutUpstream);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("field", field);
        data.put("length", content.length());
        data.put("cut_upstream", cutUpstream);
        data.put("messages", chat.total());
        data.put("outlined", true);
        return data;
    }

    private static void appendCutUpstream(StringBuilder text, String field, Request request, boolean cutUpstream) {
        if (cutUpstream) {
            text.append("\nThe ").append(field).append(" reached the Query API's cap of ").append(Markdown.grouped(request.truncLen()))
                    .append(" characters (`trunc_len`): Raindrop cut it there, and no call can show more of it.\n");
        }
    }

    /** Appends the window on {@code content} the request asks for, and says where the next one starts. */
    private static Map<String, Object> appendWindow(StringBuilder text, String field, String content, Request request,
            int window, boolean cutUpstream) {
        int length = content.length();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("field", field);
        data.put("length", length);
        data.put("cut_upstream", cutUpstream);
        if (request.start() >= length && length > 0) {
            text.append(" · offset ").append(Markdown.grouped(request.start())).append(" is past the end\n\n")
                    .append("The ").append(field).append(" has ").append(Markdown.grouped(length))
                    .append(" characters: call get_span again with an `offset` below ").append(Markdown.grouped(length))
                    .append(", such as `offset: 0`.\n");
            data.put("offset", request.start());
            data.put("shown_chars", 0);
            return data;
        }
        int start = Math.min(request.start(), length);
        int end = (int) Math.min(length, (long) start + window);
        // A window never splits a surrogate pair: it ends before the pair unless the pair is all it holds.
        if (end < length && end - start > 1 && Character.isHighSurrogate(content.charAt(end - 1))) {
            end--;
        }
        text.append(" · characters ").append(Markdown.grouped(start)).append('–').append(Markdown.grouped(end)).append(" of ")
                .append(Markdown.grouped(length)).append("\n\n")
                .append(Markdown.fence("text", content.substring(start, end))).append('\n');
        if (end < length) {
            text.append("\nMore remains: call get_span again with ").append(nextCall(field, request, end)).append(".\n");
        }
        appendCutUpstream(text, field, request, cutUpstream);
        data.put("offset", start);
        data.put("shown_chars", end - start);
        data.put("next_offset", end < length ? end : null);
        return data;
    }

    private static String nextCall(String field, Request request, int nextOffset) {
        return "`field: \"" + field + "\"`" + (request.pointer() == null ? "" : ", the same `pointer`")
                + ", `offset: " + nextOffset + "`";
    }

    /** The part of a JSON payload the pointer names: a string as its text, anything else as indented JSON. */
    private static String pointInto(TraceSpan span, String field, String content, String pointer, boolean cutUpstream) {
        JsonPointer compiled;
        try {
            compiled = JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw ToolFailure.invalidArgument("`pointer` " + code(pointer) + " is not a JSON Pointer (RFC 6901): it must "
                            + "start with `/`, with `~0` for `~` and `~1` for `/` inside a key.",
                    "Call get_span again with a pointer such as `/messages/0/content`, or without `pointer`.");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            throw ToolFailure.invalidArgument("`pointer` needs a payload that is JSON text, but the " + field
                            + " of span " + code(span.spanId()) + " is " + (cutUpstream
                                    ? "JSON cut upstream at " + Markdown.grouped(content.length()) + " characters, no longer whole"
                                    : "plain text of " + Markdown.grouped(content.length()) + " characters")
                            + ", starting " + code(Markdown.preview(content, 60).text()) + ".",
                    "Call get_span again without `pointer`, reading the " + field + " with `offset` and `max_chars`.");
        }
        JsonNode node = root.at(compiled);
        if (node.isMissingNode()) {
            throw ToolFailure.invalidArgument("`pointer` " + code(pointer) + " matches nothing in the " + field
                            + " of span " + code(span.spanId()) + ", which is " + describe(root) + ".",
                    "Call get_span again with a pointer into what is there, or without `pointer` to read the " + field
                            + " whole.");
        }
        try {
            return node.isTextual() ? node.textValue() : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always writes", e);
        }
    }

    /** What a JSON payload is, for an agent choosing a pointer: its kind and first keys or its size. */
    private static String describe(JsonNode root) {
        if (root.isObject()) {
            List<String> keys = new ArrayList<>();
            root.fieldNames().forEachRemaining(key -> {
                if (keys.size() < 10) {
                    keys.add(code(Markdown.preview(key, 40).text()));
                }
            });
            return "a JSON object with " + Markdown.count(root.size(), "key")
                    + (keys.isEmpty() ? "" : " (" + String.join(", ", keys) + (root.size() > keys.size() ? ", …" : "") + ")");
        }
        if (root.isArray()) {
            return "a JSON array of " + Markdown.count(root.size(), "item") + " (indexes 0–" + Math.max(0, root.size() - 1) + ")";
        }
        return "a single JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
