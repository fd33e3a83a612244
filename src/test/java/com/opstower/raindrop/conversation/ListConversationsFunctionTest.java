package com.opstower.raindrop.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.opstower.raindrop.testing.ToolCalls.call;
import static com.opstower.raindrop.testing.ToolCalls.withConnection;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

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
class ListConversationsFunctionTest {

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    @Test
    void listsConversationsWithTheExactUpstreamQuery() {
        api.stubFor(get(urlPathEqualTo("/v1/conversations")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBodyFile("conversations-list.json")));

        call("list_conversations", withConnection("""
                "user_id":"user_4711","started_after":"2026-11-20T00:00:00Z","sort":"started_at","limit":2,"cursor":"abc"
                """))
                .body("is_error", equalTo(false))
                .body("error", nullValue())
                .body("text", containsString("- `conv_8f2c1a` · user `user_4711` · 2026-11-24 09:12:03 → 09:19:44 UTC · 6 messages · signals: user_frustration ×2"))
                .body("text", containsString("anonymous user"))
                .body("text", containsString("`cursor: \"eyJvZmZzZXQiOjJ9\"`"))
                .body("data.conversations", hasSize(2))
                .body("data.conversations[0].message_count", equalTo(6))
                .body("data.next_cursor", equalTo("eyJvZmZzZXQiOjJ9"))
                .body("text", not(containsString(ToolCalls.KEY)));

        api.verify(getRequestedFor(urlPathEqualTo("/v1/conversations"))
                .withQueryParam("user_id", WireMock.equalTo("user_4711"))
                .withQueryParam("started_at[gte]", WireMock.equalTo("2026-11-20T00:00:00Z"))
                .withQueryParam("order_by", WireMock.equalTo("started_at"))
                .withQueryParam("limit", WireMock.equalTo("2"))
                .withQueryParam("cursor", WireMock.equalTo("abc"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + ToolCalls.KEY))
                .withHeader("X-Raindrop-Project-Id", WireMock.equalTo("checkout-bot"))
                .withHeader("Accept", WireMock.containing("application/json"))
                .withHeader("User-Agent", WireMock.matching("opstower-raindrop-connection/.+")));
    }

    @Test
    void defaultsToNewestActivityFirstAndTwentyPerPage() {
        api.stubFor(get(urlPathEqualTo("/v1/conversations")).willReturn(okJson("{\"data\":[],\"meta\":{\"cursor\":null,\"has_more\":false}}")));

        call("list_conversations", withConnection(""))
                .body("is_error", equalTo(false))
                .body("text", containsString("No conversations matched."))
                .body("text", containsString("drop `started_after`"));

        api.verify(getRequestedFor(urlPathEqualTo("/v1/conversations"))
                .withQueryParam("order_by", WireMock.equalTo("-last_message_at"))
                .withQueryParam("limit", WireMock.equalTo("20")));
    }

    @Test
    void refusesAnUnknownSortBeforeAnyCall() {
        call("list_conversations", withConnection("\"sort\":\"newest\""))
                .body("is_error", equalTo(true))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("error.retryable", equalTo(false))
                .body("text", containsString("`sort` must be one of `-last_message_at`, `last_message_at`, `-started_at`, `started_at`"));
        org.junit.jupiter.api.Assertions.assertEquals(0, api.getAllServeEvents().size());
    }

    @Test
    void refusesALimitOutOfRange() {
        call("list_conversations", withConnection("\"limit\":500"))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`limit` must be an integer from 1 to 100 (default 20); got number 500."));
    }
}
