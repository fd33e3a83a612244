package com.opstower.raindrop.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The models the sample product runs on, and how their generation spans look. OpenAI and Google calls are
 * instrumented with the Vercel AI SDK ({@code ai.*} and {@code gen_ai.*} keys), Anthropic calls with Traceloop
 * ({@code llm.*}, {@code traceloop.*}), so that both attribute dialects reach the client.
 */
enum LlmModel {

    GPT_5("gpt-5", "openai"),
    GPT_5_MINI("gpt-5-mini", "openai"),
    CLAUDE_SONNET_4_5("claude-sonnet-4-5", "anthropic"),
    GEMINI_2_5_PRO("gemini-2.5-pro", "google");

    private final String id;
    private final String provider;

    LlmModel(String id, String provider) {
        this.id = id;
        this.provider = provider;
    }

    String id() {
        return id;
    }

    String provider() {
        return provider;
    }

    private boolean tracedByTraceloop() {
        return this == CLAUDE_SONNET_4_5;
    }

    /** The span name the instrumentation gives one generation, streamed or not. */
    String spanName(boolean streamed) {
        if (tracedByTraceloop()) {
            return "anthropic.chat";
        }
        return streamed ? "ai.streamText" : "ai.generateText";
    }

    /** The raw OpenTelemetry attributes of one generation. */
    Map<String, Object> attributes(boolean streamed, long inputTokens, long outputTokens) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (tracedByTraceloop()) {
            attributes.put("traceloop.span.kind", "llm");
            attributes.put("llm.request.type", "chat");
            attributes.put("llm.request.model", id);
            attributes.put("gen_ai.system", "Anthropic");
            attributes.put("gen_ai.usage.prompt_tokens", inputTokens);
            attributes.put("gen_ai.usage.completion_tokens", outputTokens);
        } else {
            attributes.put("ai.operationId", spanName(streamed));
            attributes.put("ai.model.id", id);
            attributes.put("ai.model.provider", provider + ".chat");
            attributes.put("gen_ai.system", provider);
            attributes.put("gen_ai.request.model", id);
            attributes.put("gen_ai.usage.input_tokens", inputTokens);
            attributes.put("gen_ai.usage.output_tokens", outputTokens);
        }
        return attributes;
    }
}
