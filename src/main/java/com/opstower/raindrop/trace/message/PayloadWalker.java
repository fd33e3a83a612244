package com.opstower.raindrop.trace.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.opstower.raindrop.tool.Markdown;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one place that knows the shapes LLM payloads are sent in. Walks a payload's JSON text with Jackson's streaming
 * parser, in one pass, and hands on each message it holds as a {@link ChatMessage}. Shapes:
 * <ul>
 * <li>a JSON array of messages, or one message object;</li>
 * <li>an object wrapping them: {@code messages}, {@code gen_ai.input.messages}, {@code gen_ai.output.messages},
 * Gemini's {@code contents}, a completion's {@code choices[].message}, {@code prompt} (a text or messages), with a
 * {@code system} text or {@code gen_ai.system_instructions} beside them (the Vercel AI SDK's
 * {@code {"system":…,"messages":[…]}});</li>
 * <li>a message: {@code role} with {@code content} (a text or a list of parts), or OpenTelemetry GenAI's and
 * Gemini's {@code parts}; OpenAI's {@code tool_calls} ({@code function.name/arguments}), legacy
 * {@code function_call}, and {@code tool} or {@code function} messages answering a call;</li>
 * <li>a part: a text ({@code text}, or {@code content} in OpenTelemetry's), a tool call (Anthropic's
 * {@code tool_use}, the Vercel AI SDK's {@code tool-call}, OpenTelemetry's {@code tool_call}, Gemini's
 * {@code functionCall}) or a tool result ({@code tool_result}, {@code tool-result}, {@code tool_call_response},
 * {@code functionResponse}); other parts (images, files) hold no text and are passed over.</li>
 * </ul>
 * Anything else is not messages. The walk descends only as deep as these shapes go and skips every other value with
 * Jackson's iterative skip, so its time is linear in the payload and deep nesting costs no stack (Jackson refuses
 * nesting past 1,000 levels, which makes the payload plain text). A payload that ends early, as one cut upstream
 * at {@code trunc_len} does, still yields the messages read whole before the cut.
 */
final class PayloadWalker {

    /** What a payload turned out to be. */
    enum Outcome {
        MESSAGES, CUT, NOT_MESSAGES
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** Characters of a value scanned for its head: whitespace collapses, so more than the head, but never all. */
    private static final int HEAD_SCAN = 4 * MessagePart.HEAD;

    /** Calls whose tool names are remembered for the results that name only their call's id. */
    private static final int REMEMBERED_CALLS = 256;

    private static final Set<String> CALL_TYPES = Set.of("tool_use", "tool-call", "tool_call", "function_call");
    private static final Set<String> RESULT_TYPES = Set.of("tool_result", "tool-result", "tool_call_response",
            "function_call_output");

