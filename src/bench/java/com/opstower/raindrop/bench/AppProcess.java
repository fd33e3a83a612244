package com.opstower.raindrop.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, the Funqy HTTP binding, a production build
 * without the sample services of dev mode) in a JVM of its own, pointed at an upstream stand-in and an S3-compatible
 * store. Its log goes to a file under {@code target/bench}.
 */
public final class AppProcess implements AutoCloseable {

    public static final String API_KEY = "rk_bench_key";
    public static final String S3_ACCESS_KEY = "bench-access-key";
    public static final String S3_SECRET_KEY = "bench-secret-key";
    public static final String BUCKET = "bench-trace-files";

    private final Process process;
    private final int port;

    private AppProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The packaged application, as {@code ./mvnw package} leaves it. */
    public static Path jar() {
        return Path.of(System.getProperty("bench.app", "target/quarkus-app/quarkus-run.jar"));
    }

    /**
     * Starts the application and waits until it listens.
     *
     * @param s3 the store's endpoint, or null when the calls never store files
     * @return null when the JVM exited before it listened (too small a heap, say)
     */
    public static AppProcess start(List<String> jvmOptions, URI upstream, URI s3, Path log, Duration timeout)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar())) {
            throw new IllegalStateException(jar() + " is missing: build with ./mvnw -B -Plocal,bench package first");
        }
        int port = freePort();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("quarkus.http.port", String.valueOf(port));
        config.put("raindrop.api-url", upstream.toString());
        config.put("raindrop.api-key", API_KEY);
        config.put("raindrop.trace-files.bucket", BUCKET);
        config.put("quarkus.s3.endpoint-override", s3 == null ? "http://127.0.0.1:9" : s3.toString());
        config.put("quarkus.s3.path-style-access", "true");
        config.put("quarkus.s3.aws.region", "us-east-1");
        config.put("quarkus.s3.aws.credentials.type", "static");
        config.put("quarkus.s3.aws.credentials.static-provider.access-key-id", S3_ACCESS_KEY);
        config.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", S3_SECRET_KEY);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar().toString());
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return null;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return new AppProcess(process, port);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("the application did not listen within " + timeout + "; see " + log);
    }

    /** {@code POST /{tool}}, the Funqy HTTP binding's route for a function. */
    public URI function(String name) {
        return URI.create("http://127.0.0.1:" + port + "/" + name);
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
