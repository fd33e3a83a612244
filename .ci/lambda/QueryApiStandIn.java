import com.opstower.raindrop.local.SampleQueryApi;
import com.opstower.raindrop.local.SampleWorkspace;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Query API the functions reach: the sample workspace of dev mode ({@link SampleQueryApi}, the contract's paths,
 * envelopes and errors), behind a front that adds what the sample never does. Requests for project
 * {@value #RATE_LIMITED} always get 429 with {@code Retry-After: 1}; any of the {@link #keys} is accepted as the
 * sample's key, so that a configured key and a request's key both read the workspace. The rest passes through.
 */
final class QueryApiStandIn implements AutoCloseable {

    static {
        // Every answer at once, not after a delayed ACK (40 ms each): read once, when the JDK's HTTP server is first used.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A project whose every request is rate limited, for the deadline check. */
    static final String RATE_LIMITED = "rate-limited";

    final SampleWorkspace workspace;
    private final SampleQueryApi sample;
    private final Set<String> keys;
    private final HttpServer front;
    private final ExecutorService threads;
    private final HttpClient client = HttpClient.newHttpClient();

    QueryApiStandIn(Set<String> keys) throws IOException {
        this.keys = Set.copyOf(keys);
        this.workspace = SampleWorkspace.generate(Instant.now());
        this.sample = new SampleQueryApi(workspace, sampleKey(), 0).start();
        this.front = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.threads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "query-api-front");
            thread.setDaemon(true);
            return thread;
        });
        front.setExecutor(threads);
        front.createContext("/", this::handle);
        front.start();
    }

    /** {@code RAINDROP_API_URL}. */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + front.getAddress().getPort());
    }

    private String sampleKey() {
        return keys.stream().sorted().findFirst().orElseThrow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (RATE_LIMITED.equals(exchange.getRequestHeaders().getFirst("X-Raindrop-Project-Id"))) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                send(exchange, 429, "application/json",
                        "{\"error\":{\"code\":\"rate_limited\",\"message\":\"Too many requests\"}}"
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && authorization.startsWith("Bearer ")
                    && keys.contains(authorization.substring("Bearer ".length()))) {
                authorization = "Bearer " + sampleKey();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(sample.baseUri().resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            for (String header : List.of("X-Raindrop-Project-Id", "Accept")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
            send(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"),
                    response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        front.stop(0);
        threads.shutdownNow();
        sample.close();
    }
}
