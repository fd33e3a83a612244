package com.opstower.raindrop.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.config.RaindropApiConfig;
import com.opstower.raindrop.queryapi.Credentials;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The calling convention, without Quarkus: credentials, project and failure handling. */
class ToolRunnerTest {

    private static final ToolSpec SPEC = new ToolSpec("demo", "A demo tool.", List.of());

    private static RaindropApiConfig config(String fallbackKey, String fallbackProject) {
        return new RaindropApiConfig() {
            public String apiUrl() { return "http://localhost"; }
            public Optional<String> apiKey() { return Optional.ofNullable(fallbackKey); }
            public Optional<String> projectId() { return Optional.ofNullable(fallbackProject); }
            public Duration connectTimeout() { return Duration.ofSeconds(1); }
            public Duration readTimeout() { return Duration.ofSeconds(1); }
            public int maxResponseBytes() { return 1024; }
            public Retry retry() { return null; }
        };
    }

    private static ToolResult run(RaindropApiConfig config, Map<String, Object> request, AtomicReference<Credentials> seen) {
        return new ToolRunner(config).run(SPEC, request, (args, connection) -> {
            seen.set(connection);
            return ToolResult.ok("ran", Map.of());
        });
    }

    @Test
    void answersMissingCredentialsWithoutAnyKey() {
        AtomicReference<Credentials> seen = new AtomicReference<>();
        ToolResult result = run(config(null, null), Map.of(), seen);
        assertTrue(result.isError());
        assertEquals(ErrorCode.MISSING_CREDENTIALS, result.error().code());
        assertTrue(result.text().contains("Settings > API Keys"));
        assertNull(seen.get());
    }

    @Test
    void prefersTheRequestsKeyAndProjectOverConfiguration() {
        AtomicReference<Credentials> seen = new AtomicReference<>();
        run(config("configured", "configured-project"),
                Map.of("connection", Map.of("api_key", "from-request", "project_id", "checkout-bot", "integration_id", "int_42")), seen);
        assertEquals(new Credentials("int_42", "from-request", "checkout-bot"), seen.get());
    }

    @Test
    void fallsBackToConfiguration() {
        AtomicReference<Credentials> seen = new AtomicReference<>();
        run(config("configured", "configured-project"), Map.of(), seen);
        assertEquals(new Credentials(null, "configured", "configured-project"), seen.get());
    }

    @Test
    void refusesAKeyThatCouldSplitAHeader() {
        ToolResult result = run(config(null, null), Map.of("connection", Map.of("api_key", "abc\r\nX-Evil: 1")), new AtomicReference<>());
        assertEquals(ErrorCode.INVALID_ARGUMENT, result.error().code());
        assertFalse(result.text().contains("X-Evil"));
    }

    @Test
    void turnsAnUnexpectedFailureIntoAnInternalErrorWithoutTheKeyOrAStackTrace() {
        ToolResult result = new ToolRunner(config("rk_secret_1", null)).run(SPEC, Map.of(), (args, connection) -> {
            throw new IllegalStateException("boom with rk_secret_1");
        });
        assertEquals(ErrorCode.INTERNAL, result.error().code());
        assertFalse(result.text().contains("rk_secret_1"));
        assertFalse(result.text().contains("at com."));
        assertFalse(result.error().message().contains("boom"));
    }

    @Test
    void masksTheKeyInToString() {
        assertFalse(new Credentials("int", "rk_secret_1", "p").toString().contains("rk_secret_1"));
    }

    @Test
    void refusesAnIntegrationIdThatCouldForgeALogLineOrOverflowAKey() {
        for (Object id : List.of("int\nsmoke_check check=storage outcome=OK", "i".repeat(257), "int\u0000", 7)) {
            ToolResult result = run(config("k", null), Map.of("connection", Map.of("integration_id", id)), new AtomicReference<>());
            assertEquals(ErrorCode.INVALID_ARGUMENT, result.error().code(), String.valueOf(id));
            assertTrue(result.text().contains("Next step:"));
        }
    }

    @Test
    void labelsAConnectionByAWellFormedIntegrationIdOnly() {
        assertEquals("int_42", ToolRunner.label(Map.of("integration_id", " int_42 "), "connections[0]"));
        assertEquals("connections[1]", ToolRunner.label(Map.of("integration_id", "a\nb"), "connections[1]"));
        assertEquals("connections[2]", ToolRunner.label(Map.of("integration_id", 5), "connections[2]"));
        assertEquals("connections[3]", ToolRunner.label("not an object", "connections[3]"));
    }
}
