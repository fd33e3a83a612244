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
 * <pre>
 * bash .ci/lambda-runtime --bench [--launches 5] [--warm 5] [--modes jvm-snapstart,jvm] [--tools get_event,get_trace]
 * </pre>
 */
public final class ColdStart {

    /** SnapStart: the first invocation after restore at most this many times a warm one (or warm + 40 ms). */
    static final double SNAPSTART_RATIO_TARGET = 3;
    static final long SNAPSTART_SLACK_TARGET_MS = 40;
    /** Without SnapStart: init at most this long. */
    static final long INIT_TARGET_MS = 1000;

    record Launch(double initMs, double firstMs, double warmMs) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = LambdaCheck.options(args);
        Path taskRoot = Path.of(options.get("task")).toAbsolutePath();
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
                .append("| mode | tool | init (launch → first `next`) | first invocation | warm | first ÷ warm | target |\n")
                .append("|---|---|---:|---:|---:|---:|---|\n");
        try (StandIns standIns = new StandIns(functions)) {
            SampleCalls calls = new SampleCalls(standIns.queryApi.workspace);
            for (LaunchMode mode : modes) {
                for (Registry.Tool tool : tools) {
                    LambdaFunctions.Function function = functions.get(tool.name());
                    String payload = calls.payload(tool).toString();
                    List<Launch> runs = new ArrayList<>();
                    for (int launch = 0; launch < launches; launch++) {
                        runs.add(launch(mode, function, taskRoot, standIns, payload, warmCalls,
                                logs.resolve("coldstart-" + mode.name() + "-" + tool.name() + ".log")));
                    }
                    double init = median(runs.stream().mapToDouble(Launch::initMs).toArray());
                    double first = median(runs.stream().mapToDouble(Launch::firstMs).toArray());
                    double warm = median(runs.stream().mapToDouble(Launch::warmMs).toArray());
                    String row = String.format(Locale.ROOT, "| %s | `%s` | %,.0f ms | %,.0f ms | %.1f ms | %.1f× | %s |",
                            mode.name(), tool.name(), init, first, warm, first / warm, target(mode, init, first, warm));
                    System.out.println(row);
                    table.append(row).append('\n');
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
    static Launch launch(LaunchMode mode, LambdaFunctions.Function function, Path taskRoot, StandIns standIns,
            String payload, int warmCalls, Path log) throws Exception {
        try (ExecutionEnvironment environment = ExecutionEnvironment.start(mode, function, taskRoot,
                standIns.overrides(function), log)) {
            RuntimeApiStandIn.Ready ready = environment.awaitReady(LambdaCheck.INIT_TIMEOUT);
            if (ready.failed()) {
                throw new IllegalStateException(function.tool() + " failed to start: " + ready.initError());
            }
            double init = (ready.atNanos() - environment.launchedNanos) / 1e6;
            double first = call(environment, payload);
            double[] warm = new double[warmCalls];
            for (int i = 0; i < warmCalls; i++) {
                warm[i] = call(environment, payload);
            }
            return new Launch(init, first, median(warm));
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
