package com.opstower.raindrop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One warm {@code get_trace} call, end to end, over an upstream that answers at once: an HTTP client posts the tool
 * call to the packaged application (Funqy HTTP binding), which checks the arguments and the connection, fetches
 * {@code /v1/traces} from the stand-in through its REST client, parses and renders a small trace, logs its line and
 * answers the JSON envelope. Beside it, the same client's bare round trip to the stand-in for the same body: the
 * transport that any implementation pays, here once for the call and once for the fetch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CallBench {

    /** A small trace: a root, a guardrail check and one generation with its provider call. */
    static final byte[] SMALL_TRACE = SyntheticTrace.generate(4, 6_000, 7L);
    private static final int PREWARM_CALLS = 3_000;

    private UpstreamStandIn upstream;
    private AppProcess app;
    private HttpClient client;
    private HttpRequest call;
    private HttpRequest direct;

    @Setup(Level.Trial)
    public void start() throws Exception {
        upstream = new UpstreamStandIn(Map.of("evt_small", new UpstreamStandIn.Answer(SMALL_TRACE, false)));
        app = AppProcess.start(List.of("-Xmx512m"), upstream.baseUri(), null, Path.of("target/bench/call-app.log"),
                Duration.ofSeconds(60));
        if (app == null) {
            throw new IllegalStateException("the application exited at start; see target/bench/call-app.log");
        }
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        call = HttpRequest.newBuilder(app.function("get_trace")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event_id\":\"evt_small\",\"connection\":{\"api_key\":\""
                        + AppProcess.API_KEY + "\",\"integration_id\":\"int_bench\"}}"))
                .build();
        direct = HttpRequest.newBuilder(URI.create(upstream.baseUri() + "/v1/traces?event_id=evt_small&limit=1000&trunc_len=4000"))
                .header("Authorization", "Bearer " + AppProcess.API_KEY).GET().build();
        String answer = new String(send(call), StandardCharsets.UTF_8);
        if (!answer.contains("\"is_error\":false") || !answer.contains("## Trace")) {
            throw new IllegalStateException("get_trace did not render the trace: " + answer);
        }
        for (int i = 0; i < PREWARM_CALLS; i++) {
            send(call);
            send(direct);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        upstream.close();
    }

    @Benchmark
    public int getTrace() throws Exception {
        return send(call).length;
    }

    @Benchmark
    public int upstreamRoundTrip() throws Exception {
        return send(direct).length;
    }

    private byte[] send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + request.uri());
        }
        return response.body();
    }
}
