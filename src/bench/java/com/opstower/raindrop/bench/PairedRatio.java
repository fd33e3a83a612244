package com.opstower.raindrop.bench;

import com.opstower.raindrop.trace.TraceRenderer;
import com.opstower.raindrop.trace.TraceStats;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A cross-check of the JMH ratios that other work on the machine cannot skew: the bare parse, the render and the
 * file-mode measurement of one trace run in turn, round after round in one JVM, each timed by the CPU time of the
 * running thread (so time spent descheduled never counts); the ratio is that of the medians. The collector's own
 * threads are not counted either, so this leaves out the cost of garbage, which the JMH figures include.
 */
public final class PairedRatio {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PairedRatio() {
    }

    /** Median CPU milliseconds per operation, by name: {@code bareParse}, {@code render}, {@code measureFile}. */
    public static Map<String, Double> measure(byte[] body, double seconds) {
        Map<String, ToLongFunction<byte[]>> operations = new LinkedHashMap<>();
        operations.put("bareParse", BareParse::consume);
        operations.put("render", bytes -> TraceRenderer.render(TraceBench.EVENT_ID, bytes, TraceBench.OPTIONS).text().length());
        operations.put("measureFile", bytes -> TraceStats.countSpans(bytes) + (long) bytes.length);
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        operations.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
        long sink = 0;
        long warmUntil = System.nanoTime() + (long) (seconds * 0.3e9);
        long until = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < until || samples.get("render").size() < 10) {
            boolean warm = System.nanoTime() > warmUntil;
            for (Map.Entry<String, ToLongFunction<byte[]>> operation : operations.entrySet()) {
                long started = THREADS.getCurrentThreadCpuTime();
                sink += operation.getValue().applyAsLong(body);
                if (warm) {
                    samples.get(operation.getKey()).add((THREADS.getCurrentThreadCpuTime() - started) / 1e6);
                }
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        samples.forEach((name, values) -> {
            Collections.sort(values);
            medians.put(name, values.get(values.size() / 2));
        });
        if (sink == 42) {
            System.out.println();
        }
        return medians;
    }
}
