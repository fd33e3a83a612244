package com.opstower.raindrop.local;

import com.opstower.raindrop.local.SampleModel.Attachment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The written part of the sample workspace: what users ask, what the assistant answers and which tools it uses. */
final class Script {

    private Script() {
    }

    /** One kind of conversation, e.g. a double charge; {@code locale} also decides whether English follow-ups fit. */
    record Scenario(String eventName, String locale, List<String> topics, List<Turn> turns) {

        boolean english() {
            return locale.startsWith("en");
        }
    }

    /**
     * One exchange. Text may hold {@link Facts} placeholders such as {@code {order}}, resolved per conversation.
     * Attachments come without ids; the generator gives them one.
     */
    record Turn(String userInput, String assistantOutput, List<ToolUse> tools, List<SampleSignal> signals,
            List<Attachment> inputAttachments, List<Attachment> outputAttachments) {

        static Turn of(String userInput, String assistantOutput) {
            return new Turn(userInput, assistantOutput, List.of(), List.of(), List.of(), List.of());
        }

        Turn tools(ToolUse... uses) {
            return new Turn(userInput, assistantOutput, List.of(uses), signals, inputAttachments, outputAttachments);
        }

        Turn signals(SampleSignal... flagged) {
            return new Turn(userInput, assistantOutput, tools, List.of(flagged), inputAttachments, outputAttachments);
        }

        Turn input(Attachment attachment) {
            return new Turn(userInput, assistantOutput, tools, signals, append(inputAttachments, attachment), outputAttachments);
        }

        Turn output(Attachment attachment) {
            return new Turn(userInput, assistantOutput, tools, signals, inputAttachments, append(outputAttachments, attachment));
        }

        Turn filled(Facts facts) {
            UnaryOperator<Attachment> fill = a -> new Attachment(a.attachmentId(), a.attachmentType(), a.name(), facts.fill(a.value()));
            return new Turn(facts.fill(userInput), facts.fill(assistantOutput),
                    tools.stream().map(t -> new ToolUse(t.name(), facts.fill(t.input()), facts.fill(t.output()), t.fails())).toList(),
                    signals, inputAttachments.stream().map(fill).toList(), outputAttachments.stream().map(fill).toList());
        }

        private static List<Attachment> append(List<Attachment> list, Attachment attachment) {
            List<Attachment> copy = new ArrayList<>(list);
            copy.add(attachment);
            return List.copyOf(copy);
        }
    }

    /** One tool the assistant calls: JSON arguments in, the tool's answer out. */
    record ToolUse(String name, String input, String output, boolean fails) {

        static ToolUse ok(String name, String input, String output) {
            return new ToolUse(name, input, output, false);
        }

        static ToolUse failing(String name, String input, String error) {
            return new ToolUse(name, input, error, true);
        }
    }

    static Attachment image(String name, String url) {
        return new Attachment(null, "image", name, url);
    }

    static Attachment text(String name, String value) {
        return new Attachment(null, "text", name, value);
    }

    static Attachment iframe(String name, String url) {
        return new Attachment(null, "iframe", name, url);
    }

    /** The per-conversation details the placeholders stand for, so that two double-charge chats differ. */
    record Facts(String order, String amount, String tracking, String refund, String ticket) {

        String fill(String template) {
            if (template == null) {
                return null;
            }
            return template.replace("{order}", order).replace("{amount}", amount).replace("{tracking}", tracking)
                    .replace("{refund}", refund).replace("{ticket}", ticket);
        }
    }
}
