package com.opstower.raindrop.lambda;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The entry point of the native executable, which the {@code provided.al2023} runtime starts as {@code bootstrap}:
 * Quarkus, and when Quarkus cannot start (a configuration it cannot read, say), the report Lambda asks of a runtime
 * whose initialisation failed, {@code POST /runtime/init/error}, so that the function fails its init with a type
 * rather than as a process that ended. AWS's runtime interface client makes that report for the JVM build, which never
 * runs this class. The report names the failure's type only: its message may quote configuration values.
 */
@QuarkusMain
public class LambdaMain {

    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(2);

    public static void main(String... args) {
        Quarkus.run(null, (exitCode, failure) -> {
            if (failure != null) {
                reportInitError(failure);
            }
            System.exit(exitCode);
        }, args);
    }

    private static void reportInitError(Throwable failure) {
        String runtimeApi = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (runtimeApi == null) {
            return;
        }
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String type = cause.getClass().getName();
        byte[] body = ("{\"errorType\":\"" + type + "\",\"errorMessage\":\"The function could not start ("
                + cause.getClass().getSimpleName() + "); its log says why.\"}").getBytes(StandardCharsets.UTF_8);
        try {
            URI initError = URI.create("http://" + runtimeApi + "/2018-06-01/runtime/init/error");
            HttpURLConnection post = (HttpURLConnection) initError.toURL().openConnection();
            post.setRequestMethod("POST");
            post.setConnectTimeout((int) REPORT_TIMEOUT.toMillis());
            post.setReadTimeout((int) REPORT_TIMEOUT.toMillis());
            post.setRequestProperty("Content-Type", "application/json");
            post.setRequestProperty("Lambda-Runtime-Function-Error-Type", type);
            post.setDoOutput(true);
            try (OutputStream out = post.getOutputStream()) {
                out.write(body);
            }
            post.getResponseCode();
        } catch (IOException | RuntimeException unreported) {
            // Lambda still sees the process end, and reports that instead.
        }
    }
}
