package com.opstower.raindrop.event;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(QueryApiStandIn.class)
class CountEventsFunctionTest {

    WireMockServer api = QueryApiStandIn.server();

    @BeforeEach
    void reset() {
        api.resetAll();
        QueryApiStandIn.stubSignals(api);
        api.stubFor(get(urlPathEqualTo("/v1/events/count")).willReturn(QueryApiStandIn.okFile("events-count.json")));
        api.stubFor(get(urlPathEqualTo("/v1/events/timeseries")).willReturn(QueryApiStandIn.okFile("events-timeseries.json")));
        api.stubFor(get(urlPathEqualTo("/v1/events/facets")).willReturn(QueryApiStandIn.okFile("events-facets.json")));
    }

    private List<String> urls(String path) {
        return api.findAll(getRequestedFor(urlPathEqualTo(path))).stream().map(r -> r.getUrl()).toList();
    }

    @Test
    void countsWithEveryFilterNamesResolvedToIds() {
        call("count_events", withConnection("""
                "signal":"user_frustration","signal_group":"Experience","event_name":"support_chat","user_id":"user_4711",
                "convo_id":"conv_8f2c1a","properties":{"plan":"plus","latency_ms":{"gte":1000}},
                "timestamp_after":"2026-11-01","timestamp_before":"2026-12-01","count_by":"users"
                """))
                .body("is_error", equalTo(false))
                .body("text", containsString("128 users with matching events (conversation `conv_8f2c1a`"))
                .body("data.total", equalTo(128))
                .body("data.count_by", equalTo("users"));
        assertEquals(List.of("/v1/events/count?convo_id=conv_8f2c1a&user_id=user_4711&event_name=support_chat"
                + "&signal=2f6c1a90-5d0e-4b7e-9a51-3c7e2b1d4f10&signal_group=7a1d3e52-0c4b-4f2a-8e6d-91b0c2a4e5f3"
                + "&properties%5Bplan%5D=plus&properties%5Blatency_ms%5D%5Bgte%5D=1000"
                + "&timestamp%5Bgte%5D=2026-11-01T00%3A00%3A00Z&timestamp%5Blt%5D=2026-12-01T00%3A00%3A00Z&count_by=user_id"),
                urls("/v1/events/count"));
    }

    @ParameterizedTest
    @CsvSource({"events, event_id, 128 events match.", "conversations, convo_id, 128 conversations with matching events."})
    void countsWhatCountBySays(String countBy, String field, String text) {
        call("count_events", withConnection("\"count_by\":\"" + countBy + "\""))
                .body("text", containsString(text));
        assertEquals(List.of("/v1/events/count?count_by=" + field), urls("/v1/events/count"));
        assertEquals(List.of(), urls("/v1/signals"));
    }

    @Test
    void answersEveryBucketOfTheWindowWithGapsAsZero() {
        call("count_events", withConnection("""
                "signal":"tool_failure","interval":"day","timestamp_after":"2026-11-24","timestamp_before":"2026-11-28"
                """))
                .body("is_error", equalTo(false))
                .body("text", containsString("68 events in 4 days"))
                .body("text", containsString("\n▄█▁▃\n"))
                .body("text", containsString("| 2026-11-26 | 0 |"))
                .body("data.buckets.size()", equalTo(4));
        assertEquals(List.of("/v1/events/timeseries?signal=b1c9e0f4-22aa-4f71-8d0e-5c3a9b7e6d20"
                + "&timestamp%5Bgte%5D=2026-11-24T00%3A00%3A00Z&timestamp%5Blt%5D=2026-11-28T00%3A00%3A00Z&interval=day"),
                urls("/v1/events/timeseries"));
    }

    @Test
    void coarsensMinutesOverFourteenDaysAndSaysSo() {
        call("count_events", withConnection("\"interval\":\"minute\",\"timestamp_after\":\"2026-11-14\",\"timestamp_before\":\"2026-11-28\""))
                .body("is_error", equalTo(false))
                .body("text", containsString("`interval: \"minute\"` would give more buckets than shown at once: counted per day instead."))
                .body("data.interval", equalTo("day"))
                .body("data.coarsened_from", equalTo("minute"));
        assertEquals(List.of("/v1/events/timeseries?timestamp%5Bgte%5D=2026-11-14T00%3A00%3A00Z"
                + "&timestamp%5Blt%5D=2026-11-28T00%3A00%3A00Z&interval=day"), urls("/v1/events/timeseries"));
    }

    @Test
    void answersTheTopValuesWithTheFacetsDottedTimeKeys() {
        call("count_events", withConnection("""
                "group_by":"event_name","count_by":"conversations","user_id":"user_4711",
                "timestamp_after":"2026-11-20","timestamp_before":"2026-11-27","limit":3
                """))
                .body("is_error", equalTo(false))
                .body("text", containsString("| `checkout_assist` | 311 |"));
        assertEquals(List.of("/v1/events/facets?field=event_name&user_id=user_4711"
                + "&timestamp.gte=2026-11-20T00%3A00%3A00Z&timestamp.lt=2026-11-27T00%3A00%3A00Z&count_by=convo_id&limit=3"),
                urls("/v1/events/facets"));
    }

    @Test
    void showsSignalIdsOfTheTopValuesWithTheirNames() {
        api.stubFor(get(urlPathEqualTo("/v1/events/facets")).willReturn(QueryApiStandIn.okFile("events-facets-signals.json")));
        call("count_events", withConnection("\"group_by\":\"signal\""))
                .body("text", containsString("| `user_frustration` · `2f6c1a90-5d0e-4b7e-9a51-3c7e2b1d4f10` | 40 |"))
                .body("text", containsString("| `0d9e8f7a-1111-4222-8333-944455556666` | 1 |"))
                .body("data.values[0].name", equalTo("user_frustration"));
        assertEquals(List.of("/v1/events/facets?field=signal&count_by=event_id&limit=20"), urls("/v1/events/facets"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"interval\":\"day\",\"group_by\":\"signal\"          | `interval` and `group_by` cannot be combined",
            "\"interval\":\"day\",\"convo_id\":\"conv_1\"          | `convo_id` cannot be used with a time series",
            "\"interval\":\"day\",\"count_by\":\"users\"           | `count_by: \"users\"` cannot be used with a time series",
            "\"group_by\":\"user_id\",\"properties\":{\"a\":1}     | `properties` cannot be used with `group_by`",
            "\"signal\":\"frustration\"                           | no signal is named `frustration`",
            "\"signal_group\":\"Quality\"                         | no signal group is named `Quality`. Known signal groups, closest first: `Experience`."})
    void refusesWhatItCannotCountBeforeCounting(String arguments, String message) {
        call("count_events", withConnection(arguments))
                .body("error.code", equalTo("INVALID_ARGUMENT"))
                .body("text", containsString(message));
        assertEquals(List.of(), urls("/v1/events/count"));
        assertEquals(List.of(), urls("/v1/events/timeseries"));
        assertEquals(List.of(), urls("/v1/events/facets"));
    }
}
