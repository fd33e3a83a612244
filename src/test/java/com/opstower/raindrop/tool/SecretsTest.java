package com.opstower.raindrop.tool;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.opstower.raindrop.config.EventsConfig;
import com.opstower.raindrop.config.RaindropApiConfig;
import com.opstower.raindrop.config.TraceConfig;
import com.opstower.raindrop.config.TraceFilesConfig;
import com.opstower.raindrop.testing.EveryTool;
import com.opstower.raindrop.testing.LogCapture;
import com.opstower.raindrop.testing.QueryApiStandIn;
import com.opstower.raindrop.testing.ToolCalls;
import com.opstower.raindrop.testing.ToolCalls.Answer;
import com.opstower.raindrop.testing.TraceStorageStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The API key never leaves the request it came with: every tool, on its success path and on every kind of upstream and
 * storage failure (upstream error bodies that echo the key included), with a recognisable key, and the key appears in no
 * answer (text, error, data), no log line (debug lines of the application and of the REST client included), no stored
 * trace file (key, content, metadata) and no configuration object's {@code toString()}.
 */
@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
@QuarkusTestResource(TraceStorageStandIn.class)
class SecretsTest {

    /** Every key these calls use starts with it (each tool's own key adds the tool's name). */
    private static final String KEY = ToolCalls.KEY;
    private static final String FALLBACK = QueryApiStandIn.FALLBACK_KEY;

    WireMockServer api = QueryApiStandIn.server();

    @Inject
    S3Client s3;

    @Inject
    RaindropApiConfig apiConfig;

    @Inject
    TraceFilesConfig traceFilesConfig;

    @Inject
    TraceConfig traceConfig;

    @Inject
    EventsConfig eventsConfig;

    @BeforeEach
    void reset() {
        api.resetAll();
        EveryTool.stubConfiguredConnection(api);
    }

