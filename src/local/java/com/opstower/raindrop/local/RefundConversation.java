package com.opstower.raindrop.local;

import static com.opstower.raindrop.local.TraceBuilder.INTERNAL;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.opstower.raindrop.local.AgentRun.Pace;
import com.opstower.raindrop.local.Payloads.Call;
import com.opstower.raindrop.local.Payloads.Chat;
import com.opstower.raindrop.local.Script.Facts;
import com.opstower.raindrop.local.Script.Turn;
import com.opstower.raindrop.local.TraceBuilder.Draft;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer's refund going wrong, in three turns: her return has arrived; she asks for the refund and the support
 * agent confirms one of <b>€22.90</b>; she complains that the jacket cost €229.00. The second turn is a noisy
 * support-agent run: a dozen spans that matter (a triage call, the agent's four rounds on the Vercel AI SDK, four
 * tool calls, a guardrail call) among several hundred spans of instrumentation, a long system prompt on every model
 * call, chat payloads in three shapes, an order payload past 4,000 characters and an HTTP 503 that a retry recovered.
 *
 * <p>The cause sits in a tool result, not in an error: {@code calculate_refund}, asked for order {@value #ORDER} and
 * return {@value #RMA}, answered with the quote of the customer's earlier return, {@value #EARLIER_RMA} of order
 * {@value #EARLIER_ORDER} (a pair of socks, €22.90, quoted twelve days ago). The refund service caches quotes by
 * customer instead of by return ({@code cache.get refund_quote:cust_5532}, a hit), the model passed the amount on
 * to {@code issue_refund}, and €22.90 stayed below the €200 limit that would have sent a €229.00 refund to a human.
 */
final class RefundConversation {

    static final String ORDER = "NW-48213";
    static final String RMA = "RMA-7731";
    static final String EARLIER_ORDER = "NW-41877";
    static final String EARLIER_RMA = "RMA-6620";
    static final String CUSTOMER = "cust_5532";
    static final String STALE_QUOTE_ID = "rq_5532_0e71";
    static final String REFUND_ID = "re_7f3a9c21d4";
    /** The order and amount the conversation is about, as the event's properties show them. */
    static final Facts FACTS = new Facts(ORDER, "€229.00", "00340434518823390117", REFUND_ID, "SUP-7731");

    static final Call EARLIER_RETURN_STATUS = new Call("call_Vb7NcJ2kQe5LmX8sHa4T", "get_return_status",
            "{\"order_id\":\"" + ORDER + "\"}");
    static final Call GET_ORDER = new Call("call_Qm4ZpX7sLw2NcV9eRt1B", "get_order", "{\"order_id\":\"" + ORDER + "\"}");
    static final Call GET_RETURN_STATUS = new Call("call_Hn8YdK3fJq6TzA0uWg5M", "get_return_status",
            "{\"order_id\":\"" + ORDER + "\"}");
    static final Call CALCULATE_REFUND = new Call("call_Lp2VxC9bNr4KsE7yDh3Q", "calculate_refund",
            "{\"order_id\":\"" + ORDER + "\",\"rma_id\":\"" + RMA + "\",\"refund_method\":\"original_payment\"}");
    static final Call ISSUE_REFUND = new Call("call_Zt6GmW1aPj8XcF5oUk2R", "issue_refund", "{\"order_id\":\"" + ORDER
            + "\",\"rma_id\":\"" + RMA + "\",\"quote_id\":\"" + STALE_QUOTE_ID
            + "\",\"amount\":\"22.90\",\"currency\":\"EUR\",\"payment_method\":\"pm_visa_1881\"}");

    static final Turn RETURN_ARRIVED = Turn.of("Hi! I sent the Alpine Shell jacket from order " + ORDER
            + " back last week. Has it arrived?", """
            Yes, it has: your return **RMA-7731** (Alpine Shell jacket, size M) reached our Leipzig warehouse two days \
            ago and passed inspection. Would you like the refund on your card, or as store credit with a 10% bonus?""");

    static final Turn REFUND = Turn.of("On my card please, the Visa I paid with.", """
            Done, Lena! I've refunded **€22.90** for your returned Alpine Shell jacket (return RMA-7731) to your Visa \
            ending 1881. It was approved right away and should show up within 3–5 business days, depending on your \
            bank. Refund reference: re_7f3a9c21d4.""").signals(SampleSignal.REFUND_REQUEST);

    static final Turn COMPLAINT = Turn.of("€22.90?? The jacket cost €229.00! Where is the rest of my refund? "
            + "This is ridiculous.", """
            I'm really sorry, you're right to question it: €22.90 doesn't match the €229.00 you paid for the jacket. \
            I can't change a refund that has already been issued, but a colleague from our billing team can. Reply \
            **agent** and I'll connect you now; you won't need to explain it again.""")
            .signals(SampleSignal.USER_FRUSTRATION, SampleSignal.REFUND_REQUEST);

    private static final List<String> TOOLS = List.of("get_order", "get_return_status", "track_shipment",
            "quote_shipping", "calculate_refund", "issue_refund", "list_charges", "validate_coupon", "get_cart",
            "search_catalog", "get_inventory", "open_ticket");
    private static final String GUARDRAIL_REQUEST = "Check the assistant's last message against the refund policy "
            + "above before it is sent. Answer with JSON only: {\"verdict\": \"pass\" or \"fail\", \"reasons\": [...]}.";
    private static final String GUARDRAIL_VERDICT = "{\"verdict\":\"pass\",\"reasons\":[\"the refund of EUR 22.90 is "
            + "within the EUR 200 self-service limit\",\"the amount matches the calculate_refund quote " + STALE_QUOTE_ID
            + "\",\"the card is shown by brand and last four digits only\",\"the refund reference is given\"]}";
    private static final String ROUTER_INSTRUCTION = "Before the agent runs: classify the customer's last message. "
            + "Answer with JSON only: intent, order_id, rma_id, route (support-agent or human) and confidence.";
    private static final String ROUTING = "{\"intent\":\"refund_request\",\"order_id\":\"" + ORDER + "\",\"rma_id\":\""
            + RMA + "\",\"route\":\"support-agent\",\"confidence\":0.94}";

    /** Where the parcel was scanned on its way out: {place, what}. */
    private static final String[][] TRACKING = {
        {"Leipzig", "The shipment has been processed in the parcel center of origin"},
        {"Leipzig", "The shipment has been loaded onto the delivery vehicle to the destination region"},
        {"Hamburg", "The shipment has arrived in the parcel center of the destination region"},
        {"Hamburg", "The shipment has been sorted for delivery"},
        {"Hamburg", "The shipment has been loaded onto the delivery vehicle"},
        {"Hamburg", "The recipient was not at home: a notification card has been left"},
        {"Hamburg", "The shipment has been loaded onto the delivery vehicle for a second attempt"},
        {"Hamburg", "The shipment has been delivered to the recipient in person"}};

    /** Where the returned parcel was scanned on its way back. */
    private static final String[][] RETURN_TRACKING = {
        {"Hamburg", "The shipment has been posted by the sender at the retail outlet"},
        {"Hamburg", "The shipment has been processed in the parcel center of origin"},
        {"Leipzig", "The shipment has arrived in the parcel center of the destination region"},
        {"Leipzig", "The shipment has been delivered to the returns warehouse"}};

    /** What happened to the order, oldest first: {event, actor, hours after it was placed}. */
    private static final String[][] TIMELINE = {
        {"order_placed", "customer", "0"}, {"payment_authorized", "payments-api", "0"},
        {"payment_captured", "payments-api", "1"}, {"picked", "warehouse:leipzig", "3"},
        {"packed", "warehouse:leipzig", "4"}, {"shipped", "warehouse:leipzig", "6"},
        {"delivery_attempted", "dhl", "26"}, {"delivered", "dhl", "50"},
        {"return_requested", "customer", "200"}, {"return_label_created", "returns-api", "200"},
        {"return_in_transit", "dhl", "230"}, {"return_received", "warehouse:leipzig", "330"},
        {"return_inspected", "warehouse:leipzig", "334"}};

    /** The moment the sample workspace describes: dates inside tool results are counted back from it. */
    private final Instant now;

    RefundConversation(Instant now) {
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The first turn: one tool round, no noise. */
    void returnArrived(TraceBuilder trace, Draft root, Turn turn, LlmModel model) {
        AgentRun run = new AgentRun(trace, model, Pace.BRISK, List.of(), turn.userInput());
        run.ask(root, EARLIER_RETURN_STATUS);
        run.tool(root, EARLIER_RETURN_STATUS, returnStatus(), trace.random().between(60, 140));
        run.answer(root, turn.assistantOutput(), true);
    }

    /** The complaint: the agent reads the whole conversation, the €22.90 refund included, and hands over. */
    void complaint(TraceBuilder trace, Draft root, Turn turn, LlmModel model) {
        List<Chat> history = new ArrayList<>(firstTurnMessages());
        history.addAll(List.of(Chat.user(REFUND.userInput()), Chat.asking(GET_ORDER, GET_RETURN_STATUS),
                Chat.result(GET_ORDER, order()), Chat.result(GET_RETURN_STATUS, returnStatus()),
                Chat.asking(CALCULATE_REFUND), Chat.result(CALCULATE_REFUND, staleQuote()),
                Chat.asking(ISSUE_REFUND), Chat.result(ISSUE_REFUND, refundIssued()), Chat.assistant(REFUND.assistantOutput())));
        new AgentRun(trace, model, Pace.BRISK, history, turn.userInput()).answer(root, turn.assistantOutput(), true);
    }

    /** The noisy turn: request set-up, triage, the agent's four rounds, the guardrail, the write-back. */
    void refund(TraceBuilder trace, Draft root, Turn turn, LlmModel model) {
        Instrumentation noise = new Instrumentation(trace);
        requestSetUp(noise, trace, root);
        triage(trace, root, turn);
        noise.query(root, "routing_decisions", "INSERT INTO routing_decisions (conversation_id, intent, route) VALUES ($1, $2, $3)", 1);
        noise.flag(root, "support-agent-max-steps", "6");

        Draft agent = trace.open(root, "invoke_agent support-agent", INTERNAL)
                .attribute("gen_ai.operation.name", "invoke_agent").attribute("gen_ai.agent.name", "support-agent")
                .attribute("gen_ai.agent.id", "support-agent@v14").attribute("gen_ai.conversation.id", SampleWorkspace.REFUND_CONVERSATION_ID);
        AgentRun run = new AgentRun(trace, model, Pace.BRISK, firstTurnMessages(), turn.userInput());

        roundSetUp(noise, agent, 1);
        run.ask(agent, GET_ORDER, GET_RETURN_STATUS);
        trace.parallel(List.of(() -> getOrder(run, noise, trace, agent), () -> getReturnStatus(run, noise, trace, agent)));
        stepSaved(noise, agent, 1);

        roundSetUp(noise, agent, 2);
        run.ask(agent, CALCULATE_REFUND);
        Draft quote = run.openTool(agent, CALCULATE_REFUND, staleQuote());
        noise.flag(quote, "refund-quote-cache", "on");
        noise.cacheGet(quote, "refund_quote:" + CUSTOMER, true);
        trace.close(quote);
        stepSaved(noise, agent, 2);

        roundSetUp(noise, agent, 3);
        run.ask(agent, ISSUE_REFUND);
        issueRefund(run, noise, trace, agent);
        stepSaved(noise, agent, 3);

        roundSetUp(noise, agent, 4);
        run.answer(agent, turn.assistantOutput(), false);
        stepSaved(noise, agent, 4);
        trace.close(agent);

        guardrail(noise, trace, root, run.messages());
        writeBack(noise, root);
    }

    /** The first turn as the later turns' prompts hold it. */
    private List<Chat> firstTurnMessages() {
        return List.of(Chat.user(RETURN_ARRIVED.userInput()), Chat.asking(EARLIER_RETURN_STATUS),
                Chat.result(EARLIER_RETURN_STATUS, returnStatus()), Chat.assistant(RETURN_ARRIVED.assistantOutput()));
    }

    /** Session, flags, rate limit, the customer's recent orders one query each, the conversation so far. */
    private void requestSetUp(Instrumentation noise, TraceBuilder trace, Draft root) {
        noise.cacheGet(root, "session:sess_9f2c4e71a0b3", true);
        noise.query(root, "customers", "SELECT id, email, first_name, locale, tier FROM customers WHERE id = $1", 1);
        String[][] flags = {{"support-agent-v14", "on"}, {"refund-self-service", "on"}, {"refund-quote-cache", "on"},
                {"guardrail-refunds", "on"}, {"triage-model", "gpt-5-mini"}, {"chat-streaming", "off"},
                {"returns-api-v2", "on"}, {"loyalty-banner", "off"}, {"nps-survey", "control"}, {"pii-redaction", "strict"}};
        for (String[] flag : flags) {
            noise.flag(root, flag[0], flag[1]);
        }
        noise.cacheGet(root, "ratelimit:" + CUSTOMER + ":chat", true);
        noise.cacheSet(root, "ratelimit:" + CUSTOMER + ":chat", 60);
        noise.http(root, "GET", "https://crm.northwind.internal/v1/customers/" + CUSTOMER, 200, trace.random().between(18, 40));
        List<String> orders = recentOrders(trace.random());
        noise.query(root, "orders", "SELECT id, status, total, placed_at FROM orders WHERE customer_id = $1 "
                + "ORDER BY placed_at DESC LIMIT 40", orders.size());
        for (String order : orders) {
            boolean cached = !order.equals(ORDER) && trace.random().chance(0.7);
            noise.cacheGet(root, "order_summary:" + order, cached);
            if (!cached) {
                noise.query(root, "order_items", "SELECT sku, quantity, unit_price FROM order_items WHERE order_id = $1",
                        (int) trace.random().between(1, 4));
            }
        }
        noise.query(root, "conversations", "SELECT id, user_id, started_at FROM conversations WHERE id = $1", 1);
        noise.query(root, "messages", "SELECT role, content, created_at FROM messages WHERE conversation_id = $1 "
                + "ORDER BY created_at", 4);
        noise.cacheGet(root, "prompt:support-agent:v14", true);
        noise.cacheGet(root, "tools:support-agent:v14", true);
    }

    /** The customer's orders, newest first: the one she returned and the earlier one among them. */
    private static List<String> recentOrders(SampleRandom random) {
        List<String> orders = new ArrayList<>(List.of(ORDER));
        for (int i = 0; i < 50; i++) {
            orders.add(i == 6 ? EARLIER_ORDER : "NW-" + random.digits(5));
        }
        return orders;
    }

    /** A small model decides who handles the message; instrumented by the OpenTelemetry GenAI convention. */
    private void triage(TraceBuilder trace, Draft root, Turn turn) {
        List<Chat> messages = new ArrayList<>();
        messages.add(Chat.system(Payloads.SUPPORT_AGENT_PROMPT));
        messages.add(Chat.system(ROUTER_INSTRUCTION));
        messages.addAll(firstTurnMessages());
        messages.add(Chat.user(turn.userInput()));
        LlmModel model = LlmModel.GPT_5_MINI;
        String output = Payloads.genAiOutput(ROUTING);
        Draft span = trace.leaf(root, "chat " + model.id(), TraceBuilder.LLM_GENERATION, trace.random().between(600, 900))
                .model(model, Payloads.genAiMessages(messages), output);
        span.attribute("gen_ai.operation.name", "chat").attribute("gen_ai.provider.name", model.provider())
                .attribute("gen_ai.request.model", model.id()).attribute("gen_ai.response.model", model.id() + "-2025-08-07")
                .attribute("gen_ai.response.id", "chatcmpl-CX4kq9Zr2TfLw8Hn1Ve6Pb")
                .attribute("gen_ai.usage.input_tokens", span.inputTokens())
                .attribute("gen_ai.usage.output_tokens", span.outputTokens())
                .attribute("server.address", "api.openai.com");
    }

    /** Before each round: the steps so far, the prompt, each tool's flag, permission and schema, the customer's memory. */
    private static void roundSetUp(Instrumentation noise, Draft agent, int round) {
        noise.query(agent, "agent_steps", "SELECT step, kind, payload FROM agent_steps WHERE run_id = $1 ORDER BY step",
                2 * (round - 1));
        noise.cacheGet(agent, "prompt:support-agent:v14", true);
        for (String tool : TOOLS) {
            noise.flag(agent, "tool." + tool, "on");
            noise.cacheGet(agent, "acl:" + CUSTOMER + ":" + tool, true);
            noise.cacheGet(agent, "tool_schema:" + tool + ":v14", true);
        }
        noise.cacheGet(agent, "customer_profile:" + CUSTOMER, true);
        for (int chunk = 0; chunk < 12; chunk++) {
            noise.cacheGet(agent, "memory:" + CUSTOMER + ":" + chunk, true);
        }
    }

    private static void stepSaved(Instrumentation noise, Draft agent, int round) {
        noise.query(agent, "agent_steps", "INSERT INTO agent_steps (run_id, step, kind, payload) VALUES ($1, $2, $3, $4)", 1);
        noise.cacheSet(agent, "run:run_b41c07:step:" + round, 900);
    }

    /** The order, as the order service assembles it: one query per table, one per line item's price and per scan. */
    private void getOrder(AgentRun run, Instrumentation noise, TraceBuilder trace, Draft agent) {
        Draft tool = run.openTool(agent, GET_ORDER, order());
        noise.cacheGet(tool, "order:" + ORDER, false);
        noise.query(tool, "orders", "SELECT * FROM orders WHERE id = $1", 1);
        noise.query(tool, "order_items", "SELECT * FROM order_items WHERE order_id = $1", 3);
        for (String sku : List.of("JK-ALP-SH", "BT-750", "HT-MER-BN")) {
            noise.cacheGet(tool, "product:" + sku, true);
            noise.query(tool, "price_history", "SELECT price, valid_from FROM price_history WHERE sku = $1 "
                    + "AND valid_from <= $2 ORDER BY valid_from DESC LIMIT 1", 1);
            noise.query(tool, "promotions", "SELECT code, percent FROM promotions WHERE sku = $1 AND active_on = $2", 0);
        }
        noise.query(tool, "payments", "SELECT * FROM payments WHERE order_id = $1", 1);
        noise.query(tool, "charges", "SELECT * FROM charges WHERE payment_id = $1", 1);
        noise.query(tool, "shipments", "SELECT * FROM shipments WHERE order_id = $1", 1);
        for (int scan = 0; scan < TRACKING.length + RETURN_TRACKING.length; scan++) {
            noise.query(tool, "shipment_events", "SELECT * FROM shipment_events WHERE id = $1", 1);
        }
        noise.query(tool, "returns", "SELECT * FROM returns WHERE order_id = $1", 1);
        noise.query(tool, "order_events", "SELECT * FROM order_events WHERE order_id = $1 ORDER BY at", TIMELINE.length);
        noise.http(tool, "GET", "https://loyalty.northwind.internal/v1/points?order_id=" + ORDER, 200, trace.random().between(12, 30));
        noise.cacheSet(tool, "order:" + ORDER, 300);
        trace.close(tool);
    }

    /** The returns service fails once with a 503; the client's retry, a moment later, gets the answer. */
    private void getReturnStatus(AgentRun run, Instrumentation noise, TraceBuilder trace, Draft agent) {
        Draft tool = run.openTool(agent, GET_RETURN_STATUS, returnStatus());
        String url = "https://returns.northwind.internal/v2/returns?order_id=" + ORDER;
        noise.cacheGet(tool, "return:" + ORDER, false);
        noise.http(tool, "GET", url, 503, trace.random().between(30, 45));
        trace.pause(180, 260);
        noise.http(tool, "GET", url, 200, trace.random().between(40, 70)).attribute("http.request.resend_count", 1);
        noise.query(tool, "return_inspections", "SELECT result, notes FROM return_inspections WHERE rma_id = $1", 1);
        noise.cacheSet(tool, "return:" + ORDER, 120);
        trace.close(tool);
    }

    private void issueRefund(AgentRun run, Instrumentation noise, TraceBuilder trace, Draft agent) {
        Draft tool = run.openTool(agent, ISSUE_REFUND, refundIssued());
        noise.query(tool, "refunds", "SELECT id FROM refunds WHERE rma_id = $1", 0);
        noise.flag(tool, "refund-self-service", "on");
        noise.http(tool, "POST", "https://payments.northwind.internal/v1/refunds", 201, trace.random().between(150, 260));
        noise.query(tool, "refunds", "INSERT INTO refunds (id, rma_id, amount, currency, status) VALUES ($1, $2, $3, $4, $5)", 1);
        noise.query(tool, "outbox", "INSERT INTO outbox (topic, payload) VALUES ($1, $2)", 1);
        noise.cacheSet(tool, "refunds:" + RMA, 86_400);
        trace.close(tool);
    }

    /**
     * A second model checks the draft against the policy before it is sent: the same system prompt, the transcript in
     * the OpenAI chat shape, each message redacted first. OpenLLMetry instruments it ({@code openai.chat}).
     */
    private static void guardrail(Instrumentation noise, TraceBuilder trace, Draft root, List<Chat> transcript) {
        noise.flag(root, "guardrail-refunds", "on");
        noise.cacheGet(root, "prompt:refund-guardrail:v3", true);
        for (int index = 1; index < transcript.size(); index++) {
            trace.quick(root, "pii.redact", trace.random().between(40, 400)).attribute("pii.policy", "strict")
                    .attribute("pii.message_index", index).attribute("pii.entities_redacted", 0);
        }
        List<Chat> messages = new ArrayList<>(transcript);
        messages.add(Chat.user(GUARDRAIL_REQUEST));
        LlmModel model = LlmModel.GPT_5_MINI;
        Draft span = trace.leaf(root, "openai.chat", TraceBuilder.LLM_GENERATION, trace.random().between(900, 1400))
                .model(model, Payloads.openAiChat(messages), GUARDRAIL_VERDICT);
        span.attribute("llm.request.type", "chat").attribute("gen_ai.system", "openai")
                .attribute("gen_ai.request.model", model.id()).attribute("gen_ai.response.model", model.id() + "-2025-08-07")
                .attribute("gen_ai.usage.prompt_tokens", span.inputTokens())
                .attribute("gen_ai.usage.completion_tokens", span.outputTokens())
                .attribute("llm.usage.total_tokens", span.inputTokens() + span.outputTokens())
                .attribute("traceloop.workflow.name", "refund-guardrail");
    }

    /** The answer is stored and announced: messages, the conversation, caches, an analytics event. */
    private static void writeBack(Instrumentation noise, Draft root) {
        noise.query(root, "messages", "INSERT INTO messages (conversation_id, role, content) VALUES ($1, $2, $3)", 1);
        noise.query(root, "messages", "INSERT INTO messages (conversation_id, role, content) VALUES ($1, $2, $3)", 1);
        for (Call call : List.of(GET_ORDER, GET_RETURN_STATUS, CALCULATE_REFUND, ISSUE_REFUND)) {
            noise.query(root, "tool_calls", "INSERT INTO tool_calls (run_id, call_id, tool, status) VALUES ($1, $2, $3, $4)", 1)
                    .attribute("db.query.parameter.tool", call.name());
        }
        noise.query(root, "conversations", "UPDATE conversations SET last_message_at = $2 WHERE id = $1", 1);
        noise.cacheSet(root, "conversation:" + SampleWorkspace.REFUND_CONVERSATION_ID, 3600);
        noise.flag(root, "nps-survey", "control");
        noise.http(root, "POST", "https://events.northwind.internal/v1/track", 202, 9);
    }

    /** The full order record {@code get_order} answers: past 4,000 characters, so that {@code trunc_len} 4000 cuts it. */
    String order() {
        Instant placed = now.minus(Duration.ofDays(16)).truncatedTo(ChronoUnit.MINUTES);
        ObjectNode order = Payloads.object().put("order_id", ORDER).put("customer_id", CUSTOMER).put("status", "partially_returned")
                .put("placed_at", placed.toString()).put("channel", "web").put("locale", "de-DE").put("currency", "EUR");
        ArrayNode items = order.putArray("items");
        item(items, "li_1", "JK-ALP-SH", "Alpine Shell jacket", "M", "glacier blue", "229.00",
                "Three-layer waterproof shell, 20,000 mm, pit zips, helmet-compatible hood, recycled face fabric").putObject("return")
                .put("rma_id", RMA).put("status", "received").put("reason", "too_large");
        item(items, "li_2", "BT-750", "Trail bottle 750 ml", null, "sage", "19.90",
                "Leak-proof stainless steel bottle with a loop cap, dishwasher safe, fits bike cages").putNull("return");
        item(items, "li_3", "HT-MER-BN", "Merino beanie", null, "charcoal", "24.00",
                "Fine 18.5 micron merino rib knit, double layer over the ears, one size").putNull("return");
        order.putObject("totals").put("subtotal", "272.90").put("discount", "0.00").put("shipping", "4.90")
                .put("tax_included", "44.35").put("total", "277.80");
        ObjectNode payment = order.putObject("payment").put("method", "card").put("brand", "visa").put("last4", "1881")
                .put("payment_method_id", "pm_visa_1881").put("three_d_secure", "authenticated");
        payment.putArray("charges").addObject().put("charge_id", "ch_3QkL8v2eZvKYlo2C1x7Fq9Rb").put("amount", "277.80")
                .put("status", "captured").put("captured_at", placed.plus(Duration.ofHours(1)).toString());
        payment.putArray("refunds");
        order.putObject("invoice").put("invoice_id", "INV-" + ORDER).put("issued_at", placed.plus(Duration.ofHours(6)).toString())
                .put("url", "https://invoices.northwind.example/" + ORDER + ".pdf").putNull("vat_id");
        address(order.putObject("shipping_address"));
        address(order.putObject("billing_address"));
        ObjectNode shipment = order.putArray("shipments").addObject().put("shipment_id", "shp_8c41d2").put("carrier", "DHL")
                .put("service", "Paket").put("tracking_number", FACTS.tracking()).put("status", "delivered")
                .put("weight_kg", 1.4).put("shipped_at", placed.plus(Duration.ofHours(6)).toString());
        scans(shipment.putArray("events"), TRACKING, placed.plus(Duration.ofHours(6)));
        ObjectNode returnShipment = order.withArray("shipments").addObject().put("shipment_id", "shp_r_2f7a90")
                .put("carrier", "DHL").put("service", "Retoure").put("tracking_number", "00340434518823415562")
                .put("status", "delivered").put("weight_kg", 1.1).put("shipped_at", placed.plus(Duration.ofHours(224)).toString());
        scans(returnShipment.putArray("events"), RETURN_TRACKING, placed.plus(Duration.ofHours(224)));
        order.putArray("returns").addObject().put("rma_id", RMA).put("status", "received").put("items", "li_1")
                .put("label", "DHL Retoure, prepaid").put("created_at", placed.plus(Duration.ofHours(200)).toString())
                .put("received_at", placed.plus(Duration.ofHours(330)).toString()).put("inspection", "passed");
        ArrayNode timeline = order.putArray("timeline");
        for (String[] event : TIMELINE) {
            timeline.addObject().put("at", placed.plus(Duration.ofHours(Long.parseLong(event[2]))).toString())
                    .put("event", event[0]).put("actor", event[1]);
        }
        order.putObject("loyalty").put("tier", "trail").put("points_earned", 277).put("points_reversed_on_return", 229);
        order.putArray("notes").add("Customer asked for delivery to a neighbour if not at home.")
                .add("Return reason given in the portal: jacket runs large, would reorder in S.");
        return Payloads.json(order);
    }

    private static void scans(ArrayNode events, String[][] scans, Instant first) {
        for (int i = 0; i < scans.length; i++) {
            events.addObject().put("at", first.plus(Duration.ofHours(6L * i)).toString())
                    .put("location", scans[i][0] + ", DE").put("description", scans[i][1]);
        }
    }

    private static ObjectNode item(ArrayNode items, String lineId, String sku, String name, String size, String colour,
            String price, String description) {
        ObjectNode item = items.addObject().put("line_id", lineId).put("sku", sku).put("name", name).put("description", description);
        ObjectNode variant = item.putObject("variant").put("colour", colour);
        if (size != null) {
            variant.put("size", size);
        }
        return item.put("quantity", 1).put("unit_price", price).put("discount", "0.00").put("paid", price)
                .put("tax_rate", "19%").put("warehouse", "Leipzig");
    }

    private static void address(ObjectNode address) {
        address.put("name", "Lena Martens").put("street", "Bernstorffstraße 14").put("postcode", "22767")
                .put("city", "Hamburg").put("country", "DE");
    }

    /** {@code get_return_status}: the jacket's return, received and inspected. */
    String returnStatus() {
        Instant received = now.minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        ObjectNode status = Payloads.object().put("rma_id", RMA).put("order_id", ORDER).put("status", "received")
                .put("inspection", "passed").put("warehouse", "Leipzig").put("received_at", received.toString());
        status.putArray("items").addObject().put("line_id", "li_1").put("sku", "JK-ALP-SH").put("name", "Alpine Shell jacket")
                .put("size", "M").put("quantity", 1).put("condition", "unworn, tags attached");
        return Payloads.json(status);
    }

    /**
     * What {@code calculate_refund} answered for order {@value #ORDER} and return {@value #RMA}: the cached quote of
     * the customer's earlier return, {@value #EARLIER_RMA} of order {@value #EARLIER_ORDER}, twelve days old.
     */
    String staleQuote() {
        ObjectNode quote = Payloads.object().put("quote_id", STALE_QUOTE_ID).put("customer_id", CUSTOMER)
                .put("order_id", EARLIER_ORDER).put("rma_id", EARLIER_RMA);
        quote.putArray("items").addObject().put("sku", "SK-MER-2P").put("name", "Merino hiking socks 2-pack")
                .put("quantity", 1).put("paid", "22.90").put("refundable", "22.90");
        quote.put("restocking_fee", "0.00").put("shipping_refund", "0.00").put("refund_total", "22.90").put("currency", "EUR")
                .put("refund_method", "original_payment").put("requires_approval", false)
                .put("quoted_at", now.minus(Duration.ofDays(12)).truncatedTo(ChronoUnit.MINUTES).toString());
        return Payloads.json(quote);
    }

    /** {@code issue_refund}: approved at once, the amount being below the €200 limit. */
    String refundIssued() {
        return Payloads.json(Payloads.object().put("refund_id", REFUND_ID).put("rma_id", RMA).put("status", "approved")
                .put("amount", "22.90").put("currency", "EUR").put("payment_method", "pm_visa_1881")
                .put("approval", "automatic").put("eta_business_days", "3-5"));
    }
}
