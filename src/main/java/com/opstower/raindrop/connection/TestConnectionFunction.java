package com.opstower.raindrop.connection;

import com.opstower.raindrop.queryapi.Credentials;
import com.opstower.raindrop.queryapi.Queries.ConversationQuery;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.queryapi.Wire.Conversation;
import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code test_connection}: the "Test Credentials" button; one cheap authenticated read. */
public class TestConnectionFunction implements Tool {

    static final String NAME = "test_connection";

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "Check that this connection's Raindrop API key and project work, with one cheap read; returns the project "
                    + "and its latest activity. Use it first on a new connection, or when another tool reports AUTH_FAILED "
                    + "or FORBIDDEN.",
            List.of());

    @Inject
    ToolRunner runner;

    @Inject
    RaindropClient raindrop;

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.run(SPEC, request, (args, connection) -> check(raindrop, connection));
    }

    /** The probe itself, shared with the scheduled smoke test. */
    public static ToolResult check(RaindropClient raindrop, Credentials connection) {
        long started = System.nanoTime();
        Page<Conversation> page = raindrop.listConversations(connection,
                new ConversationQuery(null, null, null, null, 1, null));
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        String latest = page.items().isEmpty() ? null : page.items().get(0).lastMessageAt();
        String text = "Connected to Raindrop: the API key works for " + projectLabel(connection) + " ("
                + latencyMs + " ms). "
                + (latest == null ? "The project has no conversations yet."
                        : "Latest conversation activity: " + Markdown.utc(latest) + ".");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ok", true);
        data.put("project_id", connection.projectId());
        data.put("latency_ms", latencyMs);
        data.put("latest_activity", latest);
        return ToolResult.ok(text, data);
    }

    /** The project as the agent should read it. */
    private static String projectLabel(Credentials connection) {
        return connection.projectId() == null ? "the default (Production) project" : "project `" + connection.projectId() + "`";
    }
}
