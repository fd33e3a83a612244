package com.opstower.raindrop.local;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3-compatible store running in this JVM (s3proxy over an in-memory file system), for local runs and tests of
 * trace files. Unlike a lenient mock it verifies AWS Signature V4, headers and presigned URLs alike, so a tampered
 * download link gets 403 as it would on S3, and it accepts the SDK's default {@code aws-chunked} uploads. Path-style
 * addressing only; contents vanish on {@link #close()}.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private final BlobStore store = new TransientNio2BlobStore();
    private final String bucket;
    private final S3Proxy proxy;

    /** @param port the port to listen on, 0 for any free one (see {@link #port()}) */
    public EmbeddedS3(int port, String accessKey, String secretKey, String bucket) {
        this.bucket = bucket;
        this.proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                // No graceful stop: it waits on clients' idle keep-alive connections and then fails.
                .stopTimeout(0)
                .build();
    }

    /** Starts listening and creates the bucket. */
    public EmbeddedS3 start() throws Exception {
        proxy.start();
        store.createContainer(bucket);
        return this;
    }

    /** The bound port, once started. */
    public int port() {
        return proxy.getPort();
    }

    /** What {@code quarkus.s3.endpoint-override} should be to reach this store: the loopback address it listens on. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        store.close();
    }
}
