package com.opstower.raindrop.trace.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceSummaryTest {

    @Test
    void sumsTokensOfAModelWhoseSpansAllLackOneSide() {
        // Embedding calls report input tokens only; two of them under one model once failed the whole render.
        List<TraceSpan> spans = List.of(embedding("a", 12L), embedding("b", 30L));

        TraceSummary summary = TraceSummary.of(TraceTree.of(spans).preorder());

        assertEquals(Map.of("text-embedding-3-small", new TraceSummary.Tokens(42L, null)), summary.tokensByModel());
    }

    private static TraceSpan embedding(String id, Long inputTokens) {
        return new TraceSpan("t", id, null, "embeddings.create", "LLM_GENERATION", "OK", 1, 2, 1, inputTokens, null,
                "text-embedding-3-small", "openai", null, null, null, null);
    }
}
