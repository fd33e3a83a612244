package com.opstower.raindrop.user;

import static com.opstower.raindrop.tool.Markdown.code;

import com.opstower.raindrop.queryapi.Wire.User;
import com.opstower.raindrop.tool.Markdown;
import com.opstower.raindrop.tool.Markdown.Preview;
import com.opstower.raindrop.tool.ToolResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the agent reads about one end user. Pure: a record in, markdown and structured data out. */
public final class UserRenderer {

    private UserRenderer() {
    }

    /** The user, with the traits' JSON cut to {@code traitsLimit} characters and the cut announced. */
    public static ToolResult single(User user, int traitsLimit) {
        StringBuilder text = new StringBuilder(512 + Math.min(traitsLimit, 8192));
        text.append("## User ").append(code(user.id())).append("\n\n")
                .append("- first seen: ").append(Markdown.utc(user.firstSeen())).append('\n')
                .append("- last seen: ").append(Markdown.utc(user.lastSeen())).append('\n')
                .append("- events: ").append(user.eventCount() == null ? "unknown" : user.eventCount()).append('\n')
                .append("\n### Traits\n\n");
        boolean cut = false;
        if (user.traits() == null || user.traits().isNull() || user.traits().isEmpty()) {
            text.append("_none_\n");
        } else {
            Preview traits = Markdown.bounded(user.traits().toPrettyString(), traitsLimit);
            cut = traits.clipped();
            text.append(Markdown.fence("json", traits.text())).append('\n');
            if (cut) {
                text.append("\n_Cut: ").append(traits.dropped()).append(" more characters not shown (").append(traitsLimit)
                        .append(" shown)._\n");
            }
        }
        text.append("\nNext: list_conversations with `user_id: \"").append(user.id())
                .append("\"` for this user's conversations; count_events or list_events with the same `user_id` to count "
                        + "or read their turns.");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", user.id());
        data.put("first_seen", user.firstSeen());
        data.put("last_seen", user.lastSeen());
        data.put("event_count", user.eventCount());
        data.put("traits_cut", cut);
        return ToolResult.ok(text.toString(), data);
    }
}
