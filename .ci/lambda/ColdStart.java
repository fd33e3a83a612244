import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The cold start of a tool's Lambda, run as {@link LambdaCheck} runs it (same launch modes, configuration and
 * stand-ins): per launch, init (process launch to the first {@code next}), the first invocation, and the median of
 * the warm invocations after it; each figure the median over several launches. Writes a markdown table to
 * {@code target/lambda-check/coldstart.md}. Not a test: the targets are printed beside the figures.
 *
 * <p>{@code --compare NAME=DIR[@JAVA_TOOL_OPTIONS],...} measures other unpacked builds (or the same with other JVM
 * options) beside {@code --task} (named {@code this}), one launch of each in turn, so that load on a shared machine
 * weighs on all of them alike.
 *
 * <p>{@code --java-tool-options "..."} sets {@code JAVA_TOOL_OPTIONS} in the functions' environment, as a Lambda
 * function's configuration can (to try a JVM option, or to log class loading).
 *
 * <pre>
 * bash .ci/lambda-runtime --bench [--launches 5] [--warm 5] [--modes jvm-snapstart,jvm] [--tools get_event,get_trace]
 *                                 [--compare before=/tmp/task-before] [--java-tool-options "-Xlog:class+load"]
 * </pre>
 */
public final class ColdStart {

    /** SnapStart: the first invocation after restore at most this many times a warm one (or warm + 40 ms). */
    static final double SNAPSTART_RATIO_TARGET = 3;
    static final long SNAPSTART_SLACK_TARGET_MS = 40;
    /** Without SnapStart: init at most this long. */
    static final long INIT_TARGET_MS = 1000;

    /** One launch's wall-clock figures, and the CPU time the function used for its init and its first call. */
    record Launch(double initMs, double firstMs, double warmMs, double initCpuMs, double firstCpuMs) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = LambdaCheck.options(args);
        Map<String, Path> builds = new java.util.LinkedHashMap<>();
        Map<String, String> buildOptions = new java.util.HashMap<>();
        builds.put("this", Path.of(options.get("task")).toAbsolutePath());
        buildOptions.put("this", options.get("java-tool-options"));
        if (options.containsKey("compare")) {
            for (String build : options.get("compare").split(",")) {
                String name = build.substring(0, build.indexOf('='));
                String[] dirAndOptions = build.substring(build.indexOf('=') + 1).split("@", 2);
                builds.put(name, Path.of(dirAndOptions[0]).toAbsolutePath());
                buildOptions.put(name, dirAndOptions.length > 1 ? dirAndOptions[1] : null);
            }
        }
        Path taskRoot = builds.get("this");
        List<LaunchMode> modes = LaunchMode.named(options.getOrDefault("modes", "jvm-snapstart,jvm"),
                Path.of(options.get("runtime-client")));
        int launches = Integer.parseInt(options.getOrDefault("launches", "5"));
        int warmCalls = Integer.parseInt(options.getOrDefault("warm", "5"));
        Set<String> only = Set.of(options.getOrDefault("tools", "get_event,get_trace").split(","));
        Path logs = Path.of(options.getOrDefault("logs", "target/lambda-check/logs"));
        Map<String, LambdaFunctions.Function> functions = LambdaFunctions.read(LambdaFunctions.TEMPLATE);
        List<Registry.Tool> tools = Registry.tools(Path.of(options.getOrDefault("registry", taskRoot.toString())))
                .stream().filter(t -> only.contains(t.name())).toList();

