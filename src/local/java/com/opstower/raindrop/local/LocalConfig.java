package com.opstower.raindrop.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The services dev mode starts in-process instead of reaching Raindrop and S3: the sample Query API and the embedded
 * S3-compatible store ({@link LocalServices}). Packaged applications never start them.
 */
@ConfigMapping(prefix = "raindrop.local")
public interface LocalConfig {

    /** Whether dev mode starts the local services; off, it runs only against the services configured. */
    @WithDefault("true")
    boolean enabled();

    /** Port of the sample Query API on the loopback interface; {@code raindrop.api-url} must point at it. */
    @WithDefault("8089")
    int apiPort();

    /** Port of the embedded S3-compatible store on the loopback interface; {@code quarkus.s3.endpoint-override} must point at it. */
    @WithDefault("9090")
    int s3Port();

    /** Bearer key the sample Query API accepts; {@code raindrop.api-key} must match it. Never logged. */
    @WithDefault("sample-key")
    String sampleApiKey();

    /** Access key id the embedded store accepts; the S3 client's static credentials must match it. */
    @WithDefault("local-access-key")
    String s3AccessKey();

    /** Secret key the embedded store verifies signatures with; the S3 client's static credentials must match it. Never logged. */
    @WithDefault("local-secret-key")
    String s3SecretKey();

    /** Bucket the embedded store creates on start, the one trace files are written to. */
    @WithDefault("raindrop-trace-files")
    String bucket();
}
