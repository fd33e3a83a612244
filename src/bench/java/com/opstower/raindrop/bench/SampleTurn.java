package com.opstower.raindrop.bench;

import com.opstower.raindrop.local.SampleQueryApi;
import com.opstower.raindrop.local.SampleWorkspace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/**
 * The sample workspace's noisy support-agent turn as get_trace fetches it by default ({@code trunc_len} 50000, limit
 * 1000), read once from the sample Query API over loopback: several hundred instrumentation spans around a dozen that
 * matter, chat payloads with a long system prompt on every model call.
 */
final class SampleTurn {

    /** The name the ratio figures carry for this trace, beside the synthetic traces' span counts. */
    static final String NAME = "noisy";

    /** get_trace's default {@code trunc_len}, {@code raindrop.trace.default-trunc-len}. */
    static final int DEFAULT_TRUNC_LEN = 50_000;

    private static final String KEY = "bench-key";

    private SampleTurn() {
    }

    static byte[] noisyTurnBody() throws IOException {
        try (SampleQueryApi api = new SampleQueryApi(SampleWorkspace.generate(Instant.parse("2026-11-26T12:00:00Z")), KEY, 0)
                .start()) {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.baseUri()
                            + "/v1/traces?event_id=" + SampleWorkspace.NOISY_TRACE_EVENT_ID + "&limit=1000&trunc_len=" + DEFAULT_TRUNC_LEN))
                    .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("the sample Query API answered " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the sample turn", e);
        }
    }
}
