package com.opstower.raindrop.raindrop;

import java.util.Objects;

/**
 * The credentials one call runs with: the Raindrop API key, the project it addresses, and the OpsTower
 * integration the call belongs to. {@link #toString()} never shows the key.
 */
public record Connection(String integrationId, String apiKey, String projectId) {

    public Connection {
        Objects.requireNonNull(apiKey, "apiKey");
    }

    /** The project as the agent should read it. */
    public String projectLabel() {
        return projectId == null ? "the default (Production) project" : "project `" + projectId + "`";
    }

    @Override
    public String toString() {
        return "Connection[integrationId=" + integrationId + ", apiKey=***, projectId=" + projectId + "]";
    }
}
