package com.opstower.raindrop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Running the tools' code once before a SnapStart snapshot, so that the first call after a restore is a warm one. */
@ConfigMapping(prefix = "raindrop.priming")
public interface PrimingConfig {

    /**
     * Whether every read-only tool is called once, against a local stand-in of the Query API, before the snapshot is
     * taken (a CRaC {@code beforeCheckpoint}, which Lambda runs with SnapStart only).
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How many times each tool is called: the JIT compiles a method once it has run often enough, and what it compiled
     * before the snapshot is in it.
     */
    @WithDefault("5")
    int rounds();
}
