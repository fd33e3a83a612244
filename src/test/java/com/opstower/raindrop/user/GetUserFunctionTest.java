package com.opstower.raindrop.user;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.opstower.raindrop.testing.ToolCalls.call;
import static com.opstower.raindrop.testing.ToolCalls.withConnection;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.opstower.raindrop.testing.QueryApiStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
class GetUserFunctionTest {

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
        api.stubFor(get(urlPathEqualTo("/v1/users/user_4711")).willReturn(QueryApiStandIn.okFile("user-get.json")));
    }

    @Test
    void showsTheUserAndTheNextStep() {
        call("get_user", withConnection("\"user_id\":\"user_4711\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("- events: 482"))
                .body("text", containsString("\"plan\" : \"plus\""))
                .body("text", containsString("Next: list_conversations with `user_id: \"user_4711\"`"))
                .body("data.event_count", equalTo(482));
        assertEquals("/v1/users/user_4711", api.getAllServeEvents().get(0).getRequest().getUrl());
    }

    @Test
    void sendsTheIdAsOnePathSegment() {
        api.stubFor(get(anyUrl()).willReturn(QueryApiStandIn.okFile("user-get.json")));
        call("get_user", withConnection("\"user_id\":\"team/a b\"")).body("is_error", equalTo(false));
        assertEquals("/v1/users/team%2Fa%20b", api.getAllServeEvents().get(0).getRequest().getUrl());
    }

    @Test
    void anUnknownUserIsNotFoundWithWhereToFindIds() {
        api.stubFor(get(urlPathEqualTo("/v1/users/user_nope")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"User not found\"}}")));
        call("get_user", withConnection("\"user_id\":\"user_nope\""))
                .body("error.code", equalTo("NOT_FOUND"))
                .body("text", containsString("Raindrop has no user with id `user_nope` (HTTP 404: User not found)."))
                .body("text", containsString("Next step: Check the user id: copy it from list_conversations, list_events or get_event."));
    }
}
