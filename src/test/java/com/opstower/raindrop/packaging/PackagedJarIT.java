package com.opstower.raindrop.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jar {@code ./mvnw package} builds, started as an operator would start it with nothing configured: it is the
 * production application, so it has no key to fall back on and starts neither the sample Query API nor the embedded
 * S3 store that {@code ./mvnw quarkus:dev} brings, nor even carries s3proxy. Runs in the integration-test phase,
 * after the jar is built.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of(System.getProperty("packaged.jar", "target/quarkus-app/quarkus-run.jar"));
    /** The application's output, beside target/quarkus-app. */
    private static final Path LOG = JAR.toAbsolutePath().getParent().resolveSibling("packaged-jar-it.log");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static Process app;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: it is built in the package phase");
        port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-jar", JAR.toString());
        // Nothing of the build's environment (RAINDROP_*, QUARKUS_*) may reach the application.
        builder.environment().clear();
        app = builder.redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
        awaitListening();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(10, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void answersMissingCredentialsWithNoKeyConfigured() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/test_connection"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = new ObjectMapper().readTree(response.body());
        assertTrue(answer.path("is_error").asBoolean(), "test_connection succeeded with no key configured: " + response.body());
        assertEquals("MISSING_CREDENTIALS", answer.path("error").path("code").asText(), response.body());
    }

    @Test
    void listensOnItsHttpPortOnly() throws IOException {
        Path proc = Path.of("/proc", String.valueOf(app.pid()));
        assumeTrue(Files.isDirectory(proc.resolve("fd")), "needs Linux /proc to list the process's sockets");

        Set<Integer> listening = listeningPorts(proc);
        assertEquals(Set.of(port), listening, "the packaged application listens on TCP ports " + listening
                + ", expected only its HTTP port " + port + "; see " + LOG.toAbsolutePath());
    }

    @Test
    void leavesTheEmbeddedStoreOut() throws IOException {
        try (Stream<Path> files = Files.walk(JAR.getParent().resolve("lib"))) {
            List<Path> s3proxy = files.filter(file -> file.getFileName().toString().contains("s3proxy")).toList();
            assertEquals(List.of(), s3proxy, "the packaged application carries the embedded store's s3proxy");
        }
    }

    /**
     * The TCP ports the process listens on: the LISTEN entries of its network namespace's tables whose socket inode
     * is one of the process's open file descriptors (the tables alone list every process's sockets).
     */
    private static Set<Integer> listeningPorts(Path proc) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // A descriptor closed while the directory was read holds no listening socket.
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = proc.resolve("net").resolve(table);
            if (!Files.exists(file)) {
                continue;
            }
            // Columns: sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.trim().split("\\s+");
                if (columns[3].equals("0A") && inodes.contains(columns[9])) {
                    String localAddress = columns[1];
                    ports.add(Integer.parseInt(localAddress.substring(localAddress.indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private static void awaitListening() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new AssertionError("the packaged application exited with " + app.exitValue()
                        + " before it listened; its output:\n" + Files.readString(LOG));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the packaged application did not listen on " + port + " within " + START_TIMEOUT
                + "; its output:\n" + Files.readString(LOG));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
