package com.opstower.raindrop.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Each trace benchmark of {@link TraceBench} beside the bare streaming parse of the same bytes, timed alternately:
 * one call of each per sample, so that load on a shared machine weighs on both alike, which JMH's separate runs of
 * each cannot promise. Wall-clock time, so that garbage collection counts. Each trace size runs in fresh JVMs
 * ({@code forks} of them, as the JIT's choices differ from one JVM to the next), each warmed until its compiled code
 * settles, then sampled; a fork's ratio is the ratio of its medians, and the figure is the median of the forks'.
 */
public final class RatioBench {

    /** The cases, by their {@link TraceBench} method names. */
    static final Map<String, ToLongFunction<TraceBench>> CASES = cases();

    /** Each case's baseline: the bare parse of what it reads, one body but for compare_traces' two. */
    static ToLongFunction<TraceBench> bare(String name) {
        return name.equals("compare") ? TraceBench::bareParseBoth : bench -> BareParse.consume(bench.bytes);
    }

    /** Warm-up: at least this long and this many pairs of calls (the JIT took about 50 calls to settle at 10,000 spans). */
    static final long WARMUP_NANOS = 3_000_000_000L;
    static final int WARMUP_CALLS = 100;
    /**
     * And at least this many bytes of body read by the case: a small trace needs thousands of calls before the JIT has
     * compiled the whole tree, which on a loaded machine 100 calls and 3 s do not reach (the noisy turn, 276 KB,
     * measured 7–19× after them and 1.5× after 5,000 calls).
     */
    static final long WARMUP_BYTES = 1L << 30;
    static final int SAMPLES = 41;

    private RatioBench() {
    }

    private static Map<String, ToLongFunction<TraceBench>> cases() {
        Map<String, ToLongFunction<TraceBench>> cases = new LinkedHashMap<>();
        cases.put("render", bench -> bench.render().text().length());
        cases.put("measureFile", TraceBench::measureFile);
        cases.put("search", bench -> bench.search().text().length());
        cases.put("searchRegex", bench -> bench.searchRegex().text().length());
        cases.put("searchBroad", bench -> bench.searchBroad().text().length());
        cases.put("getSpan", bench -> bench.getSpan().text().length());
        cases.put("compare", bench -> bench.compare().text().length());
        return cases;
    }

    /** The cases measured on the sample's noisy agent turn: its default tree. */
    static final List<String> SAMPLE_TURN_CASES = List.of("render");

    /**
     * Figures: {@code ratio.<case>.<trace>} (median of the forks' ratios), {@code .low} and {@code .high} (their
     * range), and {@code .ms} and {@code .bare.ms} (medians of the forks' median times, in milliseconds); the trace is
     * a synthetic trace's span count, or {@link SampleTurn#NAME} for the sample's noisy turn.
     */
    static Map<String, Double> measure(int[] sizes, int forks) throws IOException, InterruptedException {
        Map<String, List<Double>> samples = new TreeMap<>();
        List<String> traces = new ArrayList<>();
        for (int spans : sizes) {
            traces.add(Integer.toString(spans));
        }
        traces.add(SampleTurn.NAME);
        for (String trace : traces) {
            for (int fork = 0; fork < forks; fork++) {
                for (Map.Entry<String, Double> figure : fork(trace).entrySet()) {
                    samples.computeIfAbsent(figure.getKey(), key -> new ArrayList<>()).add(figure.getValue());
                }
            }
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        samples.forEach((key, values) -> {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            figures.put(key, sorted[sorted.length / 2]);
            if (!key.endsWith(".ms")) {
                figures.put(key + ".low", sorted[0]);
                figures.put(key + ".high", sorted[sorted.length - 1]);
            }
        });
        return figures;
    }

    /** One fresh JVM measuring every case on one trace. */
    private static Map<String, Double> fork(String trace) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms2g", "-Xmx2g", "-cp", System.getProperty("java.class.path"), RatioBench.class.getName(),
                trace)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, Double> figures = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("figure ")) {
                    String[] parts = line.split(" ");
                    figures.put(parts[1], Double.parseDouble(parts[2]));
                } else {
                    System.out.println(line);
                }
            }
        }
        if (child.waitFor() != 0) {
            throw new IllegalStateException("the benchmark JVM for trace " + trace + " failed");
        }
        return figures;
    }

    /**
     * In a fork: measures every case on a trace of {@code args[0]} spans (or the sample's noisy turn, named
     * {@link SampleTurn#NAME}) and prints its figures; by hand, with case names after it, only those (for a profiler:
     * {@code -XX:StartFlightRecording=…}).
     */
    public static void main(String[] args) throws IOException {
        String trace = args[0];
        List<String> only = args.length > 1 ? List.of(args).subList(1, args.length)
                : trace.equals(SampleTurn.NAME) ? SAMPLE_TURN_CASES : List.of();
        TraceBench bench = new TraceBench();
        if (trace.equals(SampleTurn.NAME)) {
            bench.use(SampleTurn.noisyTurnBody());
        } else {
            bench.spans = Integer.parseInt(trace);
            bench.generate();
        }
        for (Map.Entry<String, ToLongFunction<TraceBench>> entry : CASES.entrySet()) {
            if (!only.isEmpty() && !only.contains(entry.getKey())) {
                continue;
            }
            double[][] times = time(bench, bare(entry.getKey()), entry.getValue());
            double bare = median(times[0]);
            double call = median(times[1]);
            String key = "ratio." + entry.getKey() + "." + trace;
            System.out.printf("figure %s %.6f%nfigure %s.ms %.6f%nfigure %s.bare.ms %.6f%n", key, call / bare, key, call,
                    key, bare);
            System.out.printf("%-12s %6s: bare parse %8.2f ms, %s %8.2f ms (medians): %.2f×%n", entry.getKey(), trace,
                    bare, entry.getKey(), call, call / bare);
        }
    }

    /** {bare parse times, case times}, in milliseconds, after a warm-up of both. */
    private static double[][] time(TraceBench bench, ToLongFunction<TraceBench> bare, ToLongFunction<TraceBench> call) {
        long sink = 0;
        long warmUntil = System.nanoTime() + WARMUP_NANOS;
        long warmCalls = Math.max(WARMUP_CALLS, WARMUP_BYTES / bench.bytes.length);
        for (int i = 0; i < warmCalls || System.nanoTime() < warmUntil; i++) {
            sink += bare.applyAsLong(bench) + call.applyAsLong(bench);
        }
        double[][] times = new double[2][SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            sink += bare.applyAsLong(bench);
            long middle = System.nanoTime();
            sink += call.applyAsLong(bench);
            long end = System.nanoTime();
            times[0][i] = (middle - start) / 1e6;
            times[1][i] = (end - middle) / 1e6;
        }
        if (sink == 42) {
            System.out.println("(a sink the JIT cannot see through)");
        }
        return times;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
