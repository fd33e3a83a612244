package com.opstower.raindrop.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Query API that answers {@code GET /v1/traces?event_id=…} at once from memory, on the loopback address: the
 * upstream of the benchmarks, so that they time the connection and not the network. Each event id has its body and
 * its framing: with a {@code Content-Length}, or chunked as a streaming server would send it. An answer keyed
 * {@code <event id>?trunc_len=<n>} is the one for that {@code trunc_len}, before one keyed by the event id alone.
 */
public final class UpstreamStandIn implements AutoCloseable {

    /** One answer: the body, and whether it is sent chunked (no {@code Content-Length}). */
    public record Answer(byte[] body, boolean chunked) {
    }

    private final HttpServer server;
    private final ExecutorService threads;

    public UpstreamStandIn(Map<String, Answer> byEventId) throws IOException {
        // Without TCP_NODELAY the body, written after the headers, waits for a delayed ACK: 40 ms per answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        threads = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "upstream-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/v1/traces", exchange -> answer(exchange, byEventId));
        server.start();
    }

    private static void answer(HttpExchange exchange, Map<String, Answer> byEventId) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String eventId = parameter(exchange.getRequestURI(), "event_id");
            Answer answer = byEventId.getOrDefault(eventId + "?trunc_len=" + parameter(exchange.getRequestURI(), "trunc_len"),
                    byEventId.get(eventId));
            if (answer == null) {
                byte[] error = "{\"error\":{\"code\":\"not_found\",\"message\":\"Event not found\"}}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(404, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.chunked() ? 0 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private static String parameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The base URL, without {@code /v1}, as {@code raindrop.api-url} takes it. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
