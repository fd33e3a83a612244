import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in of the AWS Lambda Runtime API (version 2018-06-01) for one execution environment, on the loopback
 * interface: what a Lambda runtime polls, whether AWS's Java runtime interface client or a native executable's own
 * loop. It serves {@code invocation/next} (a long poll, answered with the invocation's headers as Lambda sends them:
 * request id, deadline, function ARN, trace id, client context, Cognito identity), {@code invocation/{id}/response},
 * {@code invocation/{id}/error}, {@code init/error}, and SnapStart's {@code restore/next} and {@code restore/error}.
 * Nagle's algorithm is off, as it must be for timings (else every answer waits 40 ms for a delayed ACK).
 *
 * <pre>
 * try (RuntimeApiStandIn api = RuntimeApiStandIn.start("get_event", 1024)) {
 *     // start the runtime with AWS_LAMBDA_RUNTIME_API=api.address() in its environment, then:
 *     RuntimeApiStandIn.Ready ready = api.awaitReady(Duration.ofSeconds(60));   // first next, or init/error
 *     RuntimeApiStandIn.Outcome outcome = api.invoke("{\"event_id\":\"evt_1\"}", Duration.ofSeconds(30));
 *     // outcome.response() or outcome.error(); outcome.answeredBeforeDeadline()
 * }
 * </pre>
 *
 * Times are {@link System#nanoTime()} readings of this JVM, taken when a request arrives or an answer is sent, so that
 * a caller can split a cold start into init (launch to the first {@code next}) and the first invocation.
 */
public final class RuntimeApiStandIn implements AutoCloseable {

    static {
        // Read once, when the JDK's HTTP server is first used: every server of this JVM answers without delay.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final String BASE = "/2018-06-01/runtime/";
    private static final Pattern ERROR_TYPE = Pattern.compile("\"errorType\"\\s*:\\s*\"([^\"]+)\"");

    /** How the function's initialisation ended: its first {@code next}, or an {@code init/error}. */
    public record Ready(long atNanos, RuntimeError initError) {
        public boolean failed() {
            return initError != null;
        }
    }

    /** An error a runtime reported: the {@code Lambda-Runtime-Function-Error-Type} header and the JSON body. */
    public record RuntimeError(String errorType, String body) {
    }

    /** How one invocation ended, and when (nanoTime readings of this JVM). */
    public record Outcome(String requestId, long sentNanos, long answeredNanos, long deadlineEpochMillis,
            long answeredEpochMillis, String response, RuntimeError error) {

        public Duration took() {
            return Duration.ofNanos(answeredNanos - sentNanos);
        }

        /** Whether the answer arrived before the invocation's deadline, as Lambda would have accepted it. */
        public boolean answeredBeforeDeadline() {
            return answeredEpochMillis < deadlineEpochMillis;
        }
    }

    private final String functionName;
    private final int memoryMb;
    private final HttpServer server;
    private final ExecutorService threads;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Ready> ready = new CompletableFuture<>();
    private final CompletableFuture<Long> restoreNext = new CompletableFuture<>();
    private volatile RuntimeError restoreError;

    private RuntimeApiStandIn(String functionName, int memoryMb) throws IOException {
        this.functionName = functionName;
        this.memoryMb = memoryMb;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        // `next` is a long poll that holds its thread: a thread per request.
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "runtime-api-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext(BASE, this::handle);
        server.start();
    }

    /** A Runtime API for one execution environment of the function, listening on a free loopback port. */
    public static RuntimeApiStandIn start(String functionName, int memoryMb) throws IOException {
        return new RuntimeApiStandIn(functionName, memoryMb);
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The ARN Lambda would send as {@code Lambda-Runtime-Invoked-Function-Arn}. */
    public String functionArn() {
        return "arn:aws:lambda:eu-central-1:123456789012:function:opstower-raindrop-ci-" + functionName;
    }

    /** Waits for the end of initialisation: the first {@code next}, or an {@code init/error}. */
    public Ready awaitReady(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** When SnapStart's {@code restore/next} was asked for (the snapshot's moment), if it was. */
    public Long restoreNextNanos() {
        return restoreNext.getNow(null);
    }

    /** A {@code restore/error} the runtime reported (an {@code afterRestore} hook failed), if any. */
    public RuntimeError restoreError() {
        return restoreError;
    }

    /**
     * Hands one event to the runtime's next {@code next} and waits for its answer.
     *
     * @param remaining the time the invocation has ({@code Lambda-Runtime-Deadline-Ms} is now plus this)
     * @return its outcome, or null when the runtime sent none within {@code remaining} plus {@code grace} (where Lambda
     *     would have ended the environment)
     */
    public Outcome invoke(String payload, Duration remaining, Duration grace) throws InterruptedException {
        Pending pending = new Pending(UUID.randomUUID().toString(), payload,
                System.currentTimeMillis() + remaining.toMillis());
        inFlight.put(pending.requestId, pending);
        queue.add(pending);
        try {
            return pending.outcome.get(remaining.plus(grace).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            queue.remove(pending);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(BASE.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                ready.complete(new Ready(now, null));
                next(exchange);
            } else if (method.equals("GET") && path.equals("restore/next")) {
                restoreNext.complete(now);
                send(exchange, 200, "");
            } else if (method.equals("POST") && path.equals("init/error")) {
                ready.complete(new Ready(now, error(exchange, body)));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.equals("restore/error")) {
                restoreError = error(exchange, body);
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/")
                    && (path.endsWith("/response") || path.endsWith("/error"))) {
                String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
                Pending pending = inFlight.remove(requestId);
                if (pending == null) {
                    send(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                String text = new String(body, StandardCharsets.UTF_8);
                boolean isError = path.endsWith("/error");
                pending.outcome.complete(new Outcome(requestId, pending.sentNanos, now, pending.deadlineEpochMillis,
                        System.currentTimeMillis(), isError ? null : text, isError ? error(exchange, body) : null));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, "{\"errorMessage\":\"Unknown path " + path + "\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    /** Answers a long poll with the next event, as Lambda does: the payload as body, the context in headers. */
    private void next(HttpExchange exchange) throws IOException {
        Pending pending;
        try {
            pending = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", String.valueOf(pending.deadlineEpochMillis));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn());
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + pending.requestId.replace("-", "").substring(0, 24) + ";Parent=53995c3f42cd8ad8;Sampled=0");
        // AWS's runtime client crashes in its native code when either of these two is missing.
        headers.set("Lambda-Runtime-Client-Context", "{\"client\":{\"installation_id\":\"lambda-check\",\"app_title\":"
                + "\"opstower\",\"app_version_name\":\"1\",\"app_version_code\":\"1\",\"app_package_name\":\"ci\"},"
                + "\"custom\":{},\"env\":{\"platform\":\"linux\"}}");
        headers.set("Lambda-Runtime-Cognito-Identity", "{\"cognitoIdentityId\":\"eu-central-1:lambda-check\","
                + "\"cognitoIdentityPoolId\":\"eu-central-1:opstower\"}");
        byte[] bytes = pending.payload.getBytes(StandardCharsets.UTF_8);
        pending.sentNanos = System.nanoTime();
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * An error report: its type from the optional {@code Lambda-Runtime-Function-Error-Type} header, else from the
     * body's {@code errorType}, where Quarkus' own Runtime API loop (a native executable's) puts it.
     */
    private static RuntimeError error(HttpExchange exchange, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        if (type == null) {
            Matcher inBody = ERROR_TYPE.matcher(text);
            type = inBody.find() ? inBody.group(1) : null;
        }
        return new RuntimeError(type, text);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The memory Lambda gives the function, for {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}. */
    public int memoryMb() {
        return memoryMb;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** An event handed out or waiting to be. */
    private static final class Pending {
        final String requestId;
        final String payload;
        final long deadlineEpochMillis;
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        volatile long sentNanos;

        Pending(String requestId, String payload, long deadlineEpochMillis) {
            this.requestId = requestId;
            this.payload = payload;
            this.deadlineEpochMillis = deadlineEpochMillis;
        }
    }
}
