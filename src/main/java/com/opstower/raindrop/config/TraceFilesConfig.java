package com.opstower.raindrop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Where {@code get_trace} with {@code getAsFile} stores raw traces. The endpoint, region, path style and
 * credentials are the Quarkus Amazon S3 extension's own {@code quarkus.s3.*} properties.
 */
@ConfigMapping(prefix = "raindrop.trace-files")
public interface TraceFilesConfig {

    /** Whether file mode is offered; without storage, {@code getAsFile} answers STORAGE_UNAVAILABLE and the smoke test skips storage. */
    @WithDefault("true")
    boolean enabled();

    /** Bucket receiving trace files ({@code TRACE_FILES_BUCKET}). */
    @WithDefault("raindrop-trace-files")
    String bucket();

    /** First segment of every object key; the bucket's lifecycle rule expires objects under it. */
    @WithDefault("raindrop-cache")
    String keyPrefix();

    /** Key segment used when a request carries no {@code connection.integration_id}. */
    @WithDefault("default")
    String defaultIntegrationId();

    /** Lifetime of the presigned download URL. */
    @WithDefault("900s")
    Duration urlTtl();

    /** Hard cap on a stored trace, in bytes (25 MiB). */
    @WithDefault("26214400")
    long maxBytes();
}
