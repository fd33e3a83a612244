package com.opstower.raindrop.tool;

import java.util.List;

/**
 * One argument a tool accepts: its JSON type, bounds, default and meaning. Tools validate with it and the
 * tool manifest describes it, so the two cannot drift apart.
 */
public record Param(
        String name,
        Kind kind,
        String description,
        boolean required,
        Object defaultValue,
        Long min,
        Long max,
        List<String> allowed) {

    /** The shapes of value the tools accept. */
    public enum Kind {
        /** An opaque identifier; sent upstream percent-encoded. */
        ID,
        /** Free text such as a user id, an event name or a cursor. */
        TEXT,
        /** One text, or a list of at most {@link #max()} of them. */
        TEXTS,
        INTEGER,
        BOOLEAN,
        /** ISO-8601 instant, or a date meaning midnight UTC. */
        TIMESTAMP,
        /** One of {@link #allowed()}. */
        CHOICE,
        /** A list of at most {@link #max()} JSON objects, which the tool reads field by field. */
        OBJECTS,
        /** One JSON object of at most {@link #max()} keys, which the tool reads key by key. */
        OBJECT
    }

    public static Param id(String name, String description) {
        return new Param(name, Kind.ID, description, true, null, null, null, List.of());
    }

    public static Param optionalId(String name, String description) {
        return new Param(name, Kind.ID, description, false, null, null, null, List.of());
    }

    public static Param text(String name, String description) {
        return new Param(name, Kind.TEXT, description, false, null, null, null, List.of());
    }

    /** Text the tool cannot run without, such as a search query. */
    public static Param requiredText(String name, String description) {
        return new Param(name, Kind.TEXT, description, true, null, null, null, List.of());
    }

    public static Param texts(String name, String description, long maxItems) {
        return new Param(name, Kind.TEXTS, description, false, null, null, maxItems, List.of());
    }

    public static Param timestamp(String name, String description) {
        return new Param(name, Kind.TIMESTAMP, description, false, null, null, null, List.of());
    }

    public static Param integer(String name, String description, long min, long max, long defaultValue) {
        return new Param(name, Kind.INTEGER, description, false, defaultValue, min, max, List.of());
    }

    /** An integer whose default depends on other arguments, so the tool applies it. */
    public static Param integer(String name, String description, long min, long max) {
        return new Param(name, Kind.INTEGER, description, false, null, min, max, List.of());
    }

    public static Param flag(String name, String description, boolean defaultValue) {
        return new Param(name, Kind.BOOLEAN, description, false, defaultValue, null, null, List.of());
    }

    public static Param objects(String name, String description, long maxItems) {
        return new Param(name, Kind.OBJECTS, description, false, null, null, maxItems, List.of());
    }

    public static Param object(String name, String description, long maxKeys) {
        return new Param(name, Kind.OBJECT, description, false, null, null, maxKeys, List.of());
    }

    public static Param choice(String name, String description, List<String> allowed, String defaultValue) {
        return new Param(name, Kind.CHOICE, description, false, defaultValue, null, null, List.copyOf(allowed));
    }
}