        StringBuilder table = new StringBuilder()
                .append("| mode | tool | build | init (launch → first `next`) | first invocation | warm | first ÷ warm | target "
                        + "| CPU: init | CPU: first |\n")
                .append("|---|---|---|---:|---:|---:|---:|---|---:|---:|\n");
        try (StandIns standIns = new StandIns(functions)) {
            SampleCalls calls = new SampleCalls(standIns.queryApi.workspace);
            for (LaunchMode mode : modes) {
                for (Registry.Tool tool : tools) {
                    LambdaFunctions.Function function = functions.get(tool.name());
                    String payload = calls.payload(tool).toString();
                    Map<String, String> overrides = standIns.overrides(function);
                    Map<String, List<Launch>> runs = new java.util.LinkedHashMap<>();
                    // One launch first, not counted: the stand-ins' own first calls are slow, not the function's.
                    launch(mode, function, taskRoot, overrides, payload, 1, logs.resolve("coldstart-warm-up.log"));
                    for (int launch = 0; launch < launches; launch++) {
                        for (Map.Entry<String, Path> build : builds.entrySet()) {
                            Map<String, String> environment = new java.util.LinkedHashMap<>(overrides);
                            if (buildOptions.get(build.getKey()) != null) {
                                environment.put("JAVA_TOOL_OPTIONS", buildOptions.get(build.getKey()));
                            }
                            runs.computeIfAbsent(build.getKey(), k -> new ArrayList<>()).add(launch(mode, function,
                                    build.getValue(), environment, payload, warmCalls,
                                    logs.resolve("coldstart-" + build.getKey() + "-" + mode.name() + "-" + tool.name() + ".log")));
                        }
                    }
                    for (Map.Entry<String, List<Launch>> build : runs.entrySet()) {
                        double init = median(build.getValue().stream().mapToDouble(Launch::initMs).toArray());
                        double first = median(build.getValue().stream().mapToDouble(Launch::firstMs).toArray());
                        double warm = median(build.getValue().stream().mapToDouble(Launch::warmMs).toArray());
                        double initCpu = median(build.getValue().stream().mapToDouble(Launch::initCpuMs).toArray());
                        double firstCpu = median(build.getValue().stream().mapToDouble(Launch::firstCpuMs).toArray());
                        String row = String.format(Locale.ROOT,
                                "| %s | `%s` | %s | %,.0f ms | %,.0f ms | %.1f ms | %.1f× | %s | %,.0f ms | %,.0f ms |",
                                mode.name(), tool.name(), build.getKey(), init, first, warm, first / warm,
                                target(mode, init, first, warm), initCpu, firstCpu);
                        System.out.println(row);
                        table.append(row).append('\n');
                    }
                }
            }
        }
        String header = String.format(Locale.ROOT, "Cold starts, %s, %d launches each (medians), %s cores, Java %s%n%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                launches, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Path out = Path.of("target/lambda-check/coldstart.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, header + table, StandardCharsets.UTF_8);
        System.out.println("coldstart: " + out);
    }

    /** One execution environment: launched, initialised, invoked once cold and {@code warmCalls} times warm. */
    static Launch launch(LaunchMode mode, LambdaFunctions.Function function, Path taskRoot,
            Map<String, String> overrides, String payload, int warmCalls, Path log) throws Exception {
        try (ExecutionEnvironment environment = ExecutionEnvironment.start(mode, function, taskRoot, overrides, log)) {
            RuntimeApiStandIn.Ready ready = environment.awaitReady(LambdaCheck.INIT_TIMEOUT);
            if (ready.failed()) {
                throw new IllegalStateException(function.tool() + " failed to start: " + ready.initError());
            }
            double init = (ready.atNanos() - environment.launchedNanos) / 1e6;
            long initCpu = environment.cpuMillis();
            double first = call(environment, payload);
            long firstCpu = environment.cpuMillis() - initCpu;
            double[] warm = new double[warmCalls];
            for (int i = 0; i < warmCalls; i++) {
                warm[i] = call(environment, payload);
            }
            return new Launch(init, first, median(warm), initCpu, firstCpu);
        }
    }

    private static double call(ExecutionEnvironment environment, String payload) throws InterruptedException {
        RuntimeApiStandIn.Outcome outcome = environment.runtimeApi.invoke(payload, LambdaCheck.CALL_TIME, Duration.ofSeconds(5));
        if (outcome == null || outcome.response() == null || outcome.response().contains("\"is_error\":true")) {
            throw new IllegalStateException("the call failed: " + (outcome == null ? "no answer" : outcome));
        }
        return outcome.took().toNanos() / 1e6;
    }

    static String target(LaunchMode mode, double init, double first, double warm) {
        if (mode.snapStart()) {
            double bound = Math.max(SNAPSTART_RATIO_TARGET * warm, warm + SNAPSTART_SLACK_TARGET_MS);
            return String.format(Locale.ROOT, "first ≤ %.0f ms: %s", bound, first <= bound ? "met" : "missed");
        }
        return "init ≤ 1,000 ms: " + (init <= INIT_TARGET_MS ? "met" : "missed");
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
