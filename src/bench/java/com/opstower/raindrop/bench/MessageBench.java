package com.opstower.raindrop.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.opstower.raindrop.trace.message.ChatPayload;
import com.opstower.raindrop.trace.message.MessageOutline;
import com.opstower.raindrop.trace.message.MessageParting;
import com.opstower.raindrop.trace.message.MessagePreview;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A chat payload read as messages, beside the bare streaming parse of the same characters: the parse with the tree's
 * preview, get_span's outline, and where two payloads part. Payloads: 10,000 short messages, and an agent's long
 * conversation of about 4 MB (a 6,000-character system prompt, tool results of a few kilobytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MessageBench {

    @Param({"10000-messages", "4mb-agent"})
    public String payload;

    char[] chars;
    /** The same payload with its last tool result changed: where a compare has to read to the end. */
    char[] changed;

    @Setup(Level.Trial)
    public void setUp() {
        String json = "10000-messages".equals(payload) ? manyMessages() : agent();
        chars = json.toCharArray();
        int last = json.lastIndexOf("result ");
        changed = (json.substring(0, last) + "RESULT " + json.substring(last + 7)).toCharArray();
    }

    static String manyMessages() {
        return conversation(10_000, 40, 80);
    }

    static String agent() {
        return conversation(1_500, 6_000, 7_000);
    }

    /**
     * An OpenAI chat array: a system prompt of {@code systemChars}, then user questions, assistant tool calls and tool
     * results of {@code resultChars} (JSON in a string, so escaped), {@code messages} in all. Deterministic.
     */
    static String conversation(int messages, int systemChars, int resultChars) {
        StringBuilder json = new StringBuilder(messages * (resultChars / 3 + 120) + systemChars)
                .append("[{\"role\":\"system\",\"content\":\"").append("You are Billie. ".repeat(systemChars / 16))
                .append("\"}");
        String result = "{\\\"sku\\\":\\\"JK-TRL-LT\\\",\\\"price\\\":\\\"139.00\\\"},".repeat(resultChars / 40);
        for (int i = 1; i < messages; i++) {
            json.append(',');
            switch (i % 3) {
                case 1 -> json.append("{\"role\":\"user\",\"content\":\"Question ").append(i).append(": where is order ")
                        .append(1_000 + i).append("?\"}");
                case 2 -> json.append("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_").append(i)
                        .append("\",\"type\":\"function\",\"function\":{\"name\":\"lookup_order\",\"arguments\":"
                                + "\"{\\\"order_id\\\":").append(1_000 + i).append("}\"}}]}");
                default -> json.append("{\"role\":\"tool\",\"tool_call_id\":\"call_").append(i - 1)
                        .append("\",\"content\":\"result ").append(i).append(": [").append(result).append("]\"}");
            }
        }
        return json.append(']').toString();
    }

    /** The least any reader of the payload pays: every token, every string decoded, nothing built. */
    @Benchmark
    public long bareParse() {
        long sink = 0;
        try (JsonParser parser = BareParse.FACTORY.createParser(chars)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                sink += token == JsonToken.VALUE_STRING ? parser.getTextLength() : 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink;
    }

    /** The tree's case: the payload read as messages, and its one-line preview. */
    @Benchmark
    public String preview() {
        return MessagePreview.of(ChatPayload.parse(chars, 0, chars.length).orElseThrow(), 200);
    }

    /** get_span's case: the payload read as messages, and its outline. */
    @Benchmark
    public int outline() {
        return MessageOutline.lines(ChatPayload.parse(chars, 0, chars.length).orElseThrow()).size();
    }

    /** A compare's case: two payloads that part at their last message. */
    @Benchmark
    public MessageParting parting() {
        return MessageParting.between(chars, 0, chars.length, changed, 0, changed.length).orElseThrow();
    }

    /** The payloads' sizes, for the table. */
    static String describe() {
        return String.format(Locale.ROOT, "10,000 messages in %,d characters; the agent's conversation, 1,500 messages "
                + "in %,d characters", manyMessages().length(), agent().length());
    }
}
