package com.opstower.raindrop.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A stand-in of the Raindrop Query API serving a {@link SampleWorkspace} on the loopback interface, for local runs
 * and tests: the same paths, query parameters, envelopes, status codes and error bodies as the contract in
 * {@code raindrop-api.md}, with the JDK's own HTTP server so that it needs no extra dependency.
 *
 * <p>Requests are checked in the order a gateway would: method (405), bearer key (401), project header (400
 * malformed, 403 unknown), then the route. Projects {@code default} and {@code checkout-bot}, or no header, are the
 * sample workspace.
 */
public final class SampleQueryApi implements AutoCloseable {

    static final String PROJECT_HEADER = "X-Raindrop-Project-Id";

    private static final Logger LOG = Logger.getLogger(SampleQueryApi.class);
    private static final Set<String> SAMPLE_PROJECTS = Set.of("default", "checkout-bot");
    private static final Pattern PROJECT_SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final String BEARER = "Bearer ";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final SampleEndpoints endpoints;
    private final EventSearch search;
    private final AnalyticsEndpoints analytics;
    private final CatalogEndpoints catalog;
    private final byte[] apiKey;
    private final int requestedPort;
    private HttpServer server;
    private ExecutorService executor;

    /** @param port the port to listen on, 0 for any free one (see {@link #port()}) */
    public SampleQueryApi(SampleWorkspace workspace, String apiKey, int port) {
        this.endpoints = new SampleEndpoints(workspace, Clock.systemUTC());
        this.search = new EventSearch(workspace, Clock.systemUTC());
        this.analytics = new AnalyticsEndpoints(workspace);
        this.catalog = new CatalogEndpoints(workspace);
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.requestedPort = port;
    }

    public SampleQueryApi start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 0);
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "sample-query-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** The bound port, once started. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** What {@code raindrop.api-url} should be to reach this server: the loopback address it listens on. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        Object body;
        try {
            body = answer(exchange);
        } catch (ApiError e) {
            status = e.status();
            body = e.body();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Sample Query API failed on %s", exchange.getRequestURI().getRawPath());
            ApiError internal = ApiError.internal();
            status = internal.status();
            body = internal.body();
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (status == 405) {
            exchange.getResponseHeaders().set("Allow", "GET");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Object answer(HttpExchange exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            throw ApiError.methodNotAllowed();
        }
        authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        checkProject(exchange.getRequestHeaders().getFirst(PROJECT_HEADER));
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        QueryParams params = QueryParams.parse(exchange.getRequestURI().getRawQuery());
        if (path.size() < 2 || !path.get(0).equals("v1")) {
            throw ApiError.notFound("Not found");
        }
        // Fixed paths first: /v1/events/search is the search, not the event with id "search".
        return switch (String.join("/", path.subList(1, path.size()))) {
            case "conversations" -> endpoints.listConversations(params);
            case "events" -> endpoints.listEvents(params);
            case "events/search" -> search.search(params);
            case "events/count" -> analytics.count(params);
            case "events/timeseries" -> analytics.timeseries(params);
            case "events/facets" -> analytics.facets(params);
            case "traces" -> endpoints.traces(params);
            case "signals" -> catalog.listSignals(params);
            case "signal-groups" -> catalog.listSignalGroups(params);
            case "users" -> catalog.listUsers(params);
            default -> byId(path, params);
        };
    }

    /** {@code /v1/<collection>/{id}} and {@code /v1/signal-groups/{id}/signals}. */
    private Object byId(List<String> path, QueryParams params) {
        String id = path.size() >= 3 ? path.get(2) : "";
        String route = path.size() == 3 ? path.get(1) + "/{id}" : path.size() == 4 ? path.get(1) + "/{id}/" + path.get(3) : "";
        return switch (route) {
            case "conversations/{id}" -> endpoints.conversation(id);
            case "events/{id}" -> endpoints.event(id);
            case "signals/{id}" -> catalog.signal(id);
            case "signal-groups/{id}" -> catalog.signalGroup(id);
            case "signal-groups/{id}/signals" -> catalog.listGroupSignals(id, params);
            case "users/{id}" -> catalog.user(id);
            default -> throw ApiError.notFound("Not found");
        };
    }

    private void authenticate(String authorization) {
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
        byte[] presented = bearer ? authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(presented, apiKey)) {
            throw ApiError.unauthorized();
        }
    }

    private static void checkProject(String projectId) {
        if (projectId == null || SAMPLE_PROJECTS.contains(projectId)) {
            return;
        }
        if (!PROJECT_SLUG.matcher(projectId).matches()) {
            throw ApiError.badRequest(PROJECT_HEADER, "Invalid project id: expected a lowercase slug");
        }
        throw ApiError.forbidden("Project not found or archived");
    }

    /** The path's segments, each percent-decoded on its own, so that an id holding {@code %2F} stays one segment. */
    private static List<String> segments(String rawPath) {
        return Arrays.stream(rawPath.split("/")).filter(segment -> !segment.isEmpty())
                // In a path '+' is a plus sign, not a space as URLDecoder (made for forms) would read it.
                .map(segment -> {
                    try {
                        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        throw ApiError.badRequest("path", "Malformed percent-encoding in the path");
                    }
                })
                .toList();
    }
}
