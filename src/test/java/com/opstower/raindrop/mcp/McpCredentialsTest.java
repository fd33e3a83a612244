package com.opstower.raindrop.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.ToolFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class McpCredentialsTest {

    @Test
    void leavesTheConnectionOutWithoutHeaders() {
        assertEquals(Map.of(), McpCredentials.connection(null, null));
        assertEquals(Map.of(), McpCredentials.connection(" ", ""));
    }

    @Test
    void takesTheBearerKeyAndTheProject() {
        assertEquals(Map.of("api_key", "rk_live_1", "project_id", "checkout-bot"),
                McpCredentials.connection("Bearer rk_live_1", "checkout-bot"));
        assertEquals(Map.of("api_key", "rk_live_1"), McpCredentials.connection("  bearer   rk_live_1 ", null));
        assertEquals(Map.of("project_id", "staging"), McpCredentials.connection(null, " staging "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearer", "Bearer   ", "rk_live_secret", "Token rk_live_secret"})
    void refusesAnythingButABearerKeyWithoutEchoingIt(String header) {
        ToolFailure failure = assertThrows(ToolFailure.class, () -> McpCredentials.connection(header, null));
        assertEquals(ErrorCode.MISSING_CREDENTIALS, failure.code());
        assertFalse(failure.getMessage().contains("secret") || failure.nextStep().contains("secret"));
    }
}
