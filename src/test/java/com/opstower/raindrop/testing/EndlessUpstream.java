package com.opstower.raindrop.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Query API that never finishes an answer: a plain socket server that, to any request, starts a chunked JSON body
 * and keeps sending until the client closes the connection, counting the bytes it managed to write. {@code /v1/events/…}
 * (a get by id) answers HTTP 400 with an endless error body; every other path HTTP 200 with an endless
 * {@code {"data":[…} list.
 */
public class EndlessUpstream implements QuarkusTestResourceLifecycleManager {

    /** What one request cost the server: body bytes written, and the moment the client's close stopped it. */
    public record Sent(String path, AtomicLong bytes, CompletableFuture<Long> closed) {
    }

    private static final byte[] ITEM = ("{\"id\":\"item\",\"span_name\":\"filler\",\"input\":\"" + "x".repeat(900) + "\"},")
            .getBytes(StandardCharsets.US_ASCII);
    private static final Map<String, Sent> SENT = new ConcurrentHashMap<>();

    private ServerSocket server;

    /** The request to {@code path} (its path and query, as sent), once it has arrived. */
    public static Sent sent(String pathPrefix) {
        return SENT.entrySet().stream().filter(e -> e.getKey().startsWith(pathPrefix)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no request to " + pathPrefix + " in " + SENT.keySet()));
    }

    public static void reset() {
        SENT.clear();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "endless-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("raindrop.api-url", "http://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread answer = new Thread(() -> answer(socket), "endless-upstream-answer");
                answer.setDaemon(true);
                answer.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void answer(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String target = in.readLine().split(" ")[1];
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                // The request's headers: nothing in them changes the answer.
            }
            boolean error = target.startsWith("/v1/events/");
            Sent sent = new Sent(target, new AtomicLong(), new CompletableFuture<>());
            SENT.put(target, sent);
            // A small send buffer, so that what is in flight at the close is mostly what the client holds.
            socket.setSendBufferSize(64 * 1024);
            OutputStream out = socket.getOutputStream();
            out.write(((error ? "HTTP/1.1 400 Bad Request" : "HTTP/1.1 200 OK")
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk(out, (error ? "{\"error\":{\"message\":\"" : "{\"data\":[").getBytes(StandardCharsets.US_ASCII), sent);
            byte[] items = items(error);
            try {
                while (true) {
                    chunk(out, items, sent);
                }
            } catch (IOException closedByClient) {
                sent.closed().complete(sent.bytes().get());
            }
        } catch (IOException | RuntimeException e) {
            // A request that could not even be read: nothing was sent.
        }
    }

    /** About 60 KiB of body: whole list items, or for an error body more characters of a message that never ends. */
    private static byte[] items(boolean error) {
        byte[] items = new byte[64 * ITEM.length];
        if (error) {
            Arrays.fill(items, (byte) 'x');
            return items;
        }
        for (int at = 0; at < items.length; at += ITEM.length) {
            System.arraycopy(ITEM, 0, items, at, ITEM.length);
        }
        return items;
    }

    private static void chunk(OutputStream out, byte[] data, Sent sent) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        sent.bytes().addAndGet(data.length);
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }
}
