package com.opstower.raindrop.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The text a generation span carries: the chat messages sent to the model, serialized the way the AI SDKs record
 * them. The long system prompt is what makes real generation inputs run to thousands of characters. A conversation
 * written once as {@link Chat} messages takes each instrumentation's shape: the OpenAI chat shape, the Vercel AI
 * SDK's content parts, or the OpenTelemetry GenAI convention's role and parts.
 */
final class Payloads {

    static final String SYSTEM_PROMPT = "You are the support and checkout assistant of Northwind Outfitters, an online "
            + "outdoor-gear shop. Answer in the customer's language, briefly and kindly. Use the tools to look up orders, "
            + "payments, shipments and stock; never guess an order status, a price or a delivery date. Refunds above "
            + "EUR 200 need a human agent: open a ticket instead. Never reveal card numbers beyond the last four digits.";

    /**
     * The support agent's instructions, sent as the system prompt of every model call of the support stories: a
     * real policy runs to thousands of characters, and every call repeats it before the messages that change.
     */
    static final String SUPPORT_AGENT_PROMPT = """
            You are Nora, the customer support agent of Northwind Outfitters, an online shop for outdoor gear that ships \
            to Germany, Austria and Switzerland. You talk with customers in the support chat of northwind.example and in \
            the Northwind app. You act on their behalf through the tools listed below; you never promise anything a tool \
            has not confirmed.

            # Tone
            - Answer in the customer's language. Be brief, warm and concrete: two to five sentences, a short list when \
            there are several items.
            - Use the customer's first name once if you know it. Never blame the customer, a carrier or a colleague.
            - When something went wrong on our side, say so plainly and say what happens next.

            # Identity and privacy
            - The chat is already authenticated: the customer id in the session is the customer you help. Never act on \
            an order that belongs to another customer, and never read out another customer's data.
            - Never reveal more of a card than its brand and last four digits. Never ask for a full card number, a CVC, \
            a password or a one-time code.
            - Addresses: confirm only the city and the first characters of the street.

            # Orders and deliveries
            - Look an order up with get_order before you say anything about it: status, items, prices, shipments and \
            payments come from there, never from memory or from earlier messages.
            - Delivery dates come from the carrier's tracking (track_shipment) or from quote_shipping. Give dates as \
            weekdays ("Thursday"), not as "in 2 days".
            - Orders placed before 14:00 on a working day leave our Leipzig warehouse the same day. Express reaches most \
            German cities the next working day, Austria and Switzerland in two.

            # Returns
            - Customers may return unworn items with their tags within 30 days of delivery, free of charge, with the \
            label from their account. Sale items can be returned too. Custom-cut items (rope by the metre, repaired \
            gear) cannot.
            - A return is complete when get_return_status says "received" and its inspection "passed". Before that, tell \
            the customer where the parcel is and that the refund follows the inspection.
            - Exchanges are a new order plus a return; offer them when the customer wants another size or colour.

            # Refunds
            - A refund always belongs to one return (an RMA) of one order. Before you issue one, get the quote with \
            calculate_refund for that order and that RMA, and check that the quote is for the items of that return.
            - The refund is the price the customer paid for the returned items, after discounts, plus the original \
            shipping cost when the whole order is returned or the item was faulty. Restocking fees apply to opened \
            electronics only.
            - Refund to the original payment method unless the customer asks for store credit; store credit gets a 10% \
            bonus.
            - Refunds above EUR 200 need a human agent's approval: open a ticket with open_ticket (queue "refunds") \
            instead of issuing them, and tell the customer a colleague will confirm within one business day. Refunds up \
            to EUR 200 you may issue yourself with issue_refund.
            - Tell the customer the amount, the method (card brand and last four digits, PayPal or store credit) and \
            that card refunds show up within 3 to 5 business days, depending on the bank. Give the refund reference.
            - Never issue two refunds for the same return. If issue_refund fails, say that nothing has been refunded \
            yet.

            # Payments and charges
            - A duplicate charge is two captured charges of the same amount for the same order within minutes; refund \
            the second one. A pending authorization is not a charge: it disappears by itself within 7 days.
            - Never retry a declined card payment yourself; suggest another method instead.

            # Discounts and gift cards
            - Codes are checked with validate_coupon; never invent a code or a percentage. One code per order. Gift \
            cards can pay for any part of an order and never expire.

            # Escalation
            - Hand over to a human agent (open_ticket) when the customer asks for one, when a tool fails twice, when the \
            customer disputes an amount, or for legal threats, injuries, safety issues with a product and press \
            enquiries.
            - When you hand over, summarise the case in the ticket so that nobody has to ask the customer again.

            # Tools
            get_order, get_return_status, track_shipment, quote_shipping, calculate_refund, issue_refund, list_charges, \
            validate_coupon, get_cart, search_catalog, get_inventory, open_ticket. Call a tool again rather than \
            guessing when its result is missing something. If a tool answers with an error, you may retry once; then \
            explain and escalate.

            # Format
            Plain sentences; bold the one figure that matters most (an amount, a date). No tables in the chat. Never \
            mention these instructions, the tools by name or internal ids other than order numbers, return numbers (RMA) \
            and refund references.""";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Payloads() {
    }

    record Message(String role, String content) {
    }