    private final char[] chars;
    private final int offset;
    private final JsonParser parser;
    private final Consumer<ChatMessage> sink;
    private int messages;
    /** Messages from instructions beside a wrapper's messages: by themselves they make no chat payload. */
    private int instructions;
    private final Map<String, String> toolNames = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_CALLS;
        }
    };

    private PayloadWalker(char[] chars, int offset, JsonParser parser, Consumer<ChatMessage> sink) {
        this.chars = chars;
        this.offset = offset;
        this.parser = parser;
        this.sink = sink;
    }

    /**
     * Hands each message of {@code chars[offset, offset + length)} to {@code sink}, in the order of the payload. When
     * the outcome is {@link Outcome#NOT_MESSAGES} the messages handed on so far mean nothing.
     */
    static Outcome walk(char[] chars, int offset, int length, Consumer<ChatMessage> sink) {
        if (!startsLikeJson(chars, offset, length)) {
            // Plain text, most payloads: refused without a parser or the exception it would throw.
            return Outcome.NOT_MESSAGES;
        }
        try (JsonParser parser = JSON.createParser(chars, offset, length)) {
            return new PayloadWalker(chars, offset, parser, sink).walk();
        } catch (IOException e) {
            return Outcome.NOT_MESSAGES;
        }
    }

    /** Whether the first character that is not JSON whitespace opens an array or an object. */
    private static boolean startsLikeJson(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return c == '[' || c == '{';
            }
        }
        return false;
    }

    /** The JSON string {@code chars[offset, offset + length)}, quotes included, decoded. */
    static String decode(char[] chars, int offset, int length) {
        try (JsonParser parser = JSON.createParser(chars, offset, length)) {
            parser.nextToken();
            return parser.getText();
        } catch (IOException e) {
            throw new IllegalStateException("a string the walk read decodes again", e);
        }
    }

    private Outcome walk() {
        try {
            JsonToken first = parser.nextToken();
            boolean shaped = first == JsonToken.START_ARRAY ? messageArray("", null)
                    : first == JsonToken.START_OBJECT && topObject();
            return shaped && messages > 0 && parser.nextToken() == null ? Outcome.MESSAGES : Outcome.NOT_MESSAGES;
        } catch (JsonEOFException e) {
            return messages > instructions ? Outcome.CUT : Outcome.NOT_MESSAGES;
        } catch (IOException e) {
            // Malformed JSON, or nesting past Jackson's limit.
            return Outcome.NOT_MESSAGES;
        }
    }

    private void emit(ChatMessage message) {
        messages++;
        sink.accept(message);
    }

    /** An array of messages, the parser on its start; false as soon as an element is not a message. */
    private boolean messageArray(String pointer, String defaultRole) throws IOException {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return false;
            }
            if (!message(pointer + "/" + index++, defaultRole)) {
                return false;
            }
        }
        return true;
    }

    /** A message object, the parser on its start, handed on; false when it is not one. */
    private boolean message(String pointer, String defaultRole) throws IOException {
        Message message = new Message(pointer, defaultRole);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            message.field(key);
        }
        return message.emit();
    }

    /**
     * An object at the top: one message, or a wrapper of messages. Its keys come in any order, so it is read as both
     * until its end.
     */
    private boolean topObject() throws IOException {
        Message single = new Message("", null);
        boolean wrapsMessages = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean read;
            switch (key) {
                case "messages", "gen_ai.input.messages", "gen_ai.output.messages" ->
                        read = value == JsonToken.START_ARRAY && messageArray("/" + key, null);
                case "contents" -> read = value == JsonToken.START_ARRAY && messageArray("/contents", "user");
                case "choices" -> read = value == JsonToken.START_ARRAY && choices();
                case "prompt" -> read = value == JsonToken.START_ARRAY ? messageArray("/prompt", null)
                        : textMessage("/prompt", "user");
                case "system", "gen_ai.system_instructions" -> {
                    // Instructions beside the messages, not messages by themselves.
                    int before = messages;
                    if (!textMessage("/" + key, "system")) {
                        return false;
                    }
                    instructions += messages - before;
                    continue;
                }
                default -> {
                    single.field(key);
                    continue;
                }
            }
            if (!read) {
                return false;
            }
            wrapsMessages = true;
        }
        if (single.role == null) {
            return wrapsMessages;
        }
        return !wrapsMessages && single.emit();
    }

    /** A completion's {@code choices}, the parser on the array's start: each choice's {@code message}. */
    private boolean choices() throws IOException {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return false;
            }
            String pointer = "/choices/" + index++;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isMessage = "message".equals(parser.currentName());
                if (parser.nextToken() == JsonToken.START_OBJECT && isMessage) {
                    if (!message(pointer + "/message", null)) {
                        return false;
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return true;
    }

    /** A message made of one text or a list of parts (a system prompt, a bare prompt); nothing for null. */
    private boolean textMessage(String pointer, String role) throws IOException {
        JsonToken value = parser.currentToken();
        if (value == JsonToken.VALUE_NULL) {
            return true;
        }
        if (value != JsonToken.VALUE_STRING && value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return false;
        }
        Message message = new Message(pointer, role);
        message.content(pointer);
        return message.emit();
    }

    private int tokenStart() {
        return (int) parser.currentTokenLocation().getCharOffset();
    }

    private int position() {
        return (int) parser.currentLocation().getCharOffset();
    }

    /** The value the parser is on, its head read and the rest skipped; null for JSON null. */
    private Value value(String pointer) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        int start = tokenStart();
        if (token == JsonToken.VALUE_STRING) {
            char[] text = parser.getTextCharacters();
            int textOffset = parser.getTextOffset();
            int length = parser.getTextLength();
            return Value.of(pointer, start, position(), true, text, textOffset, length);
        }
        parser.skipChildren();
        int end = position();
        return Value.of(pointer, start, end, false, chars, offset + start, end - start);
    }

    /** A value in the payload, with its head. */
    private record Value(String pointer, int start, int end, boolean string, int length, String head, boolean clipped) {

        static Value of(String pointer, int start, int end, boolean string, char[] text, int from, int length) {
            int scanned = Math.min(length, HEAD_SCAN);
            if (scanned < length && Character.isHighSurrogate(text[from + scanned - 1])) {
                scanned--;
            }
            Markdown.Preview head = Markdown.preview(text, from, scanned, MessagePart.HEAD);
            return new Value(pointer, start, end, string, length, head.text(), head.clipped() || scanned < length);
        }

        MessagePart part(MessagePart.Kind kind, String name, String callId) {
            return new MessagePart(kind, name, callId, pointer, start, end, string, length, head, clipped);
        }
    }

    /** A message's fields as read, in any order, and the message they make. */
    private final class Message {
        private final String pointer;
        private final int start;
        private String role;
        private String name;
        private String toolCallId;
        private final List<MessagePart> parts = new ArrayList<>(2);
        private int partsOmitted;

        /** The parser is on the message's first token. */
        Message(String pointer, String role) {
            this.pointer = pointer;
            this.start = tokenStart();
            this.role = role;
        }

        /** Reads the field the parser is on the value of. */
        void field(String key) throws IOException {
            JsonToken value = parser.currentToken();
            switch (key) {
                case "role" -> role = text(value);
                case "name" -> name = text(value);
                case "tool_call_id" -> toolCallId = text(value);
                case "content" -> content(pointer + "/content");
                case "parts" -> {
                    if (value == JsonToken.START_ARRAY) {
                        partList(pointer + "/parts");
                    } else {
                        parser.skipChildren();
                    }
                }
                case "tool_calls" -> {
                    if (value == JsonToken.START_ARRAY) {
                        toolCalls(pointer + "/tool_calls");
                    } else {
                        parser.skipChildren();
                    }
                }
                case "function_call" -> {
                    if (value == JsonToken.START_OBJECT) {
                        add(function(pointer + "/function_call", null));
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }

        /** A content value: a text, a list of parts, or one part. */
        void content(String at) throws IOException {
            switch (parser.currentToken()) {
                case VALUE_STRING -> add(value(at).part(MessagePart.Kind.TEXT, null, null));
                case START_ARRAY -> partList(at);
                case START_OBJECT -> add(part(at));
                default -> parser.skipChildren();
            }
        }

        private void partList(String at) throws IOException {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String partPointer = at + "/" + index++;
                switch (parser.currentToken()) {
                    case START_OBJECT -> add(part(partPointer));
                    case VALUE_STRING -> add(value(partPointer).part(MessagePart.Kind.TEXT, null, null));
                    default -> parser.skipChildren();
                }
            }
        }

        /** One part object, the parser on its start; null for a part without text (an image, a file). */
        private MessagePart part(String at) throws IOException {
            String type = null;
            String partName = null;
            String callId = null;
            Value text = null;
            Value content = null;
            Value arguments = null;
            Value result = null;
            boolean call = false;
            boolean answer = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (key) {
                    case "type" -> type = text(value);
                    case "text", "thinking" -> text = value(at + "/" + key);
                    case "content" -> content = value(at + "/content");
                    case "id", "tool_use_id", "toolCallId", "tool_call_id", "call_id" -> callId = text(value);
                    case "name", "toolName" -> partName = text(value);
                    case "input", "args", "arguments" -> arguments = value(at + "/" + key);
                    case "result", "output", "response" -> result = value(at + "/" + key);
                    case "functionCall", "functionResponse" -> {
                        if (value != JsonToken.START_OBJECT) {
                            parser.skipChildren();
                            continue;
                        }
                        boolean isCall = "functionCall".equals(key);
                        call |= isCall;
                        answer |= !isCall;
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = parser.currentName();
                            JsonToken innerValue = parser.nextToken();
                            switch (inner) {
                                case "name" -> partName = text(innerValue);
                                case "id" -> callId = text(innerValue);
                                case "args" -> arguments = value(at + "/" + key + "/args");
                                case "response" -> result = value(at + "/" + key + "/response");
                                default -> parser.skipChildren();
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (call || type != null && CALL_TYPES.contains(type)) {
                return call(partName, callId, arguments);
            }
            if (answer || type != null && RESULT_TYPES.contains(type)) {
                Value answered = result != null ? result : content;
                String tool = partName != null ? partName : toolNames.get(callId);
                return answered == null ? new MessagePart(MessagePart.Kind.TOOL_RESULT, tool, callId, null, 0, 0,
                        false, 0, "", false) : answered.part(MessagePart.Kind.TOOL_RESULT, tool, callId);
            }
            Value shown = text != null ? text : content;
            return shown == null ? null : shown.part(MessagePart.Kind.TEXT, null, null);
        }

        /** OpenAI's {@code tool_calls}, the parser on the array's start. */
        private void toolCalls(String at) throws IOException {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String callPointer = at + "/" + index++;
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                String callId = null;
                MessagePart call = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("id".equals(key)) {
                        callId = text(value);
                    } else if ("function".equals(key) && value == JsonToken.START_OBJECT) {
                        call = function(callPointer + "/function", callId);
                    } else {
                        parser.skipChildren();
                    }
                }
                if (call != null && call.callId() == null && callId != null) {
                    // The id came after the function.
                    call = call.withCallId(callId);
                    remember(call);
                }
                add(call);
            }
        }

        /** A call as {@code {"name":…,"arguments":…}}, the parser on its start. */
        private MessagePart function(String at, String callId) throws IOException {
            String functionName = null;
            Value arguments = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (key) {
                    case "name" -> functionName = text(value);
                    case "arguments" -> arguments = value(at + "/arguments");
                    default -> parser.skipChildren();
                }
            }
            return call(functionName, callId, arguments);
        }

        private MessagePart call(String tool, String callId, Value arguments) {
            MessagePart call = arguments == null
                    ? new MessagePart(MessagePart.Kind.TOOL_CALL, tool, callId, null, 0, 0, false, 0, "", false)
                    : arguments.part(MessagePart.Kind.TOOL_CALL, tool, callId);
            remember(call);
            return call;
        }

        private void remember(MessagePart call) {
            if (call.callId() != null && call.name() != null) {
                toolNames.put(call.callId(), call.name());
            }
        }

        private void add(MessagePart part) {
            if (part == null) {
                return;
            }
            if (parts.size() < ChatMessage.MAX_PARTS) {
                parts.add(part);
            } else {
                partsOmitted++;
            }
        }

        /** The message, handed on; false when what was read is not one (no role). The parser is on its end. */
        boolean emit() {
            if (role == null || role.isBlank()) {
                return false;
            }
            boolean answersACall = "tool".equals(role) || "function".equals(role);
            if (answersACall) {
                String tool = name != null ? name : toolNames.get(toolCallId);
                parts.replaceAll(part -> part.kind() == MessagePart.Kind.TEXT ? part.asResult(tool, toolCallId) : part);
            }
            PayloadWalker.this.emit(new ChatMessage(messages, pointer, start, position() - start, role, name,
                    List.copyOf(parts), partsOmitted));
            return true;
        }

        private String text(JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            parser.skipChildren();
            return null;
        }
    }
}
