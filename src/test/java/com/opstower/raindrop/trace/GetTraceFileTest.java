package com.opstower.raindrop.trace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.opstower.raindrop.testing.ToolCalls.call;
import static com.opstower.raindrop.testing.ToolCalls.withConnection;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.opstower.raindrop.testing.EveryTool;
import com.opstower.raindrop.testing.QueryApiStandIn;
import com.opstower.raindrop.testing.TraceStorageStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.s3.S3Client;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** get_trace with getAsFile: the raw body, byte for byte, behind a presigned URL of a real S3-compatible store. */
@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
@QuarkusTestResource(TraceStorageStandIn.class)
class GetTraceFileTest {

    private static final long CAP = 26_214_400;

    @Inject
    S3Client s3;

    WireMockServer api = QueryApiStandIn.server();
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    private void upstreamSends(byte[] body) {
        api.stubFor(get(urlPathEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private HttpResponse<byte[]> download(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A valid trace body of exactly {@code size} bytes holding {@code spans} spans, padded with JSON whitespace. */
    private static byte[] traceOfSize(int spans, long size) {
        StringBuilder json = new StringBuilder("{\"data\":[");
        for (int i = 0; i < spans; i++) {
            json.append(i == 0 ? "" : ",").append("{\"span_id\":\"s").append(i).append("\",\"span_name\":\"step\"}");
        }
        json.append("]}");
        byte[] head = json.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[(int) size];
        java.util.Arrays.fill(body, (byte) ' ');
        System.arraycopy(head, 0, body, 0, head.length);
        return body;
    }

    @Test
    void storesTheUpstreamBodyByteForByteBehindAPresignedUrl() throws Exception {
        byte[] upstream = Files.readAllBytes(Path.of("src/test/resources/wiremock/__files/traces-list.json"));
        upstreamSends(upstream);

        JsonPath answer = call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"getAsFile\":true"))
                .body("is_error", equalTo(false))
                .body("text", startsWith("Saved trace for event evt_abc123 as JSON file.\n- spans: 3\n- size: 2.0 KB\n- content_type: application/json\n- expires_in_seconds: 900\n- url: http://"))
                .body("data.spans", equalTo(3))
                .body("data.size_bytes", equalTo(upstream.length))
                .body("data.content_type", equalTo("application/json"))
                .body("data.expires_in_seconds", equalTo(900))
                .body("data.url", containsString("/" + TraceStorageStandIn.BUCKET + "/raindrop-cache/int_42/evt_abc123/"))
                .extract().jsonPath();

        Instant expiresAt = Instant.parse(answer.getString("data.expires_at"));
        long ttl = Duration.between(Instant.now(), expiresAt).toSeconds();
        assertTrue(ttl > 880 && ttl <= 900, "expires in about 900 s, was " + ttl);

        HttpResponse<byte[]> file = download(answer.getString("data.url"));
        assertEquals(200, file.statusCode());
        assertArrayEquals(upstream, file.body());
        assertEquals("application/json", file.headers().firstValue("Content-Type").orElse(""));

        api.verify(getRequestedFor(urlPathEqualTo("/v1/traces"))
                .withQueryParam("event_id", WireMock.equalTo("evt_abc123"))
                .withQueryParam("trunc_len", WireMock.equalTo("50000"))
                .withQueryParam("limit", WireMock.equalTo("1000")));
    }

    @Test
    void refusesATamperedUrl() throws Exception {
        upstreamSends(traceOfSize(2, 400));
        String url = call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"getAsFile\":true"))
                .extract().jsonPath().getString("data.url");
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        String tampered = url.substring(0, at) + (url.charAt(at) == 'a' ? 'b' : 'a') + url.substring(at + 1);

        assertEquals(403, download(tampered).statusCode());
        assertEquals(200, download(url).statusCode());
    }

    @Test
    void escapesIdsIntoOneKeySegmentEachAndUsesTheDefaultIntegration() throws Exception {
        upstreamSends(traceOfSize(1, 100));
        String url = call("get_trace", "{\"connection\":{\"api_key\":\"k\"},\"event_id\":\"../../etc/passwd\",\"getAsFile\":true}")
                .body("is_error", equalTo(false))
                .extract().jsonPath().getString("data.url");
        assertTrue(url.contains("/raindrop-cache/default/.2E.2E.2F.2E.2E.2Fetc.2Fpasswd/"), url);
        assertEquals(200, download(url).statusCode());
    }

    @Test
    void integrationsWhoseIdsDifferOnlyInUnsafeCharactersKeepPrefixesOfTheirOwn() throws Exception {
        upstreamSends(traceOfSize(1, 100));
        for (String integration : new String[] {"a b", "a_b"}) {
            String url = call("get_trace", "{\"connection\":{\"api_key\":\"k\",\"integration_id\":\"" + integration
                    + "\"},\"event_id\":\"evt_collide\",\"getAsFile\":true}")
                    .body("is_error", equalTo(false))
                    .extract().jsonPath().getString("data.url");
            assertEquals(200, download(url).statusCode());
        }
        for (String prefix : new String[] {"raindrop-cache/a.20b/evt_collide/", "raindrop-cache/a_b/evt_collide/"}) {
            assertEquals(1, s3.listObjectsV2(list -> list.bucket(TraceStorageStandIn.BUCKET).prefix(prefix)).keyCount(), prefix);
        }
    }

