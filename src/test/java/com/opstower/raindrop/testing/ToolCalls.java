package com.opstower.raindrop.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls a tool over the Funqy HTTP binding, as the orchestrator does. */
public final class ToolCalls {

    /** A key recognisable in any output it must never reach. */
    public static final String KEY = "rk_live_TESTKEY_5f1d2c";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ToolCalls() {
    }

    /** POST /{tool} with the given JSON body; the answer must be HTTP 200 with the tool envelope. */
    public static ValidatableResponse call(String tool, String jsonBody) {
        return given().contentType(ContentType.JSON).body(jsonBody)
                .when().post("/" + tool)
                .then().statusCode(200).contentType(ContentType.JSON);
    }

    /** A request body with this test's connection (key and project) and the given arguments. */
    public static String withConnection(String arguments) {
        String connection = "\"connection\":{\"integration_id\":\"int_42\",\"api_key\":\"" + KEY + "\",\"project_id\":\"checkout-bot\"}";
        return arguments.isBlank() ? "{" + connection + "}" : "{" + connection + "," + arguments + "}";
    }

    /** One answer of {@link #post}: how long it took, the HTTP status and the body, read once as JSON. */
    public static final class Answer {
        private static final ObjectMapper JSON = new ObjectMapper();

        private final String tool;
        private final int status;
        private final String body;
        private final long millis;
        private JsonNode json;

        Answer(String tool, int status, String body, long millis) {
            this.tool = tool;
            this.status = status;
            this.body = body;
            this.millis = millis;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }

        public long millis() {
            return millis;
        }

        /** The envelope as a tree (a missing node for a body that is no JSON). */
        public synchronized JsonNode json() {
            if (json == null) {
                try {
                    json = JSON.readTree(body);
                } catch (IOException e) {
                    json = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
                }
            }
            return json;
        }

        public String text() {
            return json().path("text").asText(null);
        }

        public boolean isError() {
            return json().path("is_error").asBoolean();
        }

        /** The error code, or null for a successful call. */
        public String code() {
            JsonNode code = json().path("error").path("code");
            return code.isTextual() ? code.asText() : null;
        }

        public boolean retryable() {
            return json().path("error").path("retryable").asBoolean();
        }

        /** error.retry_after_seconds, or null. */
        public Long retryAfterSeconds() {
            JsonNode seconds = json().path("error").path("retry_after_seconds");
            return seconds.isNumber() ? seconds.asLong() : null;
        }

        /** An HTTP 200 tool envelope whose text carries no stack trace nor exception name. */
        public Answer assertEnvelope() {
            assertEquals(200, status, () -> tool + " answered HTTP " + status + ": " + body);
            String text = text();
            assertTrue(text != null && !text.isBlank(), () -> tool + " answered without text: " + body);
            assertEquals(code() != null, isError(), () -> tool + ": " + body);
            assertFalse(text.contains("at com.") || text.contains("at java.") || text.contains("Exception"),
                    () -> tool + " shows a stack trace or an exception: " + text);
            return this;
        }
    }

    /**
     * POST /{tool} from any thread (java.net.http rather than RestAssured, for concurrent callers), timed from the
     * request to the whole answer.
     */
    public static Answer post(String tool, String jsonBody) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/" + tool))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(tool, response.statusCode(), response.body(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
