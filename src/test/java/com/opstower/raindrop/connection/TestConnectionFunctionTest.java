package com.opstower.raindrop.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.opstower.raindrop.testing.ToolCalls.call;
import static com.opstower.raindrop.testing.ToolCalls.withConnection;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.opstower.raindrop.testing.QueryApiStandIn;
import com.opstower.raindrop.testing.ToolCalls;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
class TestConnectionFunctionTest {

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    @Test
    void saysTheKeyWorksWithOneCheapRead() {
        api.stubFor(get(urlPathEqualTo("/v1/conversations")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBodyFile("conversations-list.json")));

        call("test_connection", withConnection(""))
                .body("is_error", equalTo(false))
                .body("text", containsString("Connected to Raindrop: the API key works for project `checkout-bot`"))
                .body("text", containsString("Latest conversation activity: 2026-11-24 09:19:44 UTC."))
                .body("data.ok", equalTo(true));

        api.verify(1, getRequestedFor(urlPathEqualTo("/v1/conversations")).withQueryParam("limit", WireMock.equalTo("1")));
    }

    @Test
    void usesTheConfiguredKeyWhenTheRequestHasNone() {
        api.stubFor(get(anyUrl()).willReturn(WireMock.okJson("{\"data\":[],\"meta\":{\"cursor\":null,\"has_more\":false}}")));

        call("test_connection", "{}")
                .body("is_error", equalTo(false))
                .body("text", containsString("the default (Production) project"));

        api.verify(getRequestedFor(anyUrl())
                .withHeader("Authorization", WireMock.equalTo("Bearer " + QueryApiStandIn.FALLBACK_KEY))
                .withoutHeader("X-Raindrop-Project-Id"));
    }

    @Test
    void explainsARejectedKey() {
        api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBodyFile("error-401.json")));

        call("test_connection", withConnection(""))
                .body("is_error", equalTo(true))
                .body("error.code", equalTo("AUTH_FAILED"))
                .body("error.retryable", equalTo(false))
                .body("text", containsString("Raindrop rejected the API key (HTTP 401: Unauthorized)."))
                .body("text", containsString("not revoked"))
                .body("text", containsString("right workspace"))
                .body("text", containsString("Settings > API Keys"))
                .body("text", not(containsString(ToolCalls.KEY)));
        api.verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    void explainsAnArchivedOrUnknownProject() {
        api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"Project is archived\"}")));

        call("test_connection", withConnection(""))
                .body("error.code", equalTo("FORBIDDEN"))
                .body("text", containsString("(HTTP 403: Project is archived): it is archived or unknown."));
    }

    @Test
    void refusesAMalformedProjectBeforeAnyCall() {
        call("test_connection", "{\"connection\":{\"api_key\":\"k\",\"project_id\":\"Checkout Bot\"}}")
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`connection.project_id` must be a project slug"));
        assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void refusesArgumentsItDoesNotTake() {
        call("test_connection", withConnection("\"verbose\":true"))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`verbose` is not an argument of test_connection."));
    }
}
