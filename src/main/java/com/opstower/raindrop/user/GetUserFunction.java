package com.opstower.raindrop.user;

import com.opstower.raindrop.queryapi.QueryApiFailure;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.QueryApiFailures;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** {@code get_user}: one end user of the AI feature, as Raindrop knows them. */
public class GetUserFunction implements Tool {

    static final String NAME = "get_user";
    /** Characters of the traits' JSON shown; traits are the app's own data and can be large. */
    static final int TRAITS_LIMIT = 4000;

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "Show one end user: traits (as JSON), first and last seen, event count. "
                    + "Next: list_conversations with the same user_id.",
            List.of(Param.id("user_id", "The end user's id, as conversations and events show it.")));

    @Inject
    ToolRunner runner;

    @Inject
    RaindropClient raindrop;

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.run(SPEC, request, (args, connection) -> {
            try {
                return UserRenderer.single(raindrop.getUser(connection, args.id("user_id")), TRAITS_LIMIT);
            } catch (QueryApiFailure failure) {
                ToolFailure worded = QueryApiFailures.toToolFailure(failure);
                if (failure.kind() != QueryApiFailure.Kind.NOT_FOUND) {
                    throw worded;
                }
                throw new ToolFailure(ErrorCode.NOT_FOUND, worded.getMessage(),
                        "Check the user id: copy it from list_conversations, list_events or get_event. Turns without a "
                                + "user (anonymous) have none; the user may also belong to another project than this "
                                + "connection's.");
            }
        });
    }
}
