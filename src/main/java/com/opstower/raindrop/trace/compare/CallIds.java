package com.opstower.raindrop.trace.compare;

import java.util.Arrays;

/**
 * Tool call ids, which a provider or SDK draws anew on every run ({@code call_R3nWq8XkT1bLz5Gd0VhC}): two runs that
 * asked the same tools the same things differ in nothing else, and one part of an LLM call's input would hide where
 * the conversations really part. They are masked, each character of the id as {@code *}, so that positions still count
 * characters of the payload as sent. Recognised: the values of {@code toolCallId} (Vercel AI SDK), {@code tool_call_id}
 * (OpenAI), {@code tool_use_id} (Anthropic), and of {@code id} when they start with {@code call_} or {@code toolu_}
 * (OpenAI's tool calls, OpenTelemetry GenAI's parts, Anthropic's tool uses).
 */
final class CallIds {

    private static final String[] KEYS = {"\"toolCallId\"", "\"tool_call_id\"", "\"tool_use_id\"", "\"id\""};
    private static final String[] ID_PREFIXES = {"call_", "toolu_"};

    private CallIds() {
    }

    /** The text with its tool call ids masked; the text itself when it holds none. */
    static String masked(String text) {
        char[] chars = null;
        for (String key : KEYS) {
            for (int at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + key.length())) {
                int start = valueStart(text, at + key.length());
                if (start < 0 || key.equals("\"id\"") && !startsWithIdPrefix(text, start)) {
                    continue;
                }
                int end = start;
                while (end < text.length() && text.charAt(end) != '"' && text.charAt(end) != '\\') {
                    end++;
                }
                if (chars == null) {
                    chars = text.toCharArray();
                }
                Arrays.fill(chars, start, end, '*');
            }
        }
        return chars == null ? text : new String(chars);
    }

    /** Where the string value after a key starts: past the colon, spaces and the opening quote; -1 when it is no string. */
    private static int valueStart(String text, int from) {
        int at = skipSpaces(text, from);
        if (at >= text.length() || text.charAt(at) != ':') {
            return -1;
        }
        at = skipSpaces(text, at + 1);
        return at < text.length() && text.charAt(at) == '"' ? at + 1 : -1;
    }

    private static int skipSpaces(String text, int from) {
        int at = from;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean startsWithIdPrefix(String text, int at) {
        for (String prefix : ID_PREFIXES) {
            if (text.startsWith(prefix, at)) {
                return true;
            }
        }
        return false;
    }
}
