package com.opstower.raindrop.local;

import static com.opstower.raindrop.local.TraceBuilder.LLM_GENERATION;
import static com.opstower.raindrop.local.TraceBuilder.LLM_GENERATION_STREAM;
import static com.opstower.raindrop.local.TraceBuilder.TOOL_CALL;

import com.opstower.raindrop.local.Payloads.Call;
import com.opstower.raindrop.local.Payloads.Chat;
import com.opstower.raindrop.local.TraceBuilder.Draft;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of an agent built on the Vercel AI SDK, as its spans show it: per round an {@code ai.generateText} span
 * around its {@code ai.generateText.doGenerate} call, both with the same payloads (the prompt as content parts, the
 * tool calls asked for), then the tools the model asked for, and finally the answer, maybe streamed
 * ({@code ai.streamText} around {@code ai.streamText.doStream}, with the time to the first chunk). The prompt grows
 * by the model's requests and the tools' results from one round to the next, behind the same system prompt.
 */
final class AgentRun {

    /** How fast a model answers: the wait for its first token, then each output token. */
    record Pace(long firstTokenMinMs, long firstTokenMaxMs, double msPerOutputToken) {

        static final Pace BRISK = new Pace(350, 900, 12);
        /** A larger reasoning model: seconds before it answers, slower tokens. */
        static final Pace DELIBERATE = new Pace(1800, 3200, 28);
    }

    private final TraceBuilder trace;
    private final LlmModel model;
    private Pace pace;
    private final List<Chat> messages = new ArrayList<>();
    private boolean rateLimitedOnce;

    /** A run of the support agent answering {@code userText} after the conversation's earlier messages {@code history}. */
    AgentRun(TraceBuilder trace, LlmModel model, Pace pace, List<Chat> history, String userText) {
        this(trace, model, pace, Payloads.SUPPORT_AGENT_PROMPT, history, userText);
    }

    AgentRun(TraceBuilder trace, LlmModel model, Pace pace, String systemPrompt, List<Chat> history, String userText) {
        this.trace = trace;
        this.model = model;
        this.pace = pace;
        messages.add(Chat.system(systemPrompt));
        messages.addAll(history);
        messages.add(Chat.user(userText));
    }

    /**
     * The next round's first provider call is refused with a 429, and the SDK's retry, after its back-off of about
     * two seconds, gets the answer: two provider calls of the same name under one SDK call.
     */
    AgentRun rateLimitedOnce() {
        rateLimitedOnce = true;
        return this;
    }

    /** The pace of the rounds from here on, as when a longer prompt slows the model down. */
    AgentRun pace(Pace from) {
        pace = from;
        return this;
    }

    /** The messages so far: the system prompt, the history, the user's text, the rounds laid out. */
    List<Chat> messages() {
        return List.copyOf(messages);
    }

    /** A round in which the model asks for {@code calls}; their results follow with {@link #tool} or {@link #openTool}. */
    Draft ask(Draft parent, Call... calls) {
        Draft span = generate(parent, false, Payloads.aiSdkPrompt(messages), Payloads.aiSdkToolCalls(List.of(calls)), "tool-calls");
        messages.add(Chat.asking(calls));
        return span;
    }

    /** The round that writes the answer the user sees. */
    Draft answer(Draft parent, String text, boolean streamed) {
        Draft span = generate(parent, streamed, Payloads.aiSdkPrompt(messages), text, "stop");
        messages.add(Chat.assistant(text));
        return span;
    }

    /** A tool call without spans of its own, lasting {@code durationMs}. */
    Draft tool(Draft parent, Call call, String result, long durationMs) {
        messages.add(Chat.result(call, result));
        return describe(trace.leaf(parent, call.name(), TOOL_CALL, durationMs), call, result);
    }

    /** A tool call with spans of its own (queries, requests); the caller closes it with the trace. */
    Draft openTool(Draft parent, Call call, String result) {
        messages.add(Chat.result(call, result));
        return describe(trace.open(parent, call.name(), TOOL_CALL), call, result);
    }

    private static Draft describe(Draft span, Call call, String result) {
        return span.payload(call.arguments(), result).attribute("ai.operationId", "ai.toolCall")
                .attribute("ai.toolCall.name", call.name()).attribute("ai.toolCall.id", call.id());
    }

    /**
     * The SDK's call span around the provider call span; only the provider call takes the model's time. A streamed
     * provider call records when its first chunk arrived ({@code ai.response.msToFirstChunk}).
     */
    private Draft generate(Draft parent, boolean streamed, String input, String output, String finishReason) {
        String name = streamed ? "ai.streamText" : "ai.generateText";
        String providerCall = name + (streamed ? ".doStream" : ".doGenerate");
        String type = streamed ? LLM_GENERATION_STREAM : LLM_GENERATION;
        Draft outer = trace.open(parent, name, type).generation(model, streamed, input, output)
                .attribute("ai.response.finishReason", finishReason);
        if (rateLimitedOnce) {
            rateLimitedOnce = false;
            trace.leaf(outer, providerCall, type, trace.random().between(180, 420)).failedCall(model, input, "{\"error\":{"
                    + "\"message\":\"Rate limit reached for " + model.id() + " on tokens per min (TPM). Please try again in 1.9s.\","
                    + "\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}")
                    .attribute("ai.operationId", providerCall).attribute("ai.model.id", model.id())
                    .attribute("ai.model.provider", model.provider() + ".chat").attribute("http.response.status_code", 429)
                    .attribute("error.type", "AI_APICallError");
            trace.pause(1900, 2300);
        }
        long firstTokenMs = trace.random().between(pace.firstTokenMinMs(), pace.firstTokenMaxMs());
        long durationMs = firstTokenMs + Math.round(TraceBuilder.tokens(output) * pace.msPerOutputToken());
        Draft call = trace.leaf(outer, providerCall, type, durationMs).generation(model, streamed, input, output)
                .attribute("ai.operationId", providerCall).attribute("ai.response.finishReason", finishReason);
        if (streamed) {
            call.attribute("ai.response.msToFirstChunk", firstTokenMs).attribute("ai.response.msToFinish", durationMs);
        }
        trace.close(outer);
        return outer;
    }
}
