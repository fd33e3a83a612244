package com.opstower.raindrop.lambda;

import com.opstower.raindrop.queryapi.InvocationDeadline;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.net.CacheRequest;
import java.net.CacheResponse;
import java.net.ResponseCache;
import java.net.URI;
import java.net.URLConnection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Each invocation's deadline where the application polls the Runtime API itself: the native executable on
 * {@code provided.al2023}, whose Quarkus loop fetches an invocation and runs its tool on the same thread, but hands
 * Funqy no Lambda context ({@link LambdaHandler} only runs under AWS's runtime interface client). That loop fetches
 * with the JDK's {@code HttpURLConnection}, which shows every response to the installed {@link ResponseCache}: this
 * one caches nothing, and takes {@code Lambda-Runtime-Deadline-Ms} from each {@code invocation/next} response as the
 * deadline of the invocation its thread runs next.
 */
@Startup
@Singleton
class RuntimeApiDeadlines extends ResponseCache {

    static final String NEXT = "/2018-06-01/runtime/invocation/next";
    static final String DEADLINE_HEADER = "Lambda-Runtime-Deadline-Ms";

    @PostConstruct
    void install() {
        ResponseCache.setDefault(this);
    }

    @Override
    public CacheResponse get(URI uri, String method, Map<String, List<String>> headers) {
        return null;
    }

    @Override
    public CacheRequest put(URI uri, URLConnection connection) {
        if (uri.getPath().endsWith(NEXT)) {
            String deadline = connection.getHeaderField(DEADLINE_HEADER);
            if (deadline != null && deadline.matches("\\d{1,18}")) {
                InvocationDeadline.beginOnThisThread(Instant.ofEpochMilli(Long.parseLong(deadline)));
            }
        }
        return null;
    }
}
