package com.opstower.raindrop.conversation;

import com.opstower.raindrop.queryapi.Queries.ConversationQuery;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.tool.AnswerBound;
import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.PageCursor;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code list_conversations}: the workspace's conversations, filtered and paged. */
public class ListConversationsFunction implements Tool {

    static final String NAME = "list_conversations";

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "List the workspace's LLM conversations, newest activity first: id, end user, time span, message count and "
                    + "signals; as many as fit, with a cursor to read on. Start an investigation here; next, "
                    + "get_conversation or list_events with a convo_id.",
            List.of(
                    Param.text("user_id", "Only conversations of this end user."),
                    Param.timestamp("started_after", "Only conversations started at or after this time."),
                    Param.timestamp("started_before", "Only conversations started before this time."),
                    Param.choice("sort", "Order of the results.",
                            List.of("-last_message_at", "last_message_at", "-started_at", "started_at"), "-last_message_at"),
                    Param.integer("limit", "Conversations per page.", 1, 100, 20),
                    PageCursor.PARAM));

    @Inject
    ToolRunner runner;

    @Inject
    RaindropClient raindrop;

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.run(SPEC, request, (args, connection) -> {
            PageCursor start = PageCursor.parse(args.text("cursor").orElse(null));
            ConversationQuery query = query(args, start);
            return ConversationRenderer.list(raindrop.listConversations(connection, query), query, start,
                    AnswerBound.TOOL_TEXT_CHARS);
        });
    }

    static ConversationQuery query(Args args, PageCursor start) {
        Instant after = args.instant("started_after").orElse(null);
        Instant before = args.instant("started_before").orElse(null);
        if (after != null && before != null && !after.isBefore(before)) {
            throw ToolFailure.invalidArgument("`started_after` must be earlier than `started_before`.",
                    "Swap the two times, or leave one of them out.");
        }
        return new ConversationQuery(args.text("user_id").orElse(null), after, before, args.choice("sort"),
                start.upstreamLimit(args.integer("limit")), start.upstream());
    }
}
