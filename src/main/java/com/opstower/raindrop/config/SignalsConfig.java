package com.opstower.raindrop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How signal and signal group names are resolved to the ids the Query API filters by. */
@ConfigMapping(prefix = "raindrop.signals")
public interface SignalsConfig {

    /**
     * How long a warm function reuses a workspace's signals and signal groups before reading them again; {@code 0s}
     * reads them on every call. A signal created meanwhile is found once this has passed.
     */
    @WithDefault("5m")
    Duration cacheTtl();

    /** Connections (key and project) whose signals are kept at once; the least recently used is dropped first. */
    @WithDefault("32")
    int cacheSize();

    /** Pages of 100 read at most when reading every signal or group: bounds the time a name lookup can take. */
    @WithDefault("20")
    int maxPages();
}
