package com.opstower.raindrop.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
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

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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

    /** One answer of {@link #post}: how long it took, the HTTP status and the body. */
    public record Answer(String tool, int status, String body, long millis) {

        public JsonPath json() {
            return JsonPath.from(body);
        }

        public String text() {
            return json().getString("text");
        }

        /** The error code, or null for a successful call. */
        public String code() {
            return json().getString("error.code");
        }

        /** An HTTP 200 tool envelope whose text carries no stack trace nor exception name. */
        public Answer assertEnvelope() {
            assertEquals(200, status, () -> tool + " answered HTTP " + status + ": " + body);
            JsonPath json = json();
            String text = json.getString("text");
            assertTrue(text != null && !text.isBlank(), () -> tool + " answered without text: " + body);
            assertEquals(json.getString("error.code") != null, json.getBoolean("is_error"), () -> tool + ": " + body);
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
