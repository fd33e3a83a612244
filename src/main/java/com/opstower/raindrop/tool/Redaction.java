package com.opstower.raindrop.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Removes secrets from text that is about to be logged. */
public final class Redaction {

    private Redaction() {
    }

    public static String redact(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, "***");
    }

    /** Every API key a request carries ({@code connection} and {@code connections[]}), and the configured one. */
    public static List<String> secrets(Map<String, Object> request, String configuredKey) {
        List<String> secrets = new ArrayList<>();
        if (configuredKey != null && !configuredKey.isBlank()) {
            secrets.add(configuredKey);
        }
        if (request != null) {
            addKey(secrets, request.get(Args.CONNECTION));
            if (request.get("connections") instanceof List<?> connections) {
                connections.forEach(c -> addKey(secrets, c));
            }
        }
        return secrets;
    }

    private static void addKey(List<String> secrets, Object connection) {
        if (connection instanceof Map<?, ?> fields && fields.get("api_key") instanceof String key && !key.isBlank()) {
            secrets.add(key.strip());
        }
    }
}
