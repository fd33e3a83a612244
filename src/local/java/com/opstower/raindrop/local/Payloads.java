package com.opstower.raindrop.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;

/**
 * The text a generation span carries: the chat messages sent to the model, serialized the way the AI SDKs record
 * them. The long system prompt is what makes real generation inputs run to thousands of characters.
 */
final class Payloads {

    static final String SYSTEM_PROMPT = "You are the support and checkout assistant of Northwind Outfitters, an online "
            + "outdoor-gear shop. Answer in the customer's language, briefly and kindly. Use the tools to look up orders, "
            + "payments, shipments and stock; never guess an order status, a price or a delivery date. Refunds above "
            + "EUR 200 need a human agent: open a ticket instead. Never reveal card numbers beyond the last four digits.";

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

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sample payload is not serializable", e);
        }
    }
}
