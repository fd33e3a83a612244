package com.opstower.raindrop.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class EmbeddedS3Test {

    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key";
    private static final String BUCKET = "trace-files";

    private static EmbeddedS3 store;

    @BeforeAll
    static void start() throws Exception {
        store = new EmbeddedS3(0, ACCESS_KEY, SECRET_KEY, BUCKET).start();
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
    }

    @Test
    void servesALargeChunkedUploadThroughAPresignedUrl() throws Exception {
        byte[] content = new byte[25 * 1024 * 1024];
        new Random(42).nextBytes(content);
        try (S3Client s3 = client(SECRET_KEY)) {
            // The SDK's defaults: a signed aws-chunked body with a trailing checksum.
            s3.putObject(put -> put.bucket(BUCKET).key("raindrop-cache/default/trace.json").contentType("application/json"),
                    RequestBody.fromBytes(content));
        }
        URI url = presignedGet("raindrop-cache/default/trace.json");

        HttpResponse<byte[]> download = download(url);
        assertEquals(200, download.statusCode());
        assertArrayEquals(content, download.body());
    }

    @Test
    void refusesATamperedPresignedUrl() throws Exception {
        try (S3Client s3 = client(SECRET_KEY)) {
            s3.putObject(put -> put.bucket(BUCKET).key("small.json"), RequestBody.fromString("{\"spans\":[]}"));
        }
        String url = presignedGet("small.json").toString();
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        String tampered = url.substring(0, at) + (url.charAt(at) == '0' ? '1' : '0') + url.substring(at + 1);

        assertEquals(200, download(URI.create(url)).statusCode());
        assertEquals(403, download(URI.create(tampered)).statusCode());
    }

    @Test
    void refusesAWrongSecret() {
        // A request without a body: the store answers 403 before reading an upload and closes the connection, so an
        // upload's refusal sometimes reaches the client as a broken connection rather than as the 403.
        try (S3Client s3 = client("not-the-secret")) {
            S3Exception refused = assertThrows(S3Exception.class,
                    () -> s3.listObjectsV2(list -> list.bucket(BUCKET)));
            assertEquals(403, refused.statusCode());
        }
    }

    private static S3Client client(String secretKey) {
        return S3Client.builder()
                .endpointOverride(store.endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static URI presignedGet(String key) throws Exception {
        try (S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(store.endpoint())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build()) {
            return presigner.presignGetObject(get -> get.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(object -> object.bucket(BUCKET).key(key))).url().toURI();
        }
    }

    private static HttpResponse<byte[]> download(URI url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
