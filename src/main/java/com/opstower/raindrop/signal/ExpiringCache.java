package com.opstower.raindrop.signal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A small cache for a warm function: values expire after a time to live, and past {@code maxEntries} the least
 * recently used is dropped. Loads run outside the lock, so that one slow connection never holds up another; two
 * callers missing at once both load, and the later value stays.
 */
final class ExpiringCache<V> {

    /** Not named {@code Entry}: inside the anonymous map below, that name is the inherited {@code Map.Entry}. */
    private record Cached<V>(V value, Instant expires) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached<V>> entries;

    ExpiringCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    V get(String key, Supplier<V> load) {
        Instant now = clock.instant();
        synchronized (entries) {
            Cached<V> cached = entries.get(key);
            if (cached != null && now.isBefore(cached.expires())) {
                return cached.value();
            }
        }
        V value = load.get();
        if (!ttl.isZero() && !ttl.isNegative()) {
            synchronized (entries) {
                entries.put(key, new Cached<>(value, now.plus(ttl)));
            }
        }
        return value;
    }

    /** Drops every entry. */
    void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
