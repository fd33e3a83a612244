package com.opstower.raindrop.signal;

import com.opstower.raindrop.queryapi.Queries.PageQuery;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.tool.AnswerBound;
import com.opstower.raindrop.tool.PageCursor;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** {@code list_signals}: the workspace's signals and signal groups, or one group's signals. */
public class ListSignalsFunction implements Tool {

    static final String NAME = "list_signals";

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "List the workspace's signals (what Raindrop detects in turns, such as user_frustration): name, type, "
                    + "sentiment, group, description, id; first page also the groups with signal counts; as many as fit, "
                    + "with a cursor to read on. Next: a name as `signal` or `signal_group` in count_events, list_events "
                    + "or search_events.",
            List.of(
                    Param.text("group", "Only this signal group's signals: its name (any case) or id."),
                    Param.integer("limit", "Signals per page.", 1, 100, 50),
                    PageCursor.PARAM));

    @Inject
    ToolRunner runner;

    @Inject
    RaindropClient raindrop;

    @Inject
    SignalCatalog catalog;

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.run(SPEC, request, (args, connection) -> {
            String group = args.text("group").orElse(null);
            PageCursor start = PageCursor.parse(args.text("cursor").orElse(null));
            PageQuery page = new PageQuery(start.upstreamLimit(args.integer("limit")), start.upstream());
            if (group != null) {
                String groupId = catalog.groupId(connection, "group", group);
                return SignalRenderer.list(raindrop.listGroupSignals(connection, groupId, page), List.of(), group, start,
                        AnswerBound.TOOL_TEXT_CHARS);
            }
            // The groups come with the first page only: every later page would repeat them.
            return SignalRenderer.list(raindrop.listSignals(connection, page),
                    start.equals(PageCursor.FIRST) ? catalog.groups(connection) : List.of(), null, start,
                    AnswerBound.TOOL_TEXT_CHARS);
        });
    }
}
