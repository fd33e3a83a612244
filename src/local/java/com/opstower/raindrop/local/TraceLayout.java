package com.opstower.raindrop.local;

import com.opstower.raindrop.local.Script.ToolUse;
import com.opstower.raindrop.local.Script.Turn;
import com.opstower.raindrop.local.TraceBuilder.Draft;
import java.util.ArrayList;
import java.util.List;

/** How the spans of one turn hang under the turn's root span. */
@FunctionalInterface
interface TraceLayout {

    void fill(TraceBuilder trace, Draft root, Turn turn, LlmModel model);

    /**
     * An ordinary turn: when tools are needed, a generation that picks them and the tool calls; then the
     * generation that writes the answer, streamed except on the small model.
     */
    TraceLayout STANDARD = (trace, root, turn, model) -> {
        List<String> toolResults = new ArrayList<>();
        if (!turn.tools().isEmpty()) {
            trace.generation(root, model, false, Payloads.messages(turn.userInput(), List.of()), toolPlan(turn.tools()));
            for (ToolUse tool : turn.tools()) {
                trace.toolCall(root, tool.name(), tool.input(), tool.output(), tool.fails());
                toolResults.add(tool.output());
            }
        }
        trace.generation(root, model, model != LlmModel.GPT_5_MINI, Payloads.messages(turn.userInput(), toolResults),
                turn.assistantOutput());
    };

    /** The tool calls a generation asks for, as the AI SDK records them: name and JSON arguments. */
    static String toolPlan(List<ToolUse> tools) {
        StringBuilder plan = new StringBuilder("[");
        for (ToolUse tool : tools) {
            plan.append(plan.length() > 1 ? "," : "").append("{\"toolName\":\"").append(tool.name()).append("\",\"args\":")
                    .append(tool.input()).append('}');
        }
        return plan.append(']').toString();
    }
}
