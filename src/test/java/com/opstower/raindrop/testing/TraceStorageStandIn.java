package com.opstower.raindrop.testing;

import com.opstower.raindrop.local.EmbeddedS3;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real S3-compatible server for every {@code @QuarkusTest}: s3proxy in-process, verifying SigV4 signatures, reached
 * by the production S3 client over the S3 protocol. Tests may stop and restart it on the same port to play an outage.
 */
public class TraceStorageStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "trace-files-test";
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    private static EmbeddedS3 store;
    private static int port;
    private static boolean running;

    public static EmbeddedS3 store() {
        return store;
    }

    /** Takes the store down; {@link #restart()} brings an empty one back on the same port. */
    public static void takeDown() throws Exception {
        if (running) {
            running = false;
            store.close();
        }
    }

    /** The usual store (an empty one) on the usual port, whatever ran there before. */
    public static void restart() throws Exception {
        takeDown();
        store = new EmbeddedS3(port, ACCESS_KEY, SECRET_KEY, BUCKET).start();
        running = true;
    }

    /**
     * Replaces the store with one on the same port that knows other credentials than the application's, as after a
     * rotated or revoked storage key: every request the application signs is refused. {@link #restart()} brings the
     * usual store back.
     */
    public static void restartWithOtherCredentials() throws Exception {
        takeDown();
        store = new EmbeddedS3(port, "rotated-access-key", "rotated-secret-key", BUCKET).start();
        running = true;
    }

    @Override
    public Map<String, String> start() {
        try {
            store = new EmbeddedS3(0, ACCESS_KEY, SECRET_KEY, BUCKET).start();
            running = true;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded S3 store", e);
        }
        port = store.port();
        return Map.of(
                "raindrop.trace-files.bucket", BUCKET,
                "quarkus.s3.endpoint-override", store.endpoint().toString(),
                "quarkus.s3.path-style-access", "true",
                "quarkus.s3.aws.region", "us-east-1",
                "quarkus.s3.aws.credentials.type", "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id", ACCESS_KEY,
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", SECRET_KEY,
                // A store playing a fault may stop answering mid-request: bounded, that is a failure, not a hang.
                "quarkus.s3.api-call-attempt-timeout", "4s",
                "quarkus.s3.api-call-timeout", "10s");
    }

    @Override
    public void stop() {
        try {
            takeDown();
        } catch (Exception e) {
            // Nothing left to release.
        }
    }
}
