package com.opstower.raindrop.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.ToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Over HTTP, a body that is not a JSON object never reaches a tool: the Funqy binding refuses it with a bare 400.
 * This answers it in the tool envelope instead, so that the caller reads what went wrong and what to send.
 */
@ApplicationScoped
public class MalformedRequests {

    private static final Logger LOG = Logger.getLogger(MalformedRequests.class);

    private final byte[] answer;

    MalformedRequests(ObjectMapper json) throws JsonProcessingException {
        this.answer = json.writeValueAsBytes(ToolResult.failed(ToolFailure.invalidArgument(
                "The request body is not a JSON object.",
                "Send the tool's arguments as one JSON object, such as {\"limit\": 20}, or {} for none.")));
    }

    void install(@Observes Router router) {
        router.route().failureHandler(ctx -> {
            if (ctx.statusCode() != 400 || ctx.response().headWritten()) {
                ctx.next();
                return;
            }
            String path = ctx.normalizedPath();
            LOG.infof("tool=%s outcome=INVALID_ARGUMENT reason=body-not-a-json-object",
                    path.matches("/[a-z_]{1,64}") ? path.substring(1) : "unknown");
            ctx.response().setStatusCode(200)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Buffer.buffer(answer));
        });
    }
}
