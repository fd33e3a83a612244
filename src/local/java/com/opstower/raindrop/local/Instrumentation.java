package com.opstower.raindrop.local;

import com.opstower.raindrop.local.TraceBuilder.Draft;
import java.util.Locale;

/**
 * The spans auto-instrumentation and a service's own wrappers add around an agent's work: cache reads and writes,
 * feature-flag evaluations, database queries and outgoing HTTP requests. Each carries the attributes its
 * instrumentation writes (OpenTelemetry's {@code db.*}, {@code http.*}, {@code url.*}, {@code server.*} and
 * {@code feature_flag.*} keys), no model, no tokens, no payload, and status UNSET unless a request failed. They are
 * the hundreds of spans a real trace buries its dozen meaningful ones in.
 */
final class Instrumentation {

    private static final String CACHE_HOST = "cache.internal";
    private static final String DATABASE_HOST = "pg-primary.internal";

    private final TraceBuilder trace;
    private final SampleRandom random;

    Instrumentation(TraceBuilder trace) {
        this.trace = trace;
        this.random = trace.random();
    }

    /** A feature flag evaluated through OpenFeature's LaunchDarkly provider. */
    Draft flag(Draft parent, String key, String variant) {
        return trace.quick(parent, "flags.evaluate", random.between(15, 120))
                .attribute("feature_flag.key", key)
                .attribute("feature_flag.provider.name", "LaunchDarkly")
                .attribute("feature_flag.result.variant", variant)
                .attribute("feature_flag.result.reason", "TARGETING_MATCH");
    }

    /** A Redis read; {@code cache.hit} is written as text, as span attributes hold strings and numbers only. */
    Draft cacheGet(Draft parent, String key, boolean hit) {
        return redis(parent, "cache.get", "GET", key, random.between(120, 900)).attribute("cache.hit", hit ? "true" : "false");
    }

    Draft cacheSet(Draft parent, String key, int ttlSeconds) {
        return redis(parent, "cache.set", "SET", key, random.between(150, 1100)).attribute("cache.ttl_seconds", ttlSeconds);
    }

    private Draft redis(Draft parent, String name, String command, String key, long micros) {
        return trace.quick(parent, name, micros)
                .attribute("db.system.name", "redis")
                .attribute("db.operation.name", command)
                .attribute("db.query.text", command + " " + key)
                .attribute("server.address", CACHE_HOST)
                .attribute("server.port", 6379)
                .attribute("cache.key", key);
    }

    /** A PostgreSQL query of the shop's database; the operation is the statement's first word. */
    Draft query(Draft parent, String table, String sql, int rows) {
        String operation = sql.substring(0, sql.indexOf(' ')).toUpperCase(Locale.ROOT);
        return trace.quick(parent, "db.query", random.between(350, 4200))
                .attribute("db.system.name", "postgresql")
                .attribute("db.namespace", "northwind")
                .attribute("db.operation.name", operation)
                .attribute("db.collection.name", table)
                .attribute("db.query.text", sql)
                .attribute("db.response.returned_rows", rows)
                .attribute("server.address", DATABASE_HOST)
                .attribute("server.port", 5432);
    }

    /**
     * An outgoing HTTP request, named by its method as OpenTelemetry's HTTP client instrumentation names it; a 5xx
     * answer ends the span in ERROR with {@code error.type}, anything else leaves the status UNSET.
     */
    Draft http(Draft parent, String method, String url, int status, long durationMs) {
        Draft span = trace.leaf(parent, method, TraceBuilder.INTERNAL, durationMs)
                .attribute("http.request.method", method)
                .attribute("url.full", url)
                .attribute("server.address", url.replaceFirst("https?://", "").replaceFirst("[/:].*", ""))
                .attribute("http.response.status_code", status);
        if (status >= 500) {
            return span.status(TraceBuilder.ERROR).attribute("error.type", String.valueOf(status));
        }
        return span.status(TraceBuilder.UNSET);
    }
}
