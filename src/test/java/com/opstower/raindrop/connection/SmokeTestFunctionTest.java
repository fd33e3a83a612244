package com.opstower.raindrop.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.opstower.raindrop.testing.ToolCalls.call;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.opstower.raindrop.testing.QueryApiStandIn;
import com.opstower.raindrop.testing.TraceStorageStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
@QuarkusTestResource(TraceStorageStandIn.class)
class SmokeTestFunctionTest {

    private static final String BAD_KEY = "rk_revoked_9999";

    WireMockServer api = QueryApiStandIn.server();

    @Inject
    S3Client s3;

    @BeforeEach
    void reset() {
        api.resetAll();
        api.stubFor(get(anyUrl()).willReturn(okJson("{\"data\":[],\"meta\":{\"cursor\":null,\"has_more\":false}}")));
        api.stubFor(get(anyUrl()).withHeader("Authorization", WireMock.equalTo("Bearer " + BAD_KEY))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"Unauthorized\"}}")));
    }

    @Test
    void passesEveryCheckAgainstHealthyServicesAndLeavesNothingBehind() {
        call("smoke_test", "{\"connections\":[{\"integration_id\":\"int_7\",\"api_key\":\"rk_good_1\",\"project_id\":\"checkout-bot\"}]}")
                .body("is_error", equalTo(false))
                .body("text", containsString("Smoke test: 3 of 3 checks passed."))
                .body("text", containsString("- query_api · default · OK"))
                .body("text", containsString("- query_api · int_7 · OK"))
                .body("text", containsString("- storage · trace files · OK"))
                .body("data.ok", equalTo(true))
                .body("data.checks", hasSize(3));

        api.verify(getRequestedFor(anyUrl()).withHeader("Authorization", WireMock.equalTo("Bearer rk_good_1"))
                .withHeader("X-Raindrop-Project-Id", WireMock.equalTo("checkout-bot")));
        assertTrue(s3.listObjectsV2(list -> list.bucket(TraceStorageStandIn.BUCKET).prefix("raindrop-cache/_smoke_test/"))
                .contents().isEmpty(), "the probe object was removed");
    }

    @Test
    void reportsABadKeyWithoutShowingIt() {
        call("smoke_test", "{\"connections\":[{\"integration_id\":\"int_8\",\"api_key\":\"" + BAD_KEY + "\"}]}")
                .body("is_error", equalTo(true))
                .body("error.code", equalTo("AUTH_FAILED"))
                .body("text", containsString("Smoke test: 2 of 3 checks passed."))
                .body("text", containsString("- query_api · int_8 · **AUTH_FAILED**"))
                .body("data.checks[1].error_code", equalTo("AUTH_FAILED"))
                .body("text", not(containsString(BAD_KEY)));
    }

    @Test
    void reportsStorageThatIsDown() throws Exception {
        TraceStorageStandIn.takeDown();
        try {
            call("smoke_test", "{}")
                    .body("is_error", equalTo(true))
                    .body("error.code", equalTo("STORAGE_UNAVAILABLE"))
                    .body("text", containsString("Smoke test: 1 of 2 checks passed."))
                    .body("data.checks[1].check", equalTo("storage"))
                    .body("data.checks[1].ok", equalTo(false));
        } finally {
            TraceStorageStandIn.restart();
        }
    }

    @Test
    void checksTheCallingConventionsConnectionInPlaceOfTheConfiguredOne() {
        call("smoke_test", "{\"connection\":{\"integration_id\":\"int_9\",\"api_key\":\"rk_good_2\"}}")
                .body("is_error", equalTo(false))
                .body("text", containsString("Smoke test: 2 of 2 checks passed."))
                .body("text", containsString("- query_api · int_9 · OK"))
                .body("text", not(containsString("· default ·")));
        api.verify(getRequestedFor(anyUrl()).withHeader("Authorization", WireMock.equalTo("Bearer rk_good_2")));
    }

    @Test
    void refusesInputItDoesNotTake() {
        call("smoke_test", "{\"connections\":\"all\"}")
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`connections` must be a list of at most 50 objects"));
        call("smoke_test", "{\"targets\":[]}")
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`targets` is not an argument of smoke_test."));
    }
}
