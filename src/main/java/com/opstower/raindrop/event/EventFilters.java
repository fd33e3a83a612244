package com.opstower.raindrop.event;

import com.opstower.raindrop.tool.Param;

/** The event filters several tools take, declared once so that each describes them alike. */
final class EventFilters {

    static final Param SIGNAL = Param.text("signal", "Only events with this signal: its name (any case) or id.");
    static final Param SIGNAL_GROUP = Param.text("signal_group", "Only events with a signal of this group: name or id.");
    static final Param USER_ID = Param.text("user_id", "Only this end user's events.");
    /** The start of a window that the Query API bounds to 14 days (list and search). */
    static final Param BOUNDED_AFTER = Param.timestamp("timestamp_after",
            "Only events at or after this time (at most 14 days before timestamp_before or now).");
    static final Param BEFORE = Param.timestamp("timestamp_before", "Only events before this time.");
    static final Param PAGE_LIMIT = Param.integer("limit", "Events per page.", 1, 100, 20);

    private EventFilters() {
    }
}
