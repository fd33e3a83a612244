package com.opstower.raindrop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.local.SampleQueryApi;
import com.opstower.raindrop.local.SampleWorkspace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What get_trace's default {@code trunc_len} costs: for each trace, at {@code trunc_len} 4,000 and 50,000, the body's
 * bytes, a whole tree call's time and the answer's characters. The traces: the sample workspace's (its Query API cuts
 * payloads at {@code trunc_len}, as Raindrop does); the 142-span synthetic trace, its spans written with payloads up to
 * each {@code trunc_len}; and the 1,000-span synthetic trace, which at 50,000 passes the 25 MiB cap, called without
 * {@code trunc_len} (the default read, refused at the cap, then the read at 4,000) beside a call that asks for 4,000,
 * from an upstream that announces its length and from one that streams it chunked. The call: POST {@code /get_trace}
 * to the packaged application, which fetches the trace from a loopback upstream, renders and answers; every case is
 * called once per round, so that load weighs on all of them alike.
 */
public final class TruncLenBench {

    /** get_trace's {@code trunc_len} when a trace passes the cap at the default, and the tree's default before. */
    static final int SMALL = 4_000;
    static final int DEFAULT = SampleTurn.DEFAULT_TRUNC_LEN;
    static final List<String> SAMPLE_EVENTS = List.of(SampleWorkspace.LARGE_TRACE_EVENT_ID,
            SampleWorkspace.NOISY_TRACE_EVENT_ID, SampleWorkspace.DELIVERY_BAD_EVENT_ID, SampleWorkspace.SLOW_TRACE_EVENT_ID);
    static final int WARMUP = 20;
    static final int SAMPLES = 21;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TruncLenBench() {
    }

    /**
     * One call: the trace's name in the table, the event asked for, and the {@code trunc_len} sent (0: none).
     *
     * @param bodyBytes the body at that {@code trunc_len}, or without one at the default
     */
    record Case(String trace, String eventId, int truncLen, long bodyBytes) {
        String key() {
            return "trunclen." + trace + "." + (truncLen == 0 ? "default" : Integer.toString(truncLen));
        }
    }

    /** Figures per case: {@code trunclen.<trace>.<trunc_len>.{bytes,text,median,fastest}}, times in milliseconds. */
    static Map<String, Double> measure() throws Exception {
        Map<String, Double> figures = new LinkedHashMap<>();
        try (SampleQueryApi sample = new SampleQueryApi(SampleWorkspace.generate(Instant.parse("2026-11-26T12:00:00Z")),
                AppProcess.API_KEY, 0).start()) {
            List<Case> cases = new ArrayList<>();
            for (String eventId : SAMPLE_EVENTS) {
                for (int truncLen : new int[] {SMALL, DEFAULT}) {
                    cases.add(new Case(eventId, eventId, truncLen, fetch(sample.baseUri(), eventId, truncLen).length));
                }
            }
            figures.putAll(time(sample.baseUri(), cases));
        }
        Map<String, UpstreamStandIn.Answer> synthetic = new LinkedHashMap<>();
        List<Case> cases = new ArrayList<>();
        for (int truncLen : new int[] {SMALL, DEFAULT}) {
            byte[] body = SyntheticTrace.Size.AGENT_RUN.body(truncLen);
            synthetic.put("evt_142?trunc_len=" + truncLen, new UpstreamStandIn.Answer(body, false));
            cases.add(new Case("142", "evt_142", truncLen, body.length));
        }
        byte[] small = SyntheticTrace.Size.LARGE.body(SMALL);
        byte[] pastCap = SyntheticTrace.Size.LARGE.body(DEFAULT);
        for (boolean chunked : new boolean[] {false, true}) {
            String eventId = chunked ? "evt_1000_chunked" : "evt_1000";
            synthetic.put(eventId + "?trunc_len=" + SMALL, new UpstreamStandIn.Answer(small, chunked));
            synthetic.put(eventId + "?trunc_len=" + DEFAULT, new UpstreamStandIn.Answer(pastCap, chunked));
            cases.add(new Case(eventId.substring(4), eventId, SMALL, small.length));
            cases.add(new Case(eventId.substring(4), eventId, 0, pastCap.length));
        }
        try (UpstreamStandIn upstream = new UpstreamStandIn(synthetic)) {
            figures.putAll(time(upstream.baseUri(), cases));
        }
        return figures;
    }

