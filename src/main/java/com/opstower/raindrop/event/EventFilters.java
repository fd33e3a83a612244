package com.opstower.raindrop.event;

import com.opstower.raindrop.tool.Param;

/** The event filters several tools take, declared once so that each describes them alike. */
final class EventFilters {

    static final Param SIGNAL = Param.text("signal", "Only events with this signal: its name (any case) or id.");
    static final Param SIGNAL_GROUP = Param.text("signal_group", "Only events with a signal of this group: name or id.");

    private EventFilters() {
    }
}
