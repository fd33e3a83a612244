package com.opstower.raindrop.bench;

import com.opstower.raindrop.local.EmbeddedS3;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The heap that get_trace's file mode needs for the largest body it accepts, found as the smallest {@code -Xmx}
 * (G1, 1 MiB steps) under which the packaged application still answers the whole path: fetch the body from the
 * upstream stand-in through its REST client and bounded read, count the spans, PUT the bytes to an S3-compatible
 * store (s3proxy, in this harness's JVM, so that stored objects never count) and sign the URL.
 *
 * <p>A probe starts the application with {@code -Xmx<N>m -XX:+ExitOnOutOfMemoryError}, makes two small file-mode
 * calls (class loading, client set-up), then, unless it probes the baseline, two calls for the 25 MiB body; it
 * passes when every answer is a stored file. The baseline (small calls only) gives the heap of a warm idle
 * function; the difference is what the large call adds at its peak: the live bytes at the worst moment, with
 * garbage that a collection could free not counted, since the smallest heap is the one that has to collect it.
 * The ratio divides that by the body size. Each body is probed twice, sent with a {@code Content-Length} and chunked.
 */
public final class FileModeHeap {

    /** What was measured; heaps in MiB. */
    public record Result(long bodyBytes, int baselineMb, int contentLengthMb, int chunkedMb) {
        public double ratio(int mb) {
            return (mb - baselineMb) * 1_048_576.0 / bodyBytes;
        }
    }

    private enum Probe {
        BASELINE(null), CONTENT_LENGTH("evt_big"), CHUNKED("evt_big_chunked");

        final String bigEventId;

        Probe(String bigEventId) {
            this.bigEventId = bigEventId;
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final byte[] big;
    private final UpstreamStandIn upstream;

    private FileModeHeap(byte[] big, UpstreamStandIn upstream) {
        this.big = big;
        this.upstream = upstream;
    }

    public static Result measure() throws Exception {
        byte[] big = SyntheticTrace.Size.FILE_MODE_MAX.body();
        byte[] small = CallBench.SMALL_TRACE;
        try (UpstreamStandIn upstream = new UpstreamStandIn(Map.of(
                "evt_small", new UpstreamStandIn.Answer(small, false),
                "evt_big", new UpstreamStandIn.Answer(big, false),
                "evt_big_chunked", new UpstreamStandIn.Answer(big, true)))) {
            FileModeHeap harness = new FileModeHeap(big, upstream);
            int baseline = harness.smallestHeap(Probe.BASELINE);
            int contentLength = harness.smallestHeap(Probe.CONTENT_LENGTH);
            int chunked = harness.smallestHeap(Probe.CHUNKED);
            return new Result(big.length, baseline, contentLength, chunked);
        }
    }

    public static void main(String[] args) throws Exception {
        Result result = measure();
        System.out.printf("body %d bytes; smallest heap: idle %d MiB, Content-Length %d MiB (%.2f x body), chunked %d MiB (%.2f x body)%n",
                result.bodyBytes(), result.baselineMb(), result.contentLengthMb(), result.ratio(result.contentLengthMb()),
                result.chunkedMb(), result.ratio(result.chunkedMb()));
    }

    private int smallestHeap(Probe probe) throws Exception {
        // A fresh store per probe kind keeps the stored copies of earlier probes out of this JVM's heap.
        try (EmbeddedS3 s3 = new EmbeddedS3(0, AppProcess.S3_ACCESS_KEY, AppProcess.S3_SECRET_KEY, AppProcess.BUCKET).start()) {
            int fails = 8;
            int passes = 64;
            while (!passes(probe, passes, s3)) {
                fails = passes;
                passes *= 2;
                if (passes > 4096) {
                    throw new IllegalStateException(probe + " fails even with a 4 GiB heap; see target/bench/heap-app.log");
                }
            }
            while (passes - fails > 1) {
                int mid = (fails + passes) / 2;
                if (passes(probe, mid, s3)) {
                    passes = mid;
                } else {
                    fails = mid;
                }
            }
            // Near the edge a probe can pass by luck: the smallest heap must pass twice.
            while (!passes(probe, passes, s3)) {
                passes++;
            }
            System.out.printf("file-mode heap: %s needs %d MiB%n", probe, passes);
            return passes;
        }
    }

    private boolean passes(Probe probe, int heapMb, EmbeddedS3 s3) throws Exception {
        List<String> options = List.of("-Xmx" + heapMb + "m", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                "-XX:MaxDirectMemorySize=256m");
        AppProcess app = AppProcess.start(options, upstream.baseUri(), s3.endpoint(), Path.of("target/bench/heap-app.log"),
                Duration.ofSeconds(90));
        if (app == null) {
            return note(probe, heapMb, "exited at start");
        }
        try {
            for (int i = 0; i < 2; i++) {
                if (!stored(app, "evt_small", CallBench.SMALL_TRACE.length)) {
                    return note(probe, heapMb, "small call failed");
                }
            }
            if (probe.bigEventId != null) {
                for (int i = 0; i < 2; i++) {
                    if (!stored(app, probe.bigEventId, big.length)) {
                        return note(probe, heapMb, "large call failed");
                    }
                }
            }
            note(probe, heapMb, "passed");
            return true;
        } finally {
            app.close();
        }
    }

    /** Prints a probe's outcome; false, so that a failed probe can return it. */
    private static boolean note(Probe probe, int heapMb, String outcome) {
        System.out.println("file-mode heap: " + probe + " -Xmx" + heapMb + "m " + outcome);
        return false;
    }

    private static boolean stored(AppProcess app, String eventId, long bytes) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(app.function("get_trace")).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event_id\":\"" + eventId + "\",\"getAsFile\":true,"
                        + "\"connection\":{\"api_key\":\"" + AppProcess.API_KEY + "\",\"integration_id\":\"int_bench\"}}"))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 && response.body().contains("\"is_error\":false")
                    && response.body().contains("\"size_bytes\":" + bytes);
        } catch (IOException e) {
            return false;
        }
    }
}