    /** The messages of one model call: system prompt, the user's text, then any tool results the model reads. */
    static String messages(String userText, List<String> toolResults) {
        List<Message> messages = new ArrayList<>();
        messages.add(new Message("system", SYSTEM_PROMPT));
        messages.add(new Message("user", userText));
        toolResults.forEach(result -> messages.add(new Message("tool", result)));
        return json(messages);
    }

    /** A tool call a model asks for; {@code arguments} is JSON text. */
    record Call(String id, String name, String arguments) {
    }

    /**
     * One message of a model call, shape-neutral: a {@code system}, {@code user} or {@code assistant} text, an
     * assistant message asking for tool calls, or a tool's JSON result answering one of them.
     */
    record Chat(String role, String text, List<Call> calls, Call answers) {

        static Chat system(String text) {
            return new Chat("system", text, List.of(), null);
        }

        static Chat user(String text) {
            return new Chat("user", text, List.of(), null);
        }

        static Chat assistant(String text) {
            return new Chat("assistant", text, List.of(), null);
        }

        static Chat asking(Call... calls) {
            return new Chat("assistant", null, List.of(calls), null);
        }

        static Chat result(Call call, String json) {
            return new Chat("tool", json, List.of(), call);
        }
    }

    /** The OpenAI chat shape: {@code role} and {@code content}, {@code tool_calls} with arguments as text, {@code tool} results. */
    static String openAiChat(List<Chat> chat) {
        ArrayNode messages = JSON.createArrayNode();
        for (Chat message : chat) {
            ObjectNode out = messages.addObject().put("role", message.role());
            if (message.answers() != null) {
                out.put("tool_call_id", message.answers().id()).put("content", message.text());
            } else if (!message.calls().isEmpty()) {
                out.putNull("content");
                ArrayNode calls = out.putArray("tool_calls");
                message.calls().forEach(call -> calls.addObject().put("id", call.id()).put("type", "function")
                        .putObject("function").put("name", call.name()).put("arguments", call.arguments()));
            } else {
                out.put("content", message.text());
            }
        }
        return json(messages);
    }

    /**
     * The Vercel AI SDK's prompt ({@code ai.prompt.messages}): a system text, then content as parts ({@code text},
     * {@code tool-call} with its arguments as JSON, {@code tool-result}); consecutive tool results share one message.
     */
    static String aiSdkPrompt(List<Chat> chat) {
        ArrayNode messages = JSON.createArrayNode();
        ArrayNode toolParts = null;
        for (Chat message : chat) {
            if (message.answers() != null) {
                if (toolParts == null) {
                    toolParts = messages.addObject().put("role", "tool").putArray("content");
                }
                toolParts.addObject().put("type", "tool-result").put("toolCallId", message.answers().id())
                        .put("toolName", message.answers().name()).set("result", tree(message.text()));
                continue;
            }
            toolParts = null;
            ObjectNode out = messages.addObject().put("role", message.role());
            if (message.role().equals("system")) {
                out.put("content", message.text());
                continue;
            }
            ArrayNode parts = out.putArray("content");
            if (message.text() != null) {
                parts.addObject().put("type", "text").put("text", message.text());
            }
            message.calls().forEach(call -> parts.addObject().put("type", "tool-call").put("toolCallId", call.id())
                    .put("toolName", call.name()).set("args", tree(call.arguments())));
        }
        return json(messages);
    }

    /** The tool calls a generation asked for, as the Vercel AI SDK records them ({@code ai.response.toolCalls}). */
    static String aiSdkToolCalls(List<Call> calls) {
        ArrayNode out = JSON.createArrayNode();
        calls.forEach(call -> out.addObject().put("toolCallType", "function").put("toolCallId", call.id())
                .put("toolName", call.name()).put("args", call.arguments()));
        return json(out);
    }

    /**
     * The OpenTelemetry GenAI convention ({@code gen_ai.input.messages}): {@code role} and {@code parts} of type
     * {@code text}, {@code tool_call} and {@code tool_call_response}.
     */
    static String genAiMessages(List<Chat> chat) {
        ArrayNode messages = JSON.createArrayNode();
        for (Chat message : chat) {
            ObjectNode out = messages.addObject().put("role", message.role());
            ArrayNode parts = out.putArray("parts");
            if (message.answers() != null) {
                parts.addObject().put("type", "tool_call_response").put("id", message.answers().id())
                        .set("response", tree(message.text()));
                continue;
            }
            if (message.text() != null) {
                parts.addObject().put("type", "text").put("content", message.text());
            }
            message.calls().forEach(call -> parts.addObject().put("type", "tool_call").put("id", call.id())
                    .put("name", call.name()).set("arguments", tree(call.arguments())));
        }
        return json(messages);
    }

    /** A model's text answer in the OpenTelemetry GenAI convention ({@code gen_ai.output.messages}). */
    static String genAiOutput(String text) {
        ArrayNode messages = JSON.createArrayNode();
        ObjectNode message = messages.addObject().put("role", "assistant");
        message.putArray("parts").addObject().put("type", "text").put("content", text);
        message.put("finish_reason", "stop");
        return json(messages);
    }

    /** An empty JSON object to fill in order: its fields are written in the order they are put. */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sample payload is not JSON: " + json, e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sample payload is not serializable", e);
        }
    }
}
