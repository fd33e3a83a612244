package com.opstower.raindrop.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.util.List;

/**
 * Every tool the connection serves, each with a minimal valid request body, the one upstream path that call reads, and
 * the upstream answer it succeeds with. get_trace appears three times: the span tree, a search and file mode are
 * different paths after the upstream call; compare_traces reads two traces, a request each ({@link #events()}), and
 * beside them the two events' records ({@link #sidePaths()}). Each
 * tool authenticates with a key of its own ({@link #key()}), so that calls of several
 * tools can run at once against one stand-in and still be told apart by their {@code Authorization} header.
 */
public enum EveryTool {

    TEST_CONNECTION("test_connection", "", "/v1/conversations", null),
    LIST_CONVERSATIONS("list_conversations", "", "/v1/conversations", null),
    GET_CONVERSATION("get_conversation", "\"convo_id\":\"conv_8f2c1a\"", "/v1/conversations/conv_8f2c1a", "conversation-get.json"),
    LIST_EVENTS("list_events", "", "/v1/events", null),
    GET_EVENT("get_event", "\"event_id\":\"evt_abc123\"", "/v1/events/evt_abc123", "event-get.json"),
    GET_TRACE("get_trace", "\"event_id\":\"evt_abc123\"", "/v1/traces", "traces-list.json"),
    GET_TRACE_FILE("get_trace", "\"event_id\":\"evt_abc123\",\"getAsFile\":true", "/v1/traces", "traces-list.json"),
    /** A search reads the trace through the search, at the file-mode trunc_len. */
    GET_TRACE_SEARCH("get_trace", "\"event_id\":\"evt_abc123\",\"search\":\"refund\"", "/v1/traces", "traces-list.json"),
    GET_SPAN("get_span", "\"event_id\":\"evt_abc123\",\"span_id\":\"00f067aa0ba902b7\"", "/v1/traces", "traces-list.json"),
    /** Two traces, read at once: see {@link #events()}. */
    COMPARE_TRACES("compare_traces", "\"event_id\":\"evt_abc123\",\"baseline_event_id\":\"" + EveryTool.BASELINE_EVENT
            + "\"", "/v1/traces", "traces-list.json"),
    /** One group's signals, named by id: one upstream call, as every other tool here makes. */
    LIST_SIGNALS("list_signals", "\"group\":\"" + EveryTool.GROUP_ID + "\"", "/v1/signal-groups/" + EveryTool.GROUP_ID + "/signals", null),
    SEARCH_EVENTS("search_events", "\"query\":\"double charge\"", "/v1/events/search", "events-search.json"),
    COUNT_EVENTS("count_events", "", "/v1/events/count", "events-count.json"),
    GET_USER("get_user", "\"user_id\":\"user_4711\"", "/v1/users/user_4711", "user-get.json"),
    /**
     * Checks the connection it is given, the configured one (the stand-in's fallback key, see
     * {@link #stubConfiguredConnection}) and the trace storage.
     */
    SMOKE_TEST("smoke_test", null, "/v1/conversations", null);

    /** The baseline compare_traces reads beside evt_abc123. */
    public static final String BASELINE_EVENT = "evt_baseline";

    /** The signal group of the fixtures. */
    public static final String GROUP_ID = "7a1d3e52-0c4b-4f2a-8e6d-91b0c2a4e5f3";

    /** An empty page of a list endpoint. */
    public static final String EMPTY_PAGE = "{\"data\":[],\"meta\":{\"cursor\":null,\"has_more\":false}}";

    public final String tool;
    public final String upstreamPath;
    private final String arguments;
    private final String successFile;

    EveryTool(String tool, String arguments, String upstreamPath, String successFile) {
        this.tool = tool;
        this.arguments = arguments;
        this.upstreamPath = upstreamPath;
        this.successFile = successFile;
    }

    /** The minimal valid request body, with this tool's own key. */
    public String body() {
        return body(key());
    }

    /** The minimal valid request body, authenticating with the given key. */
    public String body(String key) {
        String connection = "{\"integration_id\":\"int_42\",\"api_key\":\"" + key + "\",\"project_id\":\"checkout-bot\"}";
        if (this == SMOKE_TEST) {
            return "{\"connections\":[" + connection + "]}";
        }
        return "{\"connection\":" + connection + (arguments.isEmpty() ? "" : "," + arguments) + "}";
    }

    /** This tool's own key: {@link ToolCalls#KEY}, recognisable anywhere, with the tool's name after it. */
    public String key() {
        return ToolCalls.KEY + "_" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The events whose traces one call reads with a request each, at once: a script of upstream answers is played to
     * each of them separately. Empty for the tools that make one request.
     */
    public List<String> events() {
        return this == COMPARE_TRACES ? List.of("evt_abc123", BASELINE_EVENT) : List.of();
    }

    /**
     * The event records compare_traces reads beside the traces, a request each, whatever the trace reads meet; empty
     * for the other tools.
     */
    public List<String> sidePaths() {
        return this == COMPARE_TRACES ? List.of("/v1/events/evt_abc123", "/v1/events/" + BASELINE_EVENT) : List.of();
    }

    /** The requests one call makes when every first answer is a success: a read of each event's trace, and the side reads. */
    public int requestsPerCall() {
        return Math.max(1, events().size()) + sidePaths().size();
    }

    /** Calls that carry this tool's key. */
    public RequestPatternBuilder requests() {
        return getRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer " + key()));
    }

    /** smoke_test also checks the configured connection: this answers it with an empty page, below any test's stubs. */
    public static void stubConfiguredConnection(WireMockServer api) {
        api.stubFor(get(anyUrl()).atPriority(10)
                .withHeader("Authorization", equalTo("Bearer " + QueryApiStandIn.FALLBACK_KEY))
                .willReturn(okJson(EMPTY_PAGE)));
    }

    /** The upstream answer this tool succeeds with. */
    public ResponseDefinitionBuilder success() {
        ResponseDefinitionBuilder ok = aResponse().withStatus(200).withHeader("Content-Type", "application/json");
        return successFile == null ? ok.withBody(EMPTY_PAGE) : ok.withBodyFile(successFile);
    }

    @Override
    public String toString() {
        return switch (this) {
            case GET_TRACE_FILE -> "get_trace (file)";
            case GET_TRACE_SEARCH -> "get_trace (search)";
            default -> tool;
        };
    }
}
