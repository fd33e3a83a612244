package com.opstower.raindrop.queryapi;

import io.vertx.core.http.HttpClientRequest;
import jakarta.ws.rs.client.ClientResponseContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientResponseFilter;

/**
 * Closes the connection under a body that is closed before its end. The REST client would otherwise read the rest
 * and throw it away, to reuse the connection; but a body is only left unfinished when it passed the bound it is read
 * to (a trace past its cap, an error body past the part worth quoting) or the read failed, and that rest may be
 * endless: reading it is the very cost the bound is there to avoid. It only wraps the stream, so it runs on the thread
 * that received the response: a plain {@code ClientResponseFilter} would be handed to a worker thread first, for every
 * response.
 */
final class UnfinishedBodies implements ResteasyReactiveClientResponseFilter {

    @Override
    public void filter(ResteasyReactiveClientRequestContext requestContext, ClientResponseContext responseContext) {
        InputStream body = responseContext.getEntityStream();
        if (body != null) {
            HttpClientRequest request = requestContext.unwrap(HttpClientRequest.class);
            responseContext.setEntityStream(new ClosesConnectionUnlessEnded(body, request));
        }
    }

    private static final class ClosesConnectionUnlessEnded extends FilterInputStream {
        private final HttpClientRequest request;
        private boolean ended;

        ClosesConnectionUnlessEnded(InputStream body, HttpClientRequest request) {
            super(body);
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b == -1;
            return b;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            int n = super.read(into, offset, length);
            ended |= n == -1;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                request.connection().close();
            }
            super.close();
        }
    }
}
