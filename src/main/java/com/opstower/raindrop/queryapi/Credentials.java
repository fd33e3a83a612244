package com.opstower.raindrop.queryapi;

import java.util.Objects;

/**
 * The credentials one call runs with: the Raindrop API key, the project it addresses, and the OpsTower
 * integration the call belongs to. {@link #toString()} never shows the key.
 */
public record Credentials(String integrationId, String apiKey, String projectId) {

    public Credentials {
        Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public String toString() {
        return "Credentials[integrationId=" + integrationId + ", apiKey=***, projectId=" + projectId + "]";
    }
}
