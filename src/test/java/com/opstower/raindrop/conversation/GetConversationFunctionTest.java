package com.opstower.raindrop.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.opstower.raindrop.testing.ToolCalls.call;
import static com.opstower.raindrop.testing.ToolCalls.withConnection;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opstower.raindrop.testing.QueryApiStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
class GetConversationFunctionTest {

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    @Test
    void showsTheConversationAndTheNextStep() {
        api.stubFor(get(urlPathEqualTo("/v1/conversations/conv_8f2c1a")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBodyFile("conversation-get.json")));

        call("get_conversation", withConnection("\"convo_id\":\"conv_8f2c1a\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("## Conversation `conv_8f2c1a`"))
                .body("text", containsString("- signals: user_frustration ×2, tool_failure ×1"))
                .body("text", containsString("list_events with `convo_id: \"conv_8f2c1a\"`"))
                .body("data.conversation.user_id", equalTo("user_4711"));
    }

    @Test
    void reportsAnUnknownConversation() {
        api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"Conversation not found\"}}")));

        call("get_conversation", withConnection("\"convo_id\":\"conv_missing\""))
                .body("is_error", equalTo(true))
                .body("error.code", equalTo("NOT_FOUND"))
                .body("error.retryable", equalTo(false))
                .body("text", containsString("Raindrop has no conversation with id `conv_missing` (HTTP 404: Conversation not found)."))
                .body("text", containsString("Next step: Check the id"));
    }

    @ParameterizedTest
    @CsvSource({
            "a/b, /v1/conversations/a%2Fb",
            "../x, /v1/conversations/%2E%2E%2Fx",
            "%2e%2e, /v1/conversations/%252e%252e",
            "?x=1, /v1/conversations/%3Fx%3D1",
            "#frag, /v1/conversations/%23frag",
            "conv é, /v1/conversations/conv%20%C3%A9"})
    void sendsTheIdAsOnePercentEncodedPathSegment(String id, String path) {
        api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404)));

        call("get_conversation", withConnection("\"convo_id\":\"" + id + "\""))
                .body("error.code", equalTo("NOT_FOUND"));

        api.verify(1, getRequestedFor(urlEqualTo(path)));
    }

    @Test
    void requiresTheId() {
        call("get_conversation", withConnection(""))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`convo_id` is required."));
    }
}
