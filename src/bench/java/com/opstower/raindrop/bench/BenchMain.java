package com.opstower.raindrop.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.opstower.raindrop.trace.GetTraceFunction;
import com.opstower.raindrop.trace.read.TraceReader;
import com.opstower.raindrop.trace.span.SpanRenderer;
import com.opstower.raindrop.trace.tree.TraceRenderer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the trace benchmarks and writes their figures beside their baselines and targets as a markdown table.
 *
 * <pre>
 * src/bench/run [--only ratios,trace,call,heap,wholecall,messages,trunclen] [--ratio-forks 3] [--forks 1] [--warmups 3] [--iterations 5]
 *               [--seconds 2]
 *               [--out target/bench-results.md] [--before target/bench/before.json] [--figures target/bench/figures.json]
 * </pre>
 *
 * Every run also leaves its figures in {@code target/bench/figures.json} and JMH's own results in
 * {@code target/bench/*.json}; {@code --before} adds an earlier run's figures to the table, and {@code --figures}
 * writes the table from a run's figures without running anything.
 */
public final class BenchMain {

    static final int[] SIZES = {142, 1_000, 10_000};
    static final double RENDER_TARGET = 1.3;
    static final double MEASURE_TARGET = 1.1;
    static final double SEARCH_TARGET = 2.0;
    static final double GET_SPAN_TARGET = 1.2;
    static final double COMPARE_TARGET = 3.0;
    static final double HEAP_TARGET = 2.0;
    static final double CALL_P50_TARGET_US = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path OUT_DIR = Path.of("target/bench");

    private int forks = 1;
    /** JVMs per trace size for {@link RatioBench}. */
    private int ratioForks = 3;
    private int warmups = 3;
    private int iterations = 5;
    private int seconds = 2;
    private Path out = Path.of("target/bench-results.md");
    private Path before;
    /** Figures of an earlier run to write the table from, running nothing. */
    private Path figuresOnly;
    private final Set<String> parts = new LinkedHashSet<>(List.of("ratios", "trace", "call", "heap", "wholecall",
            "messages", "trunclen"));

    public static void main(String[] args) throws Exception {
        // The JDK's HTTP server reads this once, when its first server starts (the sample Query API's, early): without
        // it a body written after its headers may wait for a delayed ACK, 40 ms per answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        new BenchMain().parse(args).run();
    }

    private BenchMain parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--forks" -> forks = Integer.parseInt(value);
                case "--ratio-forks" -> ratioForks = Integer.parseInt(value);
                case "--warmups" -> warmups = Integer.parseInt(value);
                case "--iterations" -> iterations = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--out" -> out = Path.of(value);
                case "--before" -> before = Path.of(value);
                case "--figures" -> figuresOnly = Path.of(value);
                case "--only" -> {
                    parts.clear();
                    parts.addAll(List.of(value.split(",")));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; see the javadoc of " + BenchMain.class.getName());
            }
            i++;
        }
        return this;
    }

    private void run() throws Exception {
        Files.createDirectories(OUT_DIR);
        if (figuresOnly != null) {
            write(JSON.readValue(figuresOnly.toFile(), new TypeReference<TreeMap<String, Double>>() {
            }));
            return;
        }
        Map<String, Double> figures = new TreeMap<>();
        figures.put("load.start", load());
        for (int spans : SIZES) {
            figures.put("trace." + spans + ".bytes", (double) SyntheticTrace.Size.ofSpans(spans).body().length);
        }
        figures.put("trace." + SampleTurn.NAME + ".bytes", (double) SampleTurn.noisyTurnBody().length);
        if (parts.contains("ratios")) {
            figures.putAll(RatioBench.measure(SIZES, ratioForks));
        }
        if (parts.contains("trace")) {
            // Allocation only: the times beside the bare parse come from RatioBench, which alternates them.
            ChainedOptionsBuilder options = jmh(TraceBench.class.getName() + "\\.(bareParse|render|measureFile)$", "trace")
                    .addProfiler(GCProfiler.class);
            for (RunResult result : new Runner(options.build()).run()) {
                String method = method(result);
                String spans = result.getParams().getParam("spans");
                figures.put(method + "." + spans + ".ms", result.getPrimaryResult().getScore());
                figures.put(method + "." + spans + ".error", result.getPrimaryResult().getScoreError());
                Result<?> alloc = secondary(result, "gc.alloc.rate.norm");
                if (alloc != null) {
                    figures.put(method + "." + spans + ".alloc", alloc.getScore());
                }
            }
        }
        if (parts.contains("call")) {
            Collection<RunResult> results = new Runner(jmh(CallBench.class.getName() + "\\.", "call").build()).run();
            for (RunResult result : results) {
                String method = method(result);
                var statistics = result.getPrimaryResult().getStatistics();
                figures.put("call." + method + ".p50", statistics.getPercentile(50));
                figures.put("call." + method + ".p99", statistics.getPercentile(99));
                figures.put("call." + method + ".n", (double) statistics.getN());
            }
        }
        if (parts.contains("wholecall")) {
            figures.putAll(WholeCallBench.measure());
        }
        if (parts.contains("trunclen")) {
            figures.putAll(TruncLenBench.measure());
        }
        if (parts.contains("messages")) {
            for (RunResult result : new Runner(jmh(MessageBench.class.getName() + "\\.", "messages").build()).run()) {
                figures.put("messages." + result.getParams().getParam("payload") + "." + method(result) + ".ms",
                        result.getPrimaryResult().getScore());
            }
        }
        if (parts.contains("heap")) {
            FileModeHeap.Result heap = FileModeHeap.measure();
            figures.put("heap.body", (double) heap.bodyBytes());
            figures.put("heap.baseline", (double) heap.baselineMb());
            figures.put("heap.contentLength", (double) heap.contentLengthMb());
            figures.put("heap.chunked", (double) heap.chunkedMb());
        }
        figures.put("load.end", load());
        JSON.writeValue(OUT_DIR.resolve("figures.json").toFile(), figures);
        write(figures);
    }

    private void write(Map<String, Double> figures) throws IOException {
        Map<String, Double> earlier = before == null ? Map.of()
                : JSON.readValue(before.toFile(), new TypeReference<TreeMap<String, Double>>() {
                });
        Files.writeString(out, new Report(figures, earlier, settings()).markdown(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + out.toAbsolutePath());
    }

    /** The one-minute load average, -1 where the system does not tell. */
    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private ChainedOptionsBuilder jmh(String include, String name) {
        return new OptionsBuilder()
                .include(include)
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .resultFormat(ResultFormatType.JSON)
                .result(OUT_DIR.resolve(name + ".json").toString());
    }

    private String settings() {
        return "ratios: " + ratioForks + " JVMs per trace size, each warmed " + RatioBench.WARMUP_CALLS + "+ calls, "
                + RatioBench.WARMUP_BYTES / (1 << 20) + "+ MiB of body and " + RatioBench.WARMUP_NANOS / 1_000_000_000
                + "+ s, then " + RatioBench.SAMPLES + " alternating samples; JMH 1.37, " + forks + (forks == 1 ? " fork" : " forks") + ", " + warmups + " × " + seconds
                + " s warm-up, " + iterations + " × " + seconds + " s measurement";
    }

    private static String method(RunResult result) {
        String name = result.getParams().getBenchmark();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static Result<?> secondary(RunResult result, String name) {
        Map<String, Result> secondaries = result.getSecondaryResults();
        for (Map.Entry<String, Result> entry : secondaries.entrySet()) {
            if (entry.getKey().equals(name) || entry.getKey().endsWith("·" + name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The markdown: one table per question, each figure beside its baseline, ratio and target. */
    static final class Report {
        private final Map<String, Double> now;
        private final Map<String, Double> before;
        private final String settings;
        private final StringBuilder md = new StringBuilder();

        Report(Map<String, Double> now, Map<String, Double> before, String settings) {
            this.now = now;
            this.before = before;
            this.settings = settings;
        }

        String markdown() {
            md.append("## Benchmarks: rendering and storing traces\n\n");
            md.append("Run with `src/bench/run` (builds with `./mvnw -B -Plocal,bench package -DskipTests`, then runs "
                    + "every benchmark below; about 15 minutes on 2 cores).\n\n");
            md.append("- Machine: ").append(machine()).append(String.format(Locale.ROOT,
                    "; load average %.1f at the start of the run, %.1f at its end", now.getOrDefault("load.start", -1.0),
                    now.getOrDefault("load.end", -1.0))).append('\n');
            md.append("- Date: ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                    .append("; ").append(settings).append(".\n");
            md.append("- Traces: synthetic agent runs from `SyntheticTrace` (fixed seeds): ");
            List<String> traces = new ArrayList<>();
            for (int spans : SIZES) {
                traces.add(String.format(Locale.ROOT, "%,d spans in %,.0f bytes", spans, now.get("trace." + spans + ".bytes")));
            }
            md.append(String.join("; ", traces)).append("; and the sample workspace's noisy support-agent turn "
                    + "(`evt_sample_noisy`, 384 spans, at `trunc_len` " + SampleTurn.DEFAULT_TRUNC_LEN + ") in ").append(format(now.get("trace."
                    + SampleTurn.NAME + ".bytes"), "%,.0f bytes")).append(".\n");
            if (!before.isEmpty()) {
                md.append("- Where two figures stand as `before → after`, the first is the code before this round of "
                        + "optimisation, measured the same way on the same machine.\n");
            }
            md.append('\n');
            renderTable();
            measureTable();
            focusTables();
            heapTable();
            callTable();
            allocTable();
            md.append(WholeCallBench.table(now));
            messageTable();
            md.append(TruncLenBench.table(now));
            return md.toString();
        }

        private void renderTable() {
            ratioTable("render", "1. Markdown tree from the raw bytes", "parse + render", RENDER_TARGET,
                    "Parse + render: the raw bytes to the tool's answer (markdown and structured data) as "
                            + "`GetTraceFunction` does it, with the production defaults (200-character previews, 40,000-character "
                            + "answer, limit 1000): `TraceRenderer.render` over the body as the client holds it, read once by "
                            + "`TraceReader`. Bare parse: Jackson's `JsonParser.nextToken()` over every token, "
                            + "decoding every string and number, building nothing.");
        }

        private void measureTable() {
            ratioTable("measureFile", "2a. File mode's measurement step", "size + span count", MEASURE_TARGET,
                    "The size and span count file mode reports (`TraceReader.countSpans`), over the same bytes.");
        }

        private void focusTables() {
            ratioTable("search", "2b. get_trace with a search", "search + render", SEARCH_TARGET,
                    "`TraceRenderer.render` with `search: \"502 bad gateway\"`, an error message as an agent investigating a "
                            + "failure sends it (about 1% of the spans match): every name, payload and attribute value "
                            + "searched in the parser's buffer, the matching spans previewed and drawn with their ancestors.");
            ratioTable("searchRegex", "2b′. get_trace with a regular-expression search", "search + render", SEARCH_TARGET,
                    "The same with `search: \"/5\\\\d\\\\d bad gateway/\"` (RE2/J).");
            ratioTable("searchBroad", "2b″. get_trace with a broad search", "search + render", SEARCH_TARGET,
                    "`search: \"refund\"`, a word half the spans hold: each of them is previewed, given its snippets and "
                            + "drawn until the answer is full.");
            ratioTable("compare", "2d. compare_traces (two bodies)", "compare", COMPARE_TARGET,
                    "`CompareRenderer.render` of the trace and the same trace with every 100th span changed (in turn "
                            + "renamed, failed, given another output, made slower), both read by `ComparedTrace.read` with "
                            + "their LLM and tool payloads kept, aligned, compared and rendered; beside the bare parse of "
                            + "both bodies.");
            ratioTable("getSpan", "2c. get_span", "one span", GET_SPAN_TARGET,
                    "`SpanRenderer.render` of the middle span of the body, all three fields in the default window: "
                            + "the one span read whole, the others' payloads skipped unread, no tree.");
        }

        /**
         * One case beside the bare parse, per trace size, from {@link RatioBench}: medians, and the range of the forks'
         * ratios; nothing when the run did not measure it.
         */
        private void ratioTable(String method, String title, String column, double target, String description) {
            if (!now.containsKey("ratio." + method + ".142")) {
                return;
            }
            md.append("### ").append(title).append(" ÷ bare streaming parse (target ≤ ").append(target).append("×)\n\n");
            md.append(description).append("\n\n");
            md.append("| trace | bare parse | ").append(column)
                    .append(" | ratio | forks' range | target met |\n|---|---:|---:|---:|---|---|\n");
            List<String> traces = new ArrayList<>();
            for (int spans : SIZES) {
                traces.add(Integer.toString(spans));
            }
            if (now.containsKey("ratio." + method + "." + SampleTurn.NAME)) {
                traces.add(SampleTurn.NAME);
            }
            for (String trace : traces) {
                String key = "ratio." + method + "." + trace;
                md.append("| ").append(trace.equals(SampleTurn.NAME) ? "the noisy agent turn, 384" : trace).append(" spans, ")
                        .append(bytes(now.get("trace." + trace + ".bytes")))
                        .append(" | ").append(pair(key + ".bare.ms", "%.2f ms")).append(" | ").append(pair(key + ".ms", "%.2f ms"))
                        .append(" | ").append(pair(key, "%.2f×")).append(" | ").append(format(now.get(key + ".low"), "%.2f"))
                        .append("–").append(format(now.get(key + ".high"), "%.2f×"))
                        .append(" | ").append(met(now.get(key), target)).append(" |\n");
            }
            md.append('\n');
        }

        private void messageTable() {
            if (!now.containsKey("messages.4mb-agent.bareParse.ms")) {
                return;
            }
            md.append("### 5. A chat payload read as messages ÷ bare streaming parse\n\n")
                    .append("`MessageBench` (JMH, average time): ").append(MessageBench.describe())
                    .append(". Preview: `ChatPayload.parse` and the tree's one-line preview; outline: the parse and "
                            + "get_span's outline; parting: `MessageParting.between` the payload and a copy whose last "
                            + "message differs (both read whole, twice for the left one).\n\n")
                    .append("| payload | bare parse | preview | outline | parting |\n|---|---:|---:|---:|---:|\n");
            for (String payload : List.of("10000-messages", "4mb-agent")) {
                String key = "messages." + payload + ".";
                double bare = now.get(key + "bareParse.ms");
                md.append("| ").append(payload).append(" | ").append(format(bare, "%.2f ms"));
                for (String method : List.of("preview", "outline", "parting")) {
                    md.append(" | ").append(format(now.get(key + method + ".ms"), "%.2f ms")).append(" (")
                            .append(format(now.get(key + method + ".ms") / bare, "%.2f×")).append(')');
                }
                md.append(" |\n");
            }
            md.append('\n');
        }

        private void heapTable() {
            if (!now.containsKey("heap.body")) {
                return;
            }
            double body = now.get("heap.body");
            md.append("### 2b. Peak heap of the whole file-mode path ÷ body size (target ≤ ").append(HEAP_TARGET)
                    .append("×)\n\n");
            md.append("The packaged application in its own JVM (G1) serves `get_trace` with `getAsFile: true` for a ")
                    .append(bytes(body)).append(" body: fetch from a loopback stand-in through the REST client and the "
                            + "bounded read, count, PUT to s3proxy (running in the harness's JVM), presign. The smallest "
                            + "`-Xmx` under which two such calls succeed (1 MiB steps, `-XX:+ExitOnOutOfMemoryError`), minus "
                            + "the smallest under which the warm function serves small files, is the heap the large call "
                            + "needs at its peak: live bytes at the worst moment, garbage a collection can free not "
                            + "counted.\n\n");
            md.append("| upstream framing | smallest heap | idle function | peak of the call | ÷ body | target met |\n")
                    .append("|---|---:|---:|---:|---:|---|\n");
            heapRow("`Content-Length`", "heap.contentLength", body);
            heapRow("chunked", "heap.chunked", body);
            md.append('\n');
        }

        private void heapRow(String label, String key, double body) {
            double ratio = (now.get(key) - now.get("heap.baseline")) * 1_048_576.0 / body;
            md.append("| ").append(label).append(" | ").append(pair(key, "%.0f MiB")).append(" | ")
                    .append(pair("heap.baseline", "%.0f MiB")).append(" | ")
                    .append(format(now.get(key) - now.get("heap.baseline"), "%.0f MiB"));
            if (before.containsKey(key)) {
                double earlier = (before.get(key) - before.get("heap.baseline")) * 1_048_576.0 / before.get("heap.body");
                md.append(" | ").append(format(earlier, "%.2f×")).append(" → ").append(format(ratio, "%.2f×"));
            } else {
                md.append(" | ").append(format(ratio, "%.2f×"));
            }
            md.append(" | ").append(met(ratio, HEAP_TARGET)).append(" |\n");
        }

        private void callTable() {
            if (!now.containsKey("call.getTrace.p50")) {
                return;
            }
            md.append("### 3. A warm `get_trace` call over an instant upstream (target ≤ 1 ms p50)\n\n");
            md.append("JMH sample time. The client posts the tool call to the packaged application (Funqy HTTP); the "
                    + "function checks arguments and connection, fetches a 4-span trace (")
                    .append(bytes((double) CallBench.SMALL_TRACE.length))
                    .append(") from a loopback stand-in through its REST client, parses, renders, logs its line and "
                            + "answers the JSON envelope. Baseline: the same client's bare round trip to the stand-in for "
                            + "the same body; the call makes two such round trips (client → function, function → "
                            + "upstream).\n\n");
            md.append("| | p50 | p99 | samples |\n|---|---:|---:|---:|\n");
            md.append("| `get_trace` call | ").append(pair("call.getTrace.p50", "%.0f µs")).append(" | ")
                    .append(pair("call.getTrace.p99", "%.0f µs")).append(" | ").append(format(now.get("call.getTrace.n"), "%.0f"))
                    .append(" |\n");
            md.append("| bare round trip to the stand-in | ").append(pair("call.upstreamRoundTrip.p50", "%.0f µs"))
                    .append(" | ").append(pair("call.upstreamRoundTrip.p99", "%.0f µs")).append(" | ")
                    .append(format(now.get("call.upstreamRoundTrip.n"), "%.0f")).append(" |\n");
            double overhead50 = now.get("call.getTrace.p50") - now.get("call.upstreamRoundTrip.p50");
            double overhead99 = now.get("call.getTrace.p99") - now.get("call.upstreamRoundTrip.p99");
            md.append("| overhead over one round trip | ").append(format(overhead50, "%.0f µs")).append(" | ")
                    .append(format(overhead99, "%.0f µs")).append(" | |\n\n");
            md.append("Target ≤ 1 ms p50: ").append(met(now.get("call.getTrace.p50") / CALL_P50_TARGET_US, 1.0))
                    .append(" (whole call p50 ").append(format(now.get("call.getTrace.p50") / 1000, "%.2f ms")).append(").\n\n");
        }

        private void allocTable() {
            if (!now.containsKey("render.142.alloc")) {
                return;
            }
            md.append("### 4. Allocation per rendered span\n\n");
            md.append("JMH `-prof gc`, `gc.alloc.rate.norm` (bytes allocated per operation) ÷ spans.\n\n");
            md.append("| trace | body bytes per span | parse + render per span | bare parse per span | size + span count per span |\n")
                    .append("|---|---:|---:|---:|---:|\n");
            for (int spans : SIZES) {
                md.append("| ").append(spans).append(" spans | ")
                        .append(format(now.get("trace." + spans + ".bytes") / spans, "%,.0f B")).append(" | ")
                        .append(perSpan("render." + spans + ".alloc", spans)).append(" | ")
                        .append(perSpan("bareParse." + spans + ".alloc", spans)).append(" | ")
                        .append(perSpan("measureFile." + spans + ".alloc", spans)).append(" |\n");
            }
            md.append('\n');
        }

        private String perSpan(String key, int spans) {
            String after = format(now.get(key) / spans, "%,.0f B");
            return before.containsKey(key) ? format(before.get(key) / spans, "%,.0f B") + " → " + after : after;
        }

        private String pair(String key, String pattern) {
            String after = format(now.get(key), pattern);
            return before.containsKey(key) ? format(before.get(key), pattern) + " → " + after : after;
        }

        private static String met(double ratio, double target) {
            return ratio <= target ? "✅ met" : "❌ missed";
        }

        private static String format(Double value, String pattern) {
            return value == null ? "—" : String.format(Locale.ROOT, pattern, value);
        }

        private static String bytes(Double value) {
            if (value == null) {
                return "—";
            }
            return value >= 1_048_576 ? String.format(Locale.ROOT, "%.1f MiB", value / 1_048_576)
                    : String.format(Locale.ROOT, "%.0f KiB", value / 1024);
        }

        private static String machine() {
            String cpu = "unknown CPU";
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("model name")) {
                        cpu = line.substring(line.indexOf(':') + 1).strip();
                        break;
                    }
                }
            } catch (IOException e) {
                // Not Linux: the CPU stays unnamed.
            }
            long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize();
            return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + String.format(Locale.ROOT, "%.0f GiB", memory / 1_073_741_824.0) + " RAM, "
                    + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                    + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        }
    }
}