    @Test
    void storesABodyExactlyAtTheCapWithItsSpanCount() throws Exception {
        byte[] body = traceOfSize(1000, CAP);
        upstreamSends(body);
        String url = call("get_trace", withConnection("\"event_id\":\"evt_big\",\"getAsFile\":true"))
                .body("is_error", equalTo(false))
                .body("data.spans", equalTo(1000))
                .body("data.size_bytes", equalTo((int) CAP))
                .body("text", containsString("- size: 25.0 MB"))
                .extract().jsonPath().getString("data.url");
        assertEquals(CAP, download(url).body().length);
    }

    @Test
    void refusesABodyOverTheCapAndStoresNothing() throws Exception {
        upstreamSends(traceOfSize(10, CAP + 1));
        call("get_trace", withConnection("\"event_id\":\"evt_huge\",\"getAsFile\":true,\"trunc_len\":20000"))
                .body("error.code", equalTo("TRACE_TOO_LARGE"))
                .body("error.retryable", equalTo(false))
                .body("text", containsString("larger than 25.0 MB (26214400 bytes) with trunc_len 20000 and limit 1000"))
                .body("text", containsString("a smaller `trunc_len`, such as 4000, or a smaller `limit`, such as 500"));
        assertTrue(s3.listObjectsV2(list -> list.bucket(TraceStorageStandIn.BUCKET).prefix("raindrop-cache/int_42/evt_huge/"))
                .contents().isEmpty());
    }

    /** What can go wrong with the trace storage, how to bring it about, how to undo it, and what the answer says. */
    enum StorageFault {
        ENDPOINT_DOWN("it could not be reached"),
        // HTTP 403 InvalidAccessKeyId when the store answers the upload, a bare 403 when it closes it and the HEAD
        // that diagnoses the broken upload answers instead.
        WRONG_CREDENTIALS("it answered HTTP 403"),
        BUCKET_MISSING("it answered HTTP 404 NoSuchBucket");

        final String why;

        StorageFault(String why) {
            this.why = why;
        }
    }

    private void bringAbout(StorageFault fault) throws Exception {
        switch (fault) {
            case ENDPOINT_DOWN -> TraceStorageStandIn.takeDown();
            case WRONG_CREDENTIALS -> TraceStorageStandIn.restartWithOtherCredentials();
            case BUCKET_MISSING -> {
                String bucket = TraceStorageStandIn.BUCKET;
                s3.listObjectsV2Paginator(list -> list.bucket(bucket)).contents()
                        .forEach(object -> s3.deleteObject(delete -> delete.bucket(bucket).key(object.key())));
                s3.deleteBucket(delete -> delete.bucket(bucket));
            }
        }
    }

    private void undo(StorageFault fault) throws Exception {
        switch (fault) {
            case ENDPOINT_DOWN, WRONG_CREDENTIALS -> TraceStorageStandIn.restart();
            case BUCKET_MISSING -> s3.createBucket(create -> create.bucket(TraceStorageStandIn.BUCKET));
        }
    }

    @ParameterizedTest
    @EnumSource(StorageFault.class)
    void reportsEveryStorageFaultAndWorksAgainOnceItIsGone(StorageFault fault) throws Exception {
        upstreamSends(traceOfSize(1, 100));
        EveryTool.stubConfiguredConnection(api);
        bringAbout(fault);
        try {
            long started = System.nanoTime();
            call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"getAsFile\":true"))
                    .body("error.code", equalTo("STORAGE_UNAVAILABLE"))
                    .body("error.retryable", equalTo(true))
                    .body("text", containsString("The trace file storage failed: " + fault.why))
                    .body("text", containsString("Next step: Call get_trace without getAsFile"))
                    .body("data", nullValue());
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertTrue(ms < 3000, "answered within the 3 s budget, took " + ms + " ms");
            api.verify(1, getRequestedFor(urlPathEqualTo("/v1/traces")));

            call("smoke_test", "{}")
                    .body("error.code", equalTo("STORAGE_UNAVAILABLE"))
                    .body("text", containsString("- storage · trace files · **STORAGE_UNAVAILABLE**"))
                    .body("text", containsString(fault.why))
                    .body("text", containsString("Next step:"));
        } finally {
            undo(fault);
        }
        String url = call("get_trace", withConnection("\"event_id\":\"evt_abc123\",\"getAsFile\":true"))
                .body("is_error", equalTo(false))
                .extract().jsonPath().getString("data.url");
        assertEquals(200, download(url).statusCode());
    }
}
