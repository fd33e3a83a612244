package com.opstower.raindrop.priming;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Query API on the loopback interface for priming only: one small, made-up answer per endpoint, in the contract's
 * envelopes, whatever the id or the query. Every id in it is {@link #ID}, so that a call for that id (a span of the
 * trace, say) finds what it asks for. No key is checked and nothing of a workspace is in it.
 */
final class PrimingStandIn implements AutoCloseable {

    /** The id of every conversation, event, span and user the stand-in serves. */
    static final String ID = "prime1";

    private static final String SIGNAL = """
            {"id":"00000000-0000-4000-8000-000000000001","type":"topic","name":"priming","description":"A signal.",\
            "created_at":"2026-01-01T00:00:00Z","group_id":"00000000-0000-4000-8000-000000000002","group_name":"Priming",\
            "sentiment":"NEGATIVE"}""";
    private static final String CONVERSATION = """
            {"id":"prime1","user_id":"prime1","started_at":"2026-01-01T00:00:00Z","last_message_at":"2026-01-01T00:01:00Z",\
            "message_count":2,"signals":[{"id":"00000000-0000-4000-8000-000000000001","name":"priming","count":1}]}""";
    private static final String EVENT = """
            {"id":"prime1","event_name":"chat","user_id":"prime1","convo_id":"prime1","timestamp":"2026-01-01T00:00:30Z",\
            "received_at":"2026-01-01T00:00:31Z","user_input":"Where is my order?","assistant_output":"It ships today.",\
            "model":"model","topics":["orders"],"signals":[{"id":"00000000-0000-4000-8000-000000000001","name":"priming",\
            "score":0.5}],"tool_calls":[{"tool_name":"lookup","status":"ERROR","duration_ms":12,\
            "started_at":"2026-01-01T00:00:30Z","span_id":"prime1"}],"error_spans":[{"span_id":"prime1",\
            "started_at":"2026-01-01T00:00:30Z","status":"ERROR","duration_ms":12,"span_type":"TOOL_CALL",\
            "span_name":"lookup","output_payload":"502 Bad Gateway"}],"feature_flags":{"flag":"on"},\
            "properties":{"plan":"plus","count":1},"relevance_score":0.5}""";
    private static final String SPAN = """
            {"trace_id":"t1","span_id":"%s","parent_span_id":%s,"span_name":"%s","span_type":"%s","status":"%s",\
            "start_time_ns":1767225600000000000,"end_time_ns":1767225601000000000,"duration_ns":1000000000,\
            "input":"[{\\"role\\":\\"user\\",\\"content\\":\\"Where is my order?\\"}]","output":"It ships today.",\
            "input_tokens":10,"output_tokens":5,"model":"model","provider":"provider","attributes":{"http.status_code":502}}""";
    private static final String TRACE = "{\"data\":[" + String.format(SPAN, "root1", "null", "chat", "INTERNAL", "OK")
            + "," + String.format(SPAN, "llm1", "\"root1\"", "generate", "LLM_GENERATION", "OK")
            + "," + String.format(SPAN, ID, "\"root1\"", "lookup", "TOOL_CALL", "ERROR") + "]}";
    private static final String PAGE_END = ",\"meta\":{\"cursor\":null,\"has_more\":false}}";

    private final HttpServer server;
    private final ExecutorService thread;

    private PrimingStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "priming-stand-in");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.createContext("/v1/", PrimingStandIn::answer);
        server.start();
    }

    static PrimingStandIn start() throws IOException {
        return new PrimingStandIn();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = body(exchange.getRequestURI().getPath());
            byte[] bytes = (body == null ? "{\"error\":{\"code\":\"not_found\",\"message\":\"Not found\"}}" : body)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String body(String path) {
        return switch (path) {
            case "/v1/conversations" -> "{\"data\":[" + CONVERSATION + "]" + PAGE_END;
            case "/v1/events", "/v1/events/search" -> "{\"data\":[" + EVENT + "]" + PAGE_END;
            case "/v1/events/count" -> "{\"data\":{\"total\":1}}";
            case "/v1/events/timeseries" -> "{\"data\":{\"buckets\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"count\":1}],"
                    + "\"total\":1},\"meta\":{\"interval\":\"day\"}}";
            case "/v1/events/facets" -> "{\"data\":[{\"value\":\"chat\",\"count\":1}]}";
            case "/v1/traces" -> TRACE;
            case "/v1/signals" -> "{\"data\":[" + SIGNAL + "]" + PAGE_END;
            case "/v1/signal-groups" -> "{\"data\":[{\"id\":\"00000000-0000-4000-8000-000000000002\",\"name\":\"Priming\","
                    + "\"description\":\"A group.\",\"org_id\":\"org\",\"created_at\":\"2026-01-01T00:00:00Z\","
                    + "\"updated_at\":\"2026-01-01T00:00:00Z\",\"signal_count\":1}]" + PAGE_END;
            default -> byId(path);
        };
    }

    private static String byId(String path) {
        if (path.startsWith("/v1/conversations/")) {
            return "{\"data\":" + CONVERSATION + "}";
        }
        if (path.startsWith("/v1/events/")) {
            return "{\"data\":" + EVENT + "}";
        }
        if (path.startsWith("/v1/users/")) {
            return "{\"data\":{\"id\":\"prime1\",\"traits\":{\"plan\":\"plus\"},\"first_seen\":\"2026-01-01T00:00:00Z\","
                    + "\"last_seen\":\"2026-01-01T00:01:00Z\",\"event_count\":1}}";
        }
        if (path.startsWith("/v1/signal-groups/")) {
            return "{\"data\":[" + SIGNAL + "]" + PAGE_END;
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
