package com.opstower.raindrop.event;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What {@code count_events} counts, as the agent names it and as the Query API's {@code count_by} field. */
enum CountBy {
    EVENTS("event_id", "event"),
    USERS("user_id", "user"),
    CONVERSATIONS("convo_id", "conversation");

    final String field;
    final String noun;

    CountBy(String field, String noun) {
        this.field = field;
        this.noun = noun;
    }

    static List<String> argumentValues() {
        return Arrays.stream(values()).map(CountBy::argumentValue).toList();
    }

    String argumentValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CountBy of(String argumentValue) {
        return valueOf(argumentValue.toUpperCase(Locale.ROOT));
    }
}
