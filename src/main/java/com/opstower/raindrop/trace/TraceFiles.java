package com.opstower.raindrop.trace;

import com.opstower.raindrop.config.TraceFilesConfig;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.ToolFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Stores raw trace bodies in S3-compatible storage (Cloudflare R2 in production) and signs a short-lived download
 * URL for each. Objects live under {@code {prefix}/{integration}/{event}/{random}.json}; the bucket's lifecycle
 * rule removes them.
 */
@ApplicationScoped
public class TraceFiles {

    public static final String CONTENT_TYPE = "application/json";
    private static final Logger LOG = Logger.getLogger(TraceFiles.class);
    private static final int MAX_SEGMENT = 128;

    /** Where one file went and how to fetch it. */
    public record StoredFile(String key, URL url, Instant expiresAt) {
    }

    private final S3Client s3;
    private final S3Presigner presigner;
    private final TraceFilesConfig config;
    private final Clock clock = Clock.systemUTC();

    TraceFiles(S3Client s3, S3Presigner presigner, TraceFilesConfig config) {
        this.s3 = s3;
        this.presigner = presigner;
        this.config = config;
    }

    public long maxBytes() {
        return config.maxBytes();
    }

    public long urlTtlSeconds() {
        return config.urlTtl().toSeconds();
    }

    /** Stores the bytes as they are (never re-serialised) and presigns a GET for them. */
    public StoredFile store(String integrationId, String eventId, byte[] json) {
        String key = key(config.keyPrefix(), integrationId == null ? config.defaultIntegrationId() : integrationId, eventId,
                UUID.randomUUID().toString());
        try {
            // A content provider hands the SDK our array without the copy RequestBody.fromBytes makes.
            s3.putObject(put -> put.bucket(config.bucket()).key(key).contentType(CONTENT_TYPE).contentLength((long) json.length),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(json), json.length, CONTENT_TYPE));
            Instant signedAt = clock.instant();
            URL url = presigner.presignGetObject(presign -> presign.signatureDuration(config.urlTtl())
                    .getObjectRequest(get -> get.bucket(config.bucket()).key(key))).url();
            return new StoredFile(key, url, signedAt.plus(config.urlTtl()));
        } catch (SdkException | UncheckedIOException e) {
            // The SDK wraps most transport failures; a connection dropped mid-upload surfaces unwrapped.
            String why = e instanceof S3Exception s3e && s3e.awsErrorDetails() != null
                    ? "it answered HTTP " + s3e.statusCode() + " " + s3e.awsErrorDetails().errorCode()
                    : "it could not be reached";
            LOG.warnf("Trace file storage failed for bucket %s: %s", config.bucket(), why);
            throw new ToolFailure(ErrorCode.STORAGE_UNAVAILABLE,
                    "The trace was fetched but could not be stored as a file: " + why + ".",
                    "Call get_trace without getAsFile to read the span tree now. If files keep failing, the "
                            + "connection's file storage (bucket, endpoint or credentials) needs an operator's attention.");
        }
    }

    /** An object key whose every segment is reduced to a safe character set, so that no id escapes its prefix. */
    static String key(String prefix, String integrationId, String eventId, String random) {
        return prefix + "/" + segment(integrationId) + "/" + segment(eventId) + "/" + segment(random) + ".json";
    }

    private static String segment(String value) {
        StringBuilder safe = new StringBuilder(Math.min(value.length(), MAX_SEGMENT));
        for (int i = 0; i < value.length() && safe.length() < MAX_SEGMENT; i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            safe.append(allowed ? c : '_');
        }
        return safe.length() == 0 ? "_" : safe.toString();
    }
}
