package com.opstower.raindrop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How this connection reaches the Raindrop Query API. */
@ConfigMapping(prefix = "raindrop")
public interface RaindropApiConfig {

    /** Base URL of the Query API, without the {@code /v1} suffix ({@code RAINDROP_API_URL}). */
    @WithDefault("https://query.raindrop.ai")
    String apiUrl();

    /**
     * Fallback API key, used when a request carries no {@code connection.api_key} ({@code RAINDROP_API_KEY}).
     * Never logged.
     */
    Optional<String> apiKey();

    /** Default project slug sent as {@code X-Raindrop-Project-Id} when a request names none ({@code RAINDROP_PROJECT_ID}). */
    Optional<String> projectId();

    /** Time allowed to open a TCP connection to the Query API. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Time allowed for one response to arrive, per attempt. */
    @WithDefault("30s")
    Duration readTimeout();

    /** Largest response body read from list and get endpoints; a larger one is a bad upstream response. */
    @WithDefault("8388608")
    int maxResponseBytes();

    /** Retries of 429, 5xx and connection failures. */
    Retry retry();

    interface Retry {
        /** Attempts per call, the first one included. */
        @WithDefault("4")
        int maxAttempts();

        /** Total time one call may spend, waits between attempts included. */
        @WithDefault("20s")
        Duration budget();

        /** Upper bound of the first backoff; each later one doubles, with full jitter. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Cap on any single backoff when the server gives no Retry-After. */
        @WithDefault("8s")
        Duration maxBackoff();

        /**
         * Time kept back from an invocation's deadline (a Lambda invocation's remaining time) to answer in: every call
         * of the invocation ends, attempts and waits included, at least this long before it.
         */
        @WithDefault("500ms")
        Duration deadlineReserve();
    }
}
