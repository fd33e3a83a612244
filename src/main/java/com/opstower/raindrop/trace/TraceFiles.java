package com.opstower.raindrop.trace;

import com.opstower.raindrop.config.TraceFilesConfig;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.ToolFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
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
    /** Longest key segment: an id of safe characters (at most 256) is its own segment. */
    private static final int MAX_SEGMENT = 256;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

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

    public boolean enabled() {
        return config.enabled();
    }

    /** Stores the body as read, streamed from its pieces without joining them, and presigns a GET for it. */
    public StoredFile store(String integrationId, String eventId, ResponseBody json) {
        if (!config.enabled()) {
            throw new ToolFailure(ErrorCode.STORAGE_UNAVAILABLE, "This deployment has no trace file storage configured.",
                    "Call get_trace without getAsFile to read the span tree.");
        }
        String key = key(config.keyPrefix(), integrationId == null ? config.defaultIntegrationId() : integrationId, eventId,
                UUID.randomUUID().toString());
        return storeAt(key, json);
    }

    /**
     * Proves the storage works end to end: stores a small object, downloads it through its presigned URL, and
     * removes it again.
     */
    public void probe() {
        byte[] content = ("{\"smoke_test\":\"" + clock.instant() + "\"}").getBytes(StandardCharsets.UTF_8);
        StoredFile file = storeAt(key(config.keyPrefix(), "_smoke_test", "probe", UUID.randomUUID().toString()),
                ResponseBody.of(content));
        try {
            // A client of its own per probe: only the smoke test downloads, every 15 minutes, and a static one would be
            // made when a native image is built (with its selector thread) and refused in the image heap.
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(file.url().toURI()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (download.statusCode() != 200 || !Arrays.equals(content, download.body())) {
                throw unavailable("its presigned URL answered HTTP " + download.statusCode()
                        + (download.statusCode() == 200 ? " with other bytes than were stored" : ""));
            }
        } catch (IOException | URISyntaxException e) {
            throw unavailable("its presigned URL could not be fetched");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the check was interrupted");
        } finally {
            delete(file.key());
        }
    }

    private void delete(String key) {
        try {
            s3.deleteObject(delete -> delete.bucket(config.bucket()).key(key));
        } catch (SdkException | UncheckedIOException e) {
            LOG.warnf("Could not remove the smoke test object %s; the bucket's lifecycle rule will", key);
        }
    }

    private StoredFile storeAt(String key, ResponseBody json) {
        try {
            put(key, json);
        } catch (S3Exception e) {
            throw unavailable(answered(e));
        } catch (SdkException | UncheckedIOException e) {
            // The SDK wraps most transport failures; a connection dropped mid-upload surfaces unwrapped.
            String why = diagnose();
            if (why != null) {
                throw unavailable(why);
            }
            // The store answers and has the bucket: the upload met connections it had already closed. Once more.
            try {
                put(key, json);
            } catch (S3Exception again) {
                throw unavailable(answered(again));
            } catch (SdkException | UncheckedIOException again) {
                throw unavailable("the upload was cut off");
            }
        }
        try {
            Instant signedAt = clock.instant();
            URL url = presigner.presignGetObject(presign -> presign.signatureDuration(config.urlTtl())
                    .getObjectRequest(get -> get.bucket(config.bucket()).key(key))).url();
            return new StoredFile(key, url, signedAt.plus(config.urlTtl()));
        } catch (SdkException e) {
            throw unavailable("its download link could not be signed");
        }
    }

    private void put(String key, ResponseBody json) {
        // A content provider streams our bytes to the SDK without the copy RequestBody.fromBytes makes.
        s3.putObject(put -> put.bucket(config.bucket()).key(key).contentType(CONTENT_TYPE).contentLength(json.length()),
                RequestBody.fromContentProvider(json::newInputStream, json.length(), CONTENT_TYPE));
    }

    /**
     * Why an upload that got no S3 answer failed, or null if the store is reachable and has the bucket. A store that
     * refuses the key, or lacks the bucket, may answer before it reads the upload and close the connection, so the
     * client sees a broken upload rather than the answer: a cheap HEAD of the bucket tells those apart from an
     * endpoint that cannot be reached.
     */
    private String diagnose() {
        try {
            s3.headBucket(head -> head.bucket(config.bucket()));
            return null;
        } catch (S3Exception e) {
            return answered(e);
        } catch (SdkException | UncheckedIOException e) {
            return "it could not be reached";
        }
    }

    private static String answered(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return "it answered HTTP " + e.statusCode() + (code == null || code.isBlank() ? "" : " " + code);
    }

    private ToolFailure unavailable(String why) {
        LOG.warnf("Trace file storage failed for bucket %s: %s", config.bucket(), why);
        return new ToolFailure(ErrorCode.STORAGE_UNAVAILABLE, "The trace file storage failed: " + why + ".",
                "Call get_trace without getAsFile to read the span tree now. If files keep failing, the "
                        + "connection's file storage (bucket, endpoint or credentials) needs an operator's attention.");
    }

    /**
     * An object key made of one segment per id, so that no id escapes its place and no two ids share one. In a
     * segment, letters, digits, {@code -} and {@code _} stand for themselves and every other character is written as
     * its UTF-8 bytes, each as {@code .} and two hex digits: {@code a b} is {@code a.20b}, {@code a.b} is
     * {@code a.2Eb}, {@code int_42} stays {@code int_42}. Ids are well-formed text (see {@code Args.isText}), so
     * their UTF-8 is exact, and every {@code .} starts an escape: the segment reads back to one id only, and is never
     * {@code .} or {@code ..}, which URL handling would resolve as a path step.
     */
    static String key(String prefix, String integrationId, String eventId, String random) {
        return prefix + "/" + segment(integrationId) + "/" + segment(eventId) + "/" + segment(random) + ".json";
    }

    private static String segment(String id) {
        StringBuilder escaped = new StringBuilder(id.length());
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '_') {
                escaped.append((char) b);
            } else {
                escaped.append('.').append(HEX.toHexDigits(b));
            }
        }
        if (escaped.length() <= MAX_SEGMENT) {
            return escaped.toString();
        }
        // Too long for a key: the start, cut between escapes, then ".." (which no escaped id holds) and the id's digest.
        int cut = MAX_SEGMENT - 2 - 64;
        while (escaped.charAt(cut - 1) == '.' || escaped.charAt(cut - 2) == '.') {
            cut--;
        }
        return escaped.substring(0, cut) + ".." + HEX.formatHex(sha256(id));
    }

    private static byte[] sha256(String id) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
