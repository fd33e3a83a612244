package com.opstower.raindrop.queryapi;

import static com.opstower.raindrop.testing.ToolCalls.withConnection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.testing.EndlessUpstream;
import com.opstower.raindrop.testing.ToolCalls;
import com.opstower.raindrop.testing.ToolCalls.Answer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A body read only up to a bound is not read past it: at the bound the client closes the connection, so that an
 * upstream that keeps sending (here for ever) costs the bound and what the sockets hold, and the answer comes at once.
 */
@QuarkusTest
@TestProfile(BodyCapTest.EndlessUpstreamOnly.class)
class BodyCapTest {

    /** raindrop.trace-files.max-bytes and raindrop.max-response-bytes, their defaults. */
    static final long TRACE_CAP = 26_214_400;
    static final long LIST_CAP = 8_388_608;
    /** The part of an error body read for its message. */
    static final long ERROR_BODY_READ = 16 * 1024;
    /**
     * What the loopback socket buffers and the client's queue of received pieces hold when the client closes: about
     * 1.3 MB measured here. Without the close the upstream's sending never ends.
     */
    static final long IN_FLIGHT = 4L * 1024 * 1024;
    static final long PROMPT_MS = 5_000;

    /** The endless upstream instead of the usual stand-ins, none of which can send a body that never ends. */
    public static class EndlessUpstreamOnly implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EndlessUpstream.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @BeforeEach
    void reset() {
        EndlessUpstream.reset();
    }

    @Test
    void aTracePastItsCapIsRefusedAtOnceAndItsConnectionClosed() throws Exception {
        Answer answer = ToolCalls.post("get_trace", withConnection("\"event_id\":\"evt_endless\"")).assertEnvelope();

        assertEquals("TRACE_TOO_LARGE", answer.code(), answer.body());
        // Past the cap at the default trunc_len, the tree reads the trace again at the small one: each read stops at the cap.
        for (String truncLen : List.of("50000", "4000")) {
            assertClosedPromptly(answer, "/v1/traces?event_id=evt_endless&limit=1000&trunc_len=" + truncLen, TRACE_CAP);
        }
    }

    @Test
    void aListBodyPastItsBoundIsABadResponseAndItsConnectionClosed() throws Exception {
        Answer answer = ToolCalls.post("list_events", withConnection("")).assertEnvelope();

        assertEquals("UPSTREAM_BAD_RESPONSE", answer.code(), answer.body());
        assertTrue(answer.text().contains("answered with a body larger than 8388608 bytes"), answer.text());
        assertClosedPromptly(answer, "/v1/events?", LIST_CAP);
    }

    @Test
    void anErrorBodyIsCutAfterItsMessageAndItsConnectionClosed() throws Exception {
        Answer answer = ToolCalls.post("get_event", withConnection("\"event_id\":\"evt_endless\"")).assertEnvelope();

        assertEquals("INVALID_ARGUMENT", answer.code(), answer.body());
        assertTrue(answer.text().contains("Raindrop refused the request (HTTP 400)."), answer.text());
        assertClosedPromptly(answer, "/v1/events/", ERROR_BODY_READ);
    }

    private static void assertClosedPromptly(Answer answer, String path, long bound) throws Exception {
        assertTrue(answer.millis() < PROMPT_MS, "answered after " + answer.millis() + " ms");
        long sent = EndlessUpstream.sent(path).closed().get(PROMPT_MS, TimeUnit.MILLISECONDS);
        assertTrue(sent > bound && sent <= bound + IN_FLIGHT,
                "the upstream sent " + sent + " bytes before the close; the bound is " + bound);
    }
}
