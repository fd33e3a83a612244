package com.opstower.raindrop.mcp;

import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.ToolFailure;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An MCP client's credentials, from its HTTP headers to the {@code connection} object of the tools' calling
 * convention: {@code Authorization: Bearer <key>} gives {@code api_key}, {@code X-Raindrop-Project-Id} gives
 * {@code project_id}. Without either header the connection is left out, so that the configured key applies. The
 * tools then check the values as they check any connection. Pure, and never puts a key in a message.
 */
final class McpCredentials {

    static final String PROJECT_HEADER = "X-Raindrop-Project-Id";
    private static final String BEARER = "bearer ";

    private McpCredentials() {
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param projectId the {@code X-Raindrop-Project-Id} header, or null
     * @return the {@code connection} object, empty when neither header is there
     * @throws ToolFailure {@code MISSING_CREDENTIALS} for an Authorization header that is not a bearer key
     */
    static Map<String, Object> connection(String authorization, String projectId) {
        Map<String, Object> connection = new LinkedHashMap<>();
        if (authorization != null && !authorization.isBlank()) {
            String value = authorization.strip();
            if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER) || value.substring(BEARER.length()).isBlank()) {
                throw new ToolFailure(ErrorCode.MISSING_CREDENTIALS,
                        "The MCP request's Authorization header is not `Bearer <Raindrop API key>`.",
                        "Configure the MCP client to send the Raindrop org API key (Raindrop: Settings > API Keys) as "
                                + "`Authorization: Bearer <key>`, then call again.");
            }
            connection.put("api_key", value.substring(BEARER.length()).strip());
        }
        if (projectId != null && !projectId.isBlank()) {
            connection.put("project_id", projectId.strip());
        }
        return connection;
    }
}
