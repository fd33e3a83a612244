import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How an execution environment starts a function: the command Lambda's runtime would run in the unpacked
 * {@code function.zip} (its working directory), and what it adds to the environment. Each mode polls the same
 * Runtime API stand-in, so every check and timing applies to each alike.
 */
interface LaunchMode {

    /** A short name for reports, e.g. {@code jvm-snapstart}. */
    String name();

    /** Whether Lambda runs the SnapStart sequence: init, {@code beforeCheckpoint}, {@code restore/next}, restore. */
    boolean snapStart();

    /** The command, run with the unpacked zip as working directory. */
    List<String> command(Path taskRoot, LambdaFunctions.Function function);

    /** What the runtime adds to the function's environment. */
    Map<String, String> environment();

    /**
     * The {@code java21} managed runtime: AWS's runtime interface client as the main class, the handler string as its
     * argument. The client loads the function's classes from its working directory (the zip's root and {@code lib/}),
     * as Lambda's {@code /var/task}; its own jars are the runtime's classpath, as Lambda's {@code /var/runtime}. JVM
     * options are Lambda's documented defaults for Java 17 and 21: tiered compilation stopped at C1, the serial
     * collector, and a heap of most of the function's memory.
     */
    static LaunchMode jvm(Path runtimeClientJars, boolean snapStart) {
        return new LaunchMode() {
            @Override
            public String name() {
                return snapStart ? "jvm-snapstart" : "jvm";
            }

            @Override
            public boolean snapStart() {
                return snapStart;
            }

            @Override
            public List<String> command(Path taskRoot, LambdaFunctions.Function function) {
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.add("-XX:+TieredCompilation");
                command.add("-XX:TieredStopAtLevel=1");
                command.add("-XX:+UseSerialGC");
                command.add("-XX:MaxHeapSize=" + function.memoryMb() * 85 / 100 + "m");
                if (snapStart) {
                    // The client runs org.crac resources' hooks only with this.
                    command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
                }
                command.add("-cp");
                command.add(runtimeClientJars.toAbsolutePath() + "/*");
                command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
                command.add(function.handler());
                return command;
            }

            @Override
            public Map<String, String> environment() {
                return Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", snapStart ? "snap-start" : "on-demand");
            }
        };
    }

    /**
     * The {@code provided.al2023} runtime: Lambda runs the zip's {@code bootstrap}, the native executable of
     * {@code -Pnative,lambda}, which polls the Runtime API itself (Quarkus' own loop) and reads no handler string.
     */
    static LaunchMode nativeExecutable() {
        return new LaunchMode() {
            @Override
            public String name() {
                return "native";
            }

            @Override
            public boolean snapStart() {
                return false;
            }

            @Override
            public List<String> command(Path taskRoot, LambdaFunctions.Function function) {
                return List.of(taskRoot.resolve("bootstrap").toString());
            }

            @Override
            public Map<String, String> environment() {
                return Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            }
        };
    }

    /** The modes a check or benchmark runs, by name (comma-separated), in that order. */
    static List<LaunchMode> named(String names, Path runtimeClientJars) {
        List<LaunchMode> modes = new ArrayList<>();
        for (String name : names.split(",")) {
            modes.add(switch (name.strip()) {
                case "jvm" -> jvm(runtimeClientJars, false);
                case "jvm-snapstart" -> jvm(runtimeClientJars, true);
                case "native" -> nativeExecutable();
                default -> throw new IllegalArgumentException("unknown mode " + name + " (jvm, jvm-snapstart, native)");
            });
        }
        if (!Files.isDirectory(runtimeClientJars)) {
            throw new IllegalStateException(runtimeClientJars + " is missing: the runtime interface client's jars");
        }
        return modes;
    }
}
