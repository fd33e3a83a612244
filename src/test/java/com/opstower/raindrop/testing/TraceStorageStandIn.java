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

    public static EmbeddedS3 store() {
        return store;
    }

    /** Takes the store down; {@link #restart()} brings an empty one back on the same port. */
    public static void takeDown() throws Exception {
        store.close();
    }

    public static void restart() throws Exception {
        store = new EmbeddedS3(port, ACCESS_KEY, SECRET_KEY, BUCKET).start();
    }

    @Override
    public Map<String, String> start() {
        try {
            store = new EmbeddedS3(0, ACCESS_KEY, SECRET_KEY, BUCKET).start();
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
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", SECRET_KEY);
    }

    @Override
    public void stop() {
        try {
            store.close();
        } catch (Exception e) {
            // Already stopped by a test playing an outage.
        }
    }
}
