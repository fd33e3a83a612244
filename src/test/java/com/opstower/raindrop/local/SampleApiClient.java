package com.opstower.raindrop.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

/** A sample Query API on a free port with a fresh workspace, and the calls tests make to it. */
final class SampleApiClient implements AutoCloseable {

    static final String KEY = "test-key";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final SampleWorkspace workspace = SampleWorkspace.generate(Instant.now());
    private final SampleQueryApi api;

    SampleApiClient() throws Exception {
        api = new SampleQueryApi(workspace, KEY, 0).start();
    }

    @Override
    public void close() {
        api.close();
    }

    /** The body of a 200 answer to {@code pathAndQuery}, which must be JSON. */
    JsonNode ok(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery, null);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        return JSON.readTree(response.body());
    }

    /** The error body of a {@code status} answer to {@code pathAndQuery}. */
    JsonNode error(int status, String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery, null);
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("error");
    }

    HttpResponse<String> get(String pathAndQuery, String project) throws Exception {
        HttpRequest.Builder request = request(pathAndQuery).setHeader("Authorization", "Bearer " + KEY);
        if (project != null) {
            request.setHeader(SampleQueryApi.PROJECT_HEADER, project);
        }
        return send(request.build());
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(api.baseUri() + pathAndQuery)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The {@code data} array of a body. */
    static List<JsonNode> list(JsonNode body) {
        return elements(body.get("data"));
    }

    static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
