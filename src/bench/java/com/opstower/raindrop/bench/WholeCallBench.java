package com.opstower.raindrop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost of a whole default {@code get_trace} call on a large trace against the least any client could pay for the
 * same bytes. The call: an HTTP POST of the tool call to the packaged application, which fetches the trace from a
 * loopback stand-in through its REST client, renders the markdown tree and answers the JSON envelope. The floor: the
 * same trace fetched from the same stand-in with {@code java.net.http}, then a bare Jackson streaming parse of it
 * ({@link BareParse}). Both are warmed, then timed alternately, so that any load on the machine weighs on both alike.
 *
 * <p>{@code -Dbench.wholecall.jvm="…"} adds options to the application's JVM, such as
 * {@code -XX:StartFlightRecording=filename=target/bench/wholecall.jfr,settings=profile} to profile the call.
 */
public final class WholeCallBench {

    static final int SPANS = 1_000;
    static final long TARGET_BYTES = 8_400_000;
    /** Payloads up to 8,000 characters, as the upstream sends them at the tree's default trunc_len: 8.4 MB needs them. */
    static final int MAX_PAYLOAD_CHARS = 8_000;
    static final int WARMUP = 60;
    static final int SAMPLES = 40;
    static final double TARGET_RATIO = 1.3;

    private WholeCallBench() {
    }

    /** Figures in milliseconds: {@code wholecall.{call,floor}.{median,fastest}}, and the trace's size in bytes. */
    static Map<String, Double> measure() throws Exception {
        byte[] trace = SyntheticTrace.generate(SPANS, TARGET_BYTES, 20261201L, MAX_PAYLOAD_CHARS);
        try (UpstreamStandIn upstream = new UpstreamStandIn(Map.of("evt_large", new UpstreamStandIn.Answer(trace, false)))) {
            List<String> jvm = new ArrayList<>(List.of("-Xmx512m"));
            String extra = System.getProperty("bench.wholecall.jvm", "").strip();
            if (!extra.isEmpty()) {
                jvm.addAll(List.of(extra.split("\\s+")));
            }
            AppProcess app = AppProcess.start(jvm, upstream.baseUri(), null, Path.of("target/bench/wholecall-app.log"),
                    Duration.ofSeconds(60));
            if (app == null) {
                throw new IllegalStateException("the application exited at start; see target/bench/wholecall-app.log");
            }
            try (app) {
                return time(app, upstream, trace.length);
            }
        }
    }

    private static Map<String, Double> time(AppProcess app, UpstreamStandIn upstream, int traceBytes) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest call = HttpRequest.newBuilder(app.function("get_trace")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event_id\":\"evt_large\",\"connection\":{\"api_key\":\""
                        + AppProcess.API_KEY + "\",\"integration_id\":\"int_bench\"}}"))
                .build();
        HttpRequest fetch = HttpRequest.newBuilder(URI.create(upstream.baseUri()
                        + "/v1/traces?event_id=evt_large&limit=1000&trunc_len=" + SampleTurn.DEFAULT_TRUNC_LEN))
                .header("Authorization", "Bearer " + AppProcess.API_KEY).GET().build();
        String answer = new String(send(client, call), StandardCharsets.UTF_8);
        if (!answer.contains("\"is_error\":false") || !answer.contains("## Trace")) {
            throw new IllegalStateException("get_trace did not render the trace: " + answer.substring(0, Math.min(500, answer.length())));
        }
        double[] calls = new double[SAMPLES];
        double[] floors = new double[SAMPLES];
        for (int i = -WARMUP; i < SAMPLES; i++) {
            double callMs = millis(() -> send(client, call));
            double floorMs = millis(() -> BareParse.consume(send(client, fetch)));
            if (i >= 0) {
                calls[i] = callMs;
                floors[i] = floorMs;
            }
        }
        Arrays.sort(calls);
        Arrays.sort(floors);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("wholecall.trace.bytes", (double) traceBytes);
        figures.put("wholecall.samples", (double) SAMPLES);
        figures.put("wholecall.call.median", median(calls));
        figures.put("wholecall.call.fastest", calls[0]);
        figures.put("wholecall.floor.median", median(floors));
        figures.put("wholecall.floor.fastest", floors[0]);
        return figures;
    }

    /** The markdown table of a run's figures, empty when the run did not measure the whole call. */
    static String table(Map<String, Double> figures) {
        if (!figures.containsKey("wholecall.call.median")) {
            return "";
        }
        double callMedian = figures.get("wholecall.call.median");
        double floorMedian = figures.get("wholecall.floor.median");
        double callFastest = figures.get("wholecall.call.fastest");
        double floorFastest = figures.get("wholecall.floor.fastest");
        return String.format(Locale.ROOT, """
                ### 5. A whole default `get_trace` call on a large trace ÷ fetch + bare parse (target ≤ %.1f×)

                %,d spans in %,.0f bytes. Call: POST `/get_trace` (markdown tree) to the packaged application, which \
                fetches the trace from a loopback stand-in through its REST client, renders and answers. Floor: the same \
                trace from the same stand-in with `java.net.http`, then a bare Jackson streaming parse. %d warm-up rounds, \
                then %.0f of each, alternating.

                | | median | fastest |
                |---|---:|---:|
                | `get_trace` call | %.1f ms | %.1f ms |
                | fetch + bare parse | %.1f ms | %.1f ms |
                | ratio | %.2f× | %.2f× |

                """, TARGET_RATIO, SPANS, figures.get("wholecall.trace.bytes"), WARMUP, figures.get("wholecall.samples"),
                callMedian, callFastest, floorMedian, floorFastest, callMedian / floorMedian, callFastest / floorFastest);
    }

    private static double median(double[] sorted) {
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private interface Timed {
        Object run() throws Exception;
    }

    private static double millis(Timed work) throws Exception {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e6;
    }

    private static byte[] send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + request.uri());
        }
        return response.body();
    }
}
