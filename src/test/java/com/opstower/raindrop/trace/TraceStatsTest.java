package com.opstower.raindrop.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.ToolFailure;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TraceStatsTest {

    @Test
    void countsTheSpansOfTheContractExample() {
        assertEquals(3, count(Snapshots.resource("fixtures/traces/refund-3-spans.json")));
    }

    @Test
    void countsOnlyTopLevelSpansWhateverTheyNest() {
        String body = "{\"meta\":{\"data\":[{},{}]},\"data\":[{\"attributes\":{\"a\":[{\"b\":{}}]},\"input\":{\"data\":[{}]}},"
                + "{}],\"tail\":[[],[]]}";

        assertEquals(2, count(body));
        assertEquals(0, count("{\"data\":[]}"));
    }

    @Test
    void failsLikeTheParserOnBodiesThatAreNotTheContractsJson() {
        for (String body : new String[] {"{\"data\":[{}", "{\"data\":[{}]", "{}", "{\"data\":[1]}", "not json"}) {
            ToolFailure failure = assertThrows(ToolFailure.class, () -> count(body), body);
            assertEquals(ErrorCode.UPSTREAM_BAD_RESPONSE, failure.code(), body);
        }
    }

    private static int count(String body) {
        return TraceStats.countSpans(body.getBytes(StandardCharsets.UTF_8));
    }
}
