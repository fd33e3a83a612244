package com.opstower.raindrop.signal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.opstower.raindrop.testing.ToolCalls.call;
import static com.opstower.raindrop.testing.ToolCalls.withConnection;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.opstower.raindrop.testing.QueryApiStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
class ListSignalsFunctionTest {

    static final String GROUP_ID = "7a1d3e52-0c4b-4f2a-8e6d-91b0c2a4e5f3";

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
        QueryApiStandIn.stubSignals(api);
        api.stubFor(get(urlPathEqualTo("/v1/signal-groups/" + GROUP_ID + "/signals")).willReturn(QueryApiStandIn.okFile("signals-list-page2.json")));
    }

    @Test
    void listsAPageOfSignalsAndEveryGroup() {
        call("list_signals", withConnection("\"limit\":2"))
                .body("is_error", equalTo(false))
                .body("text", containsString("- `user_frustration` · topic · NEGATIVE · group `Experience` · id `2f6c1a90-5d0e-4b7e-9a51-3c7e2b1d4f10`"))
                .body("text", containsString("- `Experience` · 4 signals · id `" + GROUP_ID + "`"))
                .body("data.next_cursor", equalTo("eyJvZmZzZXQiOjJ9"))
                .body("data.signals[1].name", equalTo("refund_request"));

        List<LoggedRequest> signals = api.findAll(getRequestedFor(urlPathEqualTo("/v1/signals")));
        assertEquals(1, signals.size());
        assertEquals("/v1/signals?limit=2", signals.get(0).getUrl());
        assertEquals("/v1/signal-groups?limit=100",
                api.findAll(getRequestedFor(urlPathEqualTo("/v1/signal-groups"))).get(0).getUrl());
    }

    @Test
    void laterPagesLeaveTheGroupsOut() {
        call("list_signals", withConnection("\"cursor\":\"eyJvZmZzZXQiOjJ9\""))
                .body("text", containsString("1 signal:"))
                .body("data.groups.size()", equalTo(0));
        api.verify(getRequestedFor(urlPathEqualTo("/v1/signals"))
                .withQueryParam("cursor", WireMock.equalTo("eyJvZmZzZXQiOjJ9")).withQueryParam("limit", WireMock.equalTo("50")));
        api.verify(0, getRequestedFor(urlPathEqualTo("/v1/signal-groups")));
    }

    @Test
    void listsOneGroupsSignalsByTheGroupsNameInAnyCase() {
        call("list_signals", withConnection("\"group\":\"experience\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("1 signal in group `experience`:"))
                .body("text", containsString("`tool_failure` · instrumented · NEGATIVE"));
        List<LoggedRequest> requests = api.findAll(getRequestedFor(urlPathEqualTo("/v1/signal-groups/" + GROUP_ID + "/signals")));
        assertEquals("/v1/signal-groups/" + GROUP_ID + "/signals?limit=50", requests.get(0).getUrl());
    }

    @Test
    void refusesAnUnknownGroupNamingTheKnownOnes() {
        call("list_signals", withConnection("\"group\":\"Experiance2\""))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString("`group`: no signal group is named `Experiance2`. Known signal groups, closest first: `Experience`."));
        api.verify(0, getRequestedFor(urlPathEqualTo("/v1/signal-groups/" + GROUP_ID + "/signals")));
    }

    @Test
    void aGroupThatIsGoneIsNotFound() {
        api.stubFor(get(urlPathEqualTo("/v1/signal-groups/" + GROUP_ID + "/signals")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"Signal group not found\"}}")));
        call("list_signals", withConnection("\"group\":\"" + GROUP_ID + "\""))
                .body("error.code", equalTo("NOT_FOUND"))
                .body("text", containsString("Signal group not found"));
    }
}