    /** Upstream answers, each for one tool's key; several put the key itself in their error body. */
    static Map<String, Function<String, ResponseDefinitionBuilder>> upstreamAnswers(EveryTool tool) {
        Map<String, Function<String, ResponseDefinitionBuilder>> answers = new LinkedHashMap<>();
        answers.put("success", key -> tool.success());
        answers.put("401 echoing the key", key -> json(401, "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"Invalid API key " + key + "\"}}"));
        answers.put("403 echoing the header", key -> json(403, "{\"error\":\"Authorization: Bearer " + key + " has no access to this project\"}"));
        answers.put("404 echoing the key", key -> json(404, "{\"error\":{\"message\":\"Not found for key " + key + "\"}}"));
        answers.put("400 echoing the key", key -> json(400, "{\"message\":\"bad request from " + key + "\"}"));
        answers.put("400 about a date range echoing the key", key -> json(400, "{\"error\":\"date range too wide for " + key + "\"}"));
        answers.put("429 for ever", key -> aResponse().withStatus(429).withHeader("retry-after-ms", "10"));
        answers.put("503 for ever echoing the key", key -> json(503, "{\"error\":\"" + key + " overloaded\"}"));
        answers.put("418 echoing the key", key -> json(418, "{\"error\":\"teapot for " + key + "\"}"));
        answers.put("connection reset", key -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        answers.put("body cut half way", key -> aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        answers.put("200 malformed JSON with the key", key -> json(200, "{\"data\": [\"" + key));
        return answers;
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static void assertNoKey(String where, String text) {
        assertFalse(text.contains(KEY), () -> where + " shows the key: " + text);
        assertFalse(text.contains(FALLBACK), () -> where + " shows the configured key: " + text);
    }

    private static void assertAnswerHasNoKey(String where, Answer answer) {
        answer.assertEnvelope();
        // The whole envelope: text, error and data, as the caller receives them.
        assertNoKey(where, answer.body());
    }

    @Test
    void noKeyReachesAnAnswerALogLineOrStoredTraceFile() throws Exception {
        int calls = 0;
        try (LogCapture log = LogCapture.install("com.opstower.raindrop", "org.jboss.resteasy.reactive.client",
                "io.quarkus.rest.client", "io.smallrye.faulttolerance", "software.amazon.awssdk.request")) {
            for (EveryTool tool : EveryTool.values()) {
                for (Map.Entry<String, Function<String, ResponseDefinitionBuilder>> answer : upstreamAnswers(tool).entrySet()) {
                    api.resetAll();
                    EveryTool.stubConfiguredConnection(api);
                    api.stubFor(get(anyUrl()).withHeader("Authorization", equalTo("Bearer " + tool.key()))
                            .willReturn(answer.getValue().apply(tool.key())));
                    assertAnswerHasNoKey(tool + " / " + answer.getKey(), ToolCalls.post(tool.tool, tool.body()));
                    calls++;
                }
            }
            // Bodies the binding cannot read, the key inside: the parser's message would quote it, so only our line is logged.
            for (String body : List.of("{\"connection\":{\"api_key\":\"" + KEY + "\"},\"limit\":}",
                    "{\"connection\":{\"api_key\":\"" + KEY + "\"}}{\"api_key\":\"" + KEY + "\"}",
                    "[{\"api_key\":\"" + KEY + "\"}]")) {
                assertAnswerHasNoKey("a malformed body", ToolCalls.post("list_events", body));
                calls++;
            }
            // The configured key, with no connection in the request, echoed by the upstream.
            api.resetAll();
            api.stubFor(get(anyUrl()).willReturn(json(401, "{\"error\":\"Invalid API key " + FALLBACK + "\"}")));
            for (String tool : List.of("test_connection", "list_conversations", "list_events", "smoke_test")) {
                assertAnswerHasNoKey(tool + " with the configured key", ToolCalls.post(tool, "{}"));
                calls++;
            }
            // File mode when the storage fails: down, then refusing the application's credentials.
            api.resetAll();
            api.stubFor(get(anyUrl()).willReturn(EveryTool.GET_TRACE_FILE.success()));
            TraceStorageStandIn.takeDown();
            try {
                assertAnswerHasNoKey("file mode, storage down", ToolCalls.post("get_trace", EveryTool.GET_TRACE_FILE.body()));
                assertAnswerHasNoKey("smoke_test, storage down", ToolCalls.post("smoke_test", EveryTool.SMOKE_TEST.body()));
                TraceStorageStandIn.restartWithOtherCredentials();
                assertAnswerHasNoKey("file mode, credentials refused", ToolCalls.post("get_trace", EveryTool.GET_TRACE_FILE.body()));
                calls += 3;
            } finally {
                TraceStorageStandIn.restart();
            }
            // Files that were stored: one more, so that the bucket holds at least one.
            assertAnswerHasNoKey("file mode, stored", ToolCalls.post("get_trace", EveryTool.GET_TRACE_FILE.body()));
            calls++;

            List<String> lines = log.lines();
            // The capture works: it sees the application's one line per call, and its debug lines.
            assertTrue(lines.stream().anyMatch(l -> l.contains("tool=list_conversations outcome=OK")), "captured the call log");
            assertTrue(lines.stream().anyMatch(l -> l.contains("tool=get_event outcome=AUTH_FAILED")), "captured failures");
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("DEBUG") && l.contains("Query API")), "captured debug lines");
            assertTrue(lines.stream().anyMatch(l -> l.contains("smoke_check check=storage")), "captured smoke_test checks");
            assertTrue(lines.stream().anyMatch(l -> l.contains("Trace file storage failed")), "captured storage warnings");
            assertTrue(lines.stream().anyMatch(l -> l.contains("tool=list_events outcome=INVALID_ARGUMENT reason=body-not-a-json-object")),
                    "captured the answers to bodies the binding cannot read");
            for (String line : lines) {
                assertNoKey("log line", line);
            }
        }
        assertTrue(calls > 100, "calls: " + calls);
        assertNoKeyInStoredFiles();
    }

    private void assertNoKeyInStoredFiles() {
        String bucket = TraceStorageStandIn.BUCKET;
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(list -> list.bucket(bucket)).contents().forEach(objects::add);
        assertFalse(objects.isEmpty(), "the bucket holds the stored trace files");
        for (S3Object object : objects) {
            assertNoKey("object key", object.key());
            HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(object.key()));
            assertNoKey("object metadata of " + object.key(), head.metadata().toString() + " " + head.contentType()
                    + " " + head.contentDisposition() + " " + head.contentEncoding());
            String content = new String(s3.getObjectAsBytes(g -> g.bucket(bucket).key(object.key())).asByteArray(),
                    StandardCharsets.UTF_8);
            assertNoKey("object content of " + object.key(), content);
        }
    }

    @Test
    void configurationObjectsPrintNoKey() {
        assertEquals(FALLBACK, apiConfig.apiKey().orElseThrow(), "the configured key is the stand-in's");
        for (Object config : List.of(apiConfig, apiConfig.retry(), traceFilesConfig, traceConfig, eventsConfig)) {
            assertNoKey(config.getClass().getName() + ".toString()", String.valueOf(config));
        }
        assertNoKey("Credentials.toString()", new com.opstower.raindrop.queryapi.Credentials("int_42", KEY, "p").toString());
    }
}
