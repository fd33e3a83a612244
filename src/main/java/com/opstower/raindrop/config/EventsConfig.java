package com.opstower.raindrop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How conversations and events are shown to the agent. */
@ConfigMapping(prefix = "raindrop.events")
public interface EventsConfig {

    /** Characters of user input and assistant output shown per event in {@code list_events}. */
    @WithDefault("160")
    int previewLength();

    /** Characters of any one field shown in full by {@code get_event}; longer text is cut and the cut announced. */
    @WithDefault("20000")
    int fieldLimit();

    /** Widest timestamp window {@code list_events} and {@code search_events} accept, as the Query API enforces. */
    @WithDefault("14d")
    Duration maxWindow();
}
