import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs one tool of the unpacked function.zip through the Lambda binding's handler contract, in-process, with the
 * JSON payload the orchestrator sends, against a stand-in of the Query API, and checks the answer. Usage (from
 * .ci/lambda-contract), from the unpacked zip's classpath:
 * <pre>
 * java LambdaContract.java --list          # each registered tool and its payload, one "TOOL PAYLOAD" line each
 * java LambdaContract.java TOOL PAYLOAD     # one tool through FunqyStreamHandler
 * </pre>
 */
public class LambdaContract {

    static final String KEY = "rk_contract_check_1";
    static final String CONNECTION = "\"connection\":{\"integration_id\":\"int_42\",\"api_key\":\"" + KEY
            + "\",\"project_id\":\"checkout-bot\"}";

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--list")) {
            list();
            return;
        }
        String tool = args[0];
        String payload = args[1];

        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/v1/", LambdaContract::answer);
        upstream.start();

        // The Lambda's environment, as serverless.yml sets it: one exported function per Lambda.
        System.setProperty("quarkus.funqy.export", tool);
        System.setProperty("raindrop.api-url", "http://127.0.0.1:" + upstream.getAddress().getPort());
        System.setProperty("raindrop.trace-files.enabled", "false");

        Class<?> contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context");
        Object context = Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[] {contextType},
                (proxy, method, methodArgs) -> switch (method.getName()) {
                    case "getAwsRequestId" -> "contract-check";
                    case "getFunctionName" -> tool;
                    case "getRemainingTimeInMillis", "getMemoryLimitInMB" -> 30_000;
                    default -> null;
                });
        Object handler = Class.forName("io.quarkus.funqy.lambda.FunqyStreamHandler").getConstructor().newInstance();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.getClass().getMethod("handleRequest", InputStream.class, OutputStream.class, contextType)
                .invoke(handler, new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, context);
        String answer = out.toString(StandardCharsets.UTF_8);
        upstream.stop(0);

        boolean ok = answer.contains("\"is_error\":false") && !answer.contains("\"text\":\"\"") && !answer.contains(KEY);
        System.out.println("lambda-contract: " + tool + ": " + (ok ? "OK" : "FAIL: " + answer));
        System.exit(ok ? 0 : 1);
    }

    /**
     * The tools as the zip's own registry declares them, each with the orchestrator's payload: the connection and a
     * value for every required argument (ids, which the stand-in below answers whatever they are; a second event id
     * names another event, as compare_traces needs two).
     */
    static void list() throws Exception {
        Class<?> registry = Class.forName("com.opstower.raindrop.registry.ToolRegistry");
        for (Object entry : (List<?>) registry.getMethod("all").invoke(null)) {
            Object spec = entry.getClass().getMethod("spec").invoke(entry);
            StringBuilder payload = new StringBuilder("{").append(CONNECTION);
            int events = 0;
            for (Object param : (List<?>) spec.getClass().getMethod("params").invoke(spec)) {
                if ((boolean) param.getClass().getMethod("required").invoke(param)) {
                    String name = (String) param.getClass().getMethod("name").invoke(param);
                    String value = name.endsWith("event_id") && events++ > 0 ? "id_" + events : "id_1";
                    payload.append(",\"").append(name).append("\":\"").append(value).append('"');
                }
            }
            System.out.println(spec.getClass().getMethod("name").invoke(spec) + " " + payload.append('}'));
        }
    }

    /** A minimal Query API: the contract's envelopes, only for this check's key. */
    static void answer(HttpExchange exchange) throws java.io.IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        int status = 200;
        if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
            body = "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"Unauthorized\"}}";
        } else if (path.equals("/v1/conversations")) {
            body = "{\"data\":[" + CONVERSATION + "],\"meta\":{\"cursor\":null,\"has_more\":false}}";
        } else if (path.startsWith("/v1/conversations/")) {
            body = "{\"data\":" + CONVERSATION + "}";
        } else if (path.equals("/v1/signals") || path.equals("/v1/signal-groups") || path.endsWith("/signals")) {
            body = "{\"data\":[],\"meta\":{\"cursor\":null,\"has_more\":false}}";
        } else if (path.equals("/v1/events/search")) {
            body = "{\"data\":[" + EVENT + "],\"meta\":{\"cursor\":null,\"has_more\":false}}";
        } else if (path.equals("/v1/events/count")) {
            body = "{\"data\":{\"total\":3}}";
        } else if (path.startsWith("/v1/users/")) {
            body = "{\"data\":{\"id\":\"user_4711\",\"traits\":{\"plan\":\"plus\"},\"first_seen\":\"2026-03-02T18:40:11Z\","
                    + "\"last_seen\":\"2026-11-30T11:23:24Z\",\"event_count\":482}}";
        } else if (path.equals("/v1/events")) {
            body = "{\"data\":[" + EVENT + "],\"meta\":{\"cursor\":null,\"has_more\":false}}";
        } else if (path.startsWith("/v1/events/")) {
            body = "{\"data\":" + EVENT + "}";
        } else if (path.equals("/v1/traces")) {
            body = "{\"data\":[{\"trace_id\":\"t1\",\"span_id\":\"id_1\",\"parent_span_id\":null,\"span_name\":\"support_chat\","
                    + "\"span_type\":\"INTERNAL\",\"status\":\"OK\",\"start_time_ns\":1795986578000000000,"
                    + "\"end_time_ns\":1795986580450000000,\"duration_ns\":2450000000}]}";
        } else {
            status = 404;
            body = "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"Not found\"}}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    static final String CONVERSATION = "{\"id\":\"conv_8f2c1a\",\"user_id\":\"user_4711\",\"started_at\":\"2026-11-24T09:12:03Z\","
            + "\"last_message_at\":\"2026-11-24T09:19:44Z\",\"message_count\":6}";
    static final String EVENT = "{\"id\":\"evt_abc123\",\"event_name\":\"support_chat\",\"user_id\":\"user_4711\","
            + "\"convo_id\":\"conv_8f2c1a\",\"timestamp\":\"2026-11-24T09:19:40Z\",\"user_input\":\"Why was I charged twice?\","
            + "\"assistant_output\":\"The refund tool failed.\",\"model\":\"gpt-5\"}";
}
