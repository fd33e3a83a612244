package com.opstower.raindrop.conversation;

import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.tool.AnswerBound;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** {@code get_conversation}: one conversation's time span, end user, size and signals. */
public class GetConversationFunction implements Tool {

    static final String NAME = "get_conversation";

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "Show one conversation: time span, end user, message count and its signals with counts. Next: list_events with "
                    + "its convo_id to read the turns in order.",
            List.of(Param.id("convo_id", "The conversation id, as list_conversations shows it.")));

    @Inject
    ToolRunner runner;

    @Inject
    RaindropClient raindrop;

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.run(SPEC, request, (args, connection) ->
                ConversationRenderer.single(raindrop.getConversation(connection, args.id("convo_id")),
                        AnswerBound.TOOL_TEXT_CHARS));
    }
}
