package com.opstower.raindrop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How {@code get_trace} asks for spans and renders them. */
@ConfigMapping(prefix = "raindrop.trace")
public interface TraceConfig {

    /** Characters of each span input and output shown in the tree ({@code SPAN_PREVIEW_LEN}). */
    @WithDefault("200")
    int previewLength();

    /** Upper bound, in characters, of the whole markdown answer. */
    @WithDefault("40000")
    int maxAnswerChars();

    /**
     * Upstream per-payload truncation in tree mode when the agent gives none: an LLM call's input is a chat history
     * that starts with the system prompt, often longer than a few thousand characters, and the tree previews its
     * newest messages only when it arrives whole. The tree previews payloads in the parser's buffer and keeps none.
     */
    @WithDefault("50000")
    int defaultTruncLen();

    /**
     * Upstream per-payload truncation of the second read when a trace at the default {@code trunc_len} passes the
     * trace cap ({@code raindrop.trace-files.max-bytes}): the tree, with shorter payloads, instead of TRACE_TOO_LARGE.
     * Never used when the agent gives a {@code trunc_len}.
     */
    @WithDefault("4000")
    int fallbackTruncLen();

    /** Upstream per-payload truncation in file mode, where full payloads are the point. */
    @WithDefault("50000")
    int fileTruncLen();

    /** Upstream per-payload truncation for the time view, which shows no payloads: the body stays small. */
    @WithDefault("100")
    int timeTruncLen();
}
