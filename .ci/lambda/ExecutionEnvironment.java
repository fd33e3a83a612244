import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Lambda execution environment: a Runtime API stand-in and the function's process, started by a
 * {@link LaunchMode} with the environment Lambda gives it (its reserved variables, then the function's own from
 * {@code serverless.yml}, with the endpoints and keys this machine's stand-ins use in place of the deployment's).
 * Its output (every log line) goes to a file.
 */
final class ExecutionEnvironment implements AutoCloseable {

    final RuntimeApiStandIn runtimeApi;
    final long launchedNanos;
    final Path log;
    private final Process process;

    private ExecutionEnvironment(RuntimeApiStandIn runtimeApi, Process process, long launchedNanos, Path log) {
        this.runtimeApi = runtimeApi;
        this.process = process;
        this.launchedNanos = launchedNanos;
        this.log = log;
    }

    /**
     * Starts the function.
     *
     * @param overrides variables of the function's environment to replace (endpoints, keys), or to add
     */
    static ExecutionEnvironment start(LaunchMode mode, LambdaFunctions.Function function, Path taskRoot,
            Map<String, String> overrides, Path log) throws IOException {
        RuntimeApiStandIn runtimeApi = RuntimeApiStandIn.start(function.tool(), function.memoryMb());
        Map<String, String> environment = new LinkedHashMap<>();
        // Lambda's reserved variables (a subset: what a runtime or the AWS SDK reads).
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(runtimeApi.memoryMb()));
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/03/[1]lambda-check");
        environment.put("AWS_REGION", "eu-central-1");
        environment.put("AWS_DEFAULT_REGION", "eu-central-1");
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("_HANDLER", function.handler());
        environment.put("TZ", ":UTC");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.putAll(mode.environment());
        environment.putAll(function.environment());
        environment.putAll(overrides);

        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(mode.command(taskRoot, function))
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Nothing of this machine's environment: only what Lambda would set.
        builder.environment().clear();
        builder.environment().putAll(environment);
        long launched = System.nanoTime();
        return new ExecutionEnvironment(runtimeApi, builder.start(), launched, log);
    }

    /** Waits for the end of init: the first {@code next} (a failed init reports {@code init/error}). */
    RuntimeApiStandIn.Ready awaitReady(Duration timeout) throws Exception {
        return runtimeApi.awaitReady(timeout);
    }

    /**
     * CPU time the function's process has used so far, all its threads (the JIT's too), in milliseconds, from
     * {@code /proc} (clock ticks of 10 ms); -1 where there is none. Unlike wall-clock time it hardly depends on what
     * else the machine runs.
     */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command name: state is field 3, utime and stime fields 14 and 15 of the whole line.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Ends the function (Lambda freezes, then discards the environment) and its stand-in. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        runtimeApi.close();
    }
}