    private static byte[] fetch(URI upstream, String eventId, int truncLen) throws IOException, InterruptedException {
        return send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(upstream + "/v1/traces?event_id="
                + eventId + "&limit=1000&trunc_len=" + truncLen)).header("Authorization", "Bearer " + AppProcess.API_KEY).build());
    }

    private static Map<String, Double> time(URI upstream, List<Case> cases) throws Exception {
        AppProcess app = AppProcess.start(List.of("-Xmx512m"), upstream, null, Path.of("target/bench/trunclen-app.log"),
                Duration.ofSeconds(60));
        if (app == null) {
            throw new IllegalStateException("the application exited at start; see target/bench/trunclen-app.log");
        }
        try (app) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Map<String, Double> figures = new LinkedHashMap<>();
            List<HttpRequest> calls = new ArrayList<>();
            for (Case c : cases) {
                HttpRequest call = HttpRequest.newBuilder(app.function("get_trace")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"event_id\":\"" + c.eventId() + "\""
                                + (c.truncLen() == 0 ? "" : ",\"trunc_len\":" + c.truncLen()) + "}"))
                        .build();
                JsonNode answer = JSON.readTree(send(client, call));
                if (answer.path("is_error").asBoolean(true)
                        || (c.truncLen() == 0) != answer.path("data").has("past_cap_at_trunc_len")) {
                    throw new IllegalStateException(c + " was not read as the case says: " + answer.path("text").asText());
                }
                figures.put(c.key() + ".bytes", (double) c.bodyBytes());
                figures.put(c.key() + ".text", (double) answer.path("text").asText().length());
                calls.add(call);
            }
            double[][] times = new double[cases.size()][SAMPLES];
            for (int round = -WARMUP; round < SAMPLES; round++) {
                for (int i = 0; i < calls.size(); i++) {
                    long started = System.nanoTime();
                    send(client, calls.get(i));
                    if (round >= 0) {
                        times[i][round] = (System.nanoTime() - started) / 1e6;
                    }
                }
            }
            for (int i = 0; i < cases.size(); i++) {
                Arrays.sort(times[i]);
                figures.put(cases.get(i).key() + ".median", times[i][SAMPLES / 2]);
                figures.put(cases.get(i).key() + ".fastest", times[i][0]);
            }
            return figures;
        }
    }

    /** The markdown table of a run's figures, empty when the run did not measure them. */
    static String table(Map<String, Double> figures) {
        if (!figures.containsKey("trunclen.142.50000.median")) {
            return "";
        }
        StringBuilder md = new StringBuilder("### 6. get_trace's tree at `trunc_len` 4,000 and 50,000\n\n")
                .append("A whole call (POST `/get_trace` to the packaged application, which fetches from a loopback "
                        + "upstream, renders and answers); ").append(WARMUP).append(" warm-up rounds, then ").append(SAMPLES)
                .append(" of every case in turn. `default` is a call without `trunc_len`: at 50,000 the body (its size "
                        + "in the table) passes the 25 MiB cap, so it is read again at 4,000; `chunked`, from an upstream "
                        + "that streams the body without announcing its length.\n\n")
                .append("| trace | `trunc_len` | body | answer text | median | fastest |\n|---|---:|---:|---:|---:|---:|\n");
        figures.keySet().stream().filter(key -> key.startsWith("trunclen.") && key.endsWith(".median")).forEach(key -> {
            String c = key.substring(0, key.length() - ".median".length());
            String[] parts = c.split("\\.");
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f bytes | %,.0f chars | %.1f ms | %.1f ms |%n", parts[1],
                    parts[2], figures.get(c + ".bytes"), figures.get(c + ".text"), figures.get(key),
                    figures.get(c + ".fastest")));
        });
        return md.append('\n').toString();
    }

    private static byte[] send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from " + request.uri());
        }
        return response.body();
    }
}
