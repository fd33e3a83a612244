package com.opstower.raindrop.trace.message;

/**
 * One piece of a message: a text, a tool call with its arguments, or a tool result with its content. The value (the
 * text, the arguments, the result) is located in the payload by its JSON Pointer, for get_span's {@code pointer},
 * and by its characters {@code [start, end)}, for comparing payloads; only its head is kept.
 *
 * @param name the tool's name, for a call or a result; null when the payload does not say it
 * @param callId the tool call's id, for a call or a result; null when the payload does not say it
 * @param pointer the JSON Pointer of the value; null for a call without arguments
 * @param string whether the value is a JSON string; else it is JSON (an object, an array, a number…) read as its text
 * @param length characters of the value: of the text for a string (escapes decoded), of its JSON text otherwise
 * @param head the value's start, whitespace collapsed, at most {@link #HEAD} characters
 * @param clipped whether the value goes on past its head
 */
public record MessagePart(Kind kind, String name, String callId, String pointer, int start, int end, boolean string,
        int length, String head, boolean clipped) {

    /** Characters of a value's head: enough for a preview line or an outline line. */
    public static final int HEAD = 200;

    public enum Kind {
        TEXT, TOOL_CALL, TOOL_RESULT
    }

    /** This part as the result of a call, with the call's tool name when it had none. */
    MessagePart asResult(String toolName, String toolCallId) {
        return new MessagePart(Kind.TOOL_RESULT, name != null ? name : toolName, callId != null ? callId : toolCallId,
                pointer, start, end, string, length, head, clipped);
    }

    /** This part with the call id the payload gave after it. */
    MessagePart withCallId(String id) {
        return new MessagePart(kind, name, id, pointer, start, end, string, length, head, clipped);
    }
}
