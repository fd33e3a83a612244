package com.opstower.raindrop.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The Raindrop Query API stand-in for every {@code @QuarkusTest}: WireMock on a dynamic port, fixtures under
 * {@code src/test/resources/wiremock}. One instance for the whole run, so that Quarkus boots once; each test
 * resets its stubs and request journal.
 */
public class QueryApiStandIn implements QuarkusTestResourceLifecycleManager {

    /** The fallback key the test configuration supplies as RAINDROP_API_KEY. */
    public static final String FALLBACK_KEY = "rk_fallback_0000";

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        // Enough request threads for the load test's 64 calls at once plus delayed answers still sleeping.
        server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(160).usingFilesUnderClasspath("wiremock"));
        server.start();
        return Map.of(
                "raindrop.api-url", server.baseUrl(),
                "raindrop.api-key", FALLBACK_KEY,
                // Short waits keep retry tests quick; the policy is the same.
                "raindrop.retry.initial-backoff", "20ms",
                "raindrop.retry.max-backoff", "100ms",
                "raindrop.retry.budget", "3s",
                "raindrop.read-timeout", "1500ms",
                // Each test stubs its own workspace's signals under the same key: read them afresh on every call.
                "raindrop.signals.cache-ttl", "0s");
    }

    /** The fixtures' workspace: two pages of signals (user_frustration, refund_request; tool_failure) and one group. */
    public static void stubSignals(WireMockServer api) {
        api.stubFor(get(urlPathEqualTo("/v1/signals")).willReturn(okFile("signals-list.json")));
        api.stubFor(get(urlPathEqualTo("/v1/signals")).withQueryParam("cursor", equalTo("eyJvZmZzZXQiOjJ9"))
                .willReturn(okFile("signals-list-page2.json")));
        api.stubFor(get(urlPathEqualTo("/v1/signal-groups")).willReturn(okFile("signal-groups-list.json")));
    }

    /** HTTP 200 with a JSON fixture of {@code __files}. */
    public static ResponseDefinitionBuilder okFile(String name) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBodyFile(name);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
