package com.opstower.raindrop.local;

import com.opstower.raindrop.local.AgentRun.Pace;
import com.opstower.raindrop.local.Payloads.Call;
import com.opstower.raindrop.local.Script.Turn;
import com.opstower.raindrop.local.TraceBuilder.Draft;
import java.util.List;

/**
 * Two runs of one feature, the checkout assistant's answer to the quick reply "will my cart arrive by Friday?", a
 * day apart, for the same cart. The first promised Thursday; the second says Monday, and took about five times as
 * long. They differ the way real runs do:
 *
 * <ul>
 *   <li>the model: the second run is on the {@code checkout_agent} flag's variant, {@code gpt-5} instead of
 *       {@code gpt-5-mini}, slower to its first token and per token;</li>
 *   <li>a retried call: its first provider call was refused with a 429, and the SDK's retry got the answer;</li>
 *   <li>a tool result that changed: {@code quote_shipping}, asked the same question, now ships the pack from Lyon,
 *       and express arrives on Monday;</li>
 *   <li>one extra tool round: the model checks the pack's stock with {@code get_inventory} (none left in Leipzig);</li>
 *   <li>the answer, which changed with the tool result.</li>
 * </ul>
 */
final class DeliveryPromise {

    static final String QUESTION = "If I order now, will my cart arrive in Munich by Friday?";

    static final Turn PROMISED_THURSDAY = Turn.of(QUESTION, """
            Yes: with express shipping (€9.90) your cart arrives on **Thursday**, as long as you order before 14:00 \
            today. Standard shipping (€4.90) would arrive on Monday.""");

    static final Turn PROMISED_MONDAY = Turn.of(QUESTION, """
            Not by Friday, I'm afraid: the Summit 28 L pack now ships from our Lyon warehouse, so even express \
            (€9.90) arrives on **Monday**. If you need the jacket for the weekend, I can split the order: the jacket \
            alone still arrives on Thursday.""");

    private static final String CART_RESULT = "{\"items\":[{\"sku\":\"JK-TRL-LT\",\"name\":\"Trail Lite rain jacket\",\"size\":\"M\","
            + "\"quantity\":1,\"price\":\"139.00\"},{\"sku\":\"PK-28-LT\",\"name\":\"Summit 28 L pack\",\"quantity\":1,"
            + "\"price\":\"89.00\"}],\"subtotal\":\"228.00\",\"currency\":\"EUR\"}";
    private static final String QUOTE_ARGUMENTS = "{\"destination\":\"80469 München\",\"deliver_by\":\"friday\","
            + "\"skus\":[\"JK-TRL-LT\",\"PK-28-LT\"]}";
    private static final String QUOTE_FROM_LEIPZIG = "{\"destination\":\"80469 München\",\"ships_from\":[\"Leipzig\"],"
            + "\"options\":[{\"service\":\"standard\",\"price\":\"4.90\",\"arrives\":\"monday\"},"
            + "{\"service\":\"express\",\"price\":\"9.90\",\"arrives\":\"thursday\",\"order_by\":\"14:00\"}]}";
    private static final String QUOTE_FROM_LYON = "{\"destination\":\"80469 München\",\"ships_from\":[\"Leipzig\",\"Lyon\"],"
            + "\"options\":[{\"service\":\"standard\",\"price\":\"4.90\",\"arrives\":\"wednesday\"},"
            + "{\"service\":\"express\",\"price\":\"9.90\",\"arrives\":\"monday\",\"order_by\":\"14:00\"}]}";
    private static final String PACK_STOCK = "{\"sku\":\"PK-28-LT\",\"warehouses\":[{\"warehouse\":\"Leipzig\",\"quantity\":0,"
            + "\"restock\":\"next week\"},{\"warehouse\":\"Lyon\",\"quantity\":6}]}";

    private DeliveryPromise() {
    }

    /** The run that worked: two tool rounds on the small model. */
    static void promisedThursday(TraceBuilder trace, Draft root, Turn turn, LlmModel model) {
        Instrumentation noise = new Instrumentation(trace);
        setUp(noise, root, "control");
        AgentRun run = new AgentRun(trace, model, Pace.BRISK, List.of(), turn.userInput());
        Call cart = new Call("call_R3nWq8XkT1bLz5Gd0VhC", "get_cart", "{}");
        round(noise, root);
        run.ask(root, cart);
        getCart(run, noise, trace, root, cart);
        Call quote = new Call("call_Y6pFs2MaE9cJv4Ku7NdB", "quote_shipping", QUOTE_ARGUMENTS);
        round(noise, root);
        run.ask(root, quote);
        quoteShipping(run, noise, trace, root, quote, QUOTE_FROM_LEIPZIG);
        round(noise, root);
        run.answer(root, turn.assistantOutput(), false);
    }

    /** The run a day later: the large model, a retried provider call, a changed quote, one more tool round. */
    static void promisedMonday(TraceBuilder trace, Draft root, Turn turn, LlmModel model) {
        Instrumentation noise = new Instrumentation(trace);
        setUp(noise, root, "variant-b");
        AgentRun run = new AgentRun(trace, model, Pace.DELIBERATE, List.of(), turn.userInput()).rateLimitedOnce();
        Call cart = new Call("call_Tk5BmQ1wZs8HcN3xJe6L", "get_cart", "{}");
        round(noise, root);
        run.ask(root, cart);
        getCart(run, noise, trace, root, cart);
        Call quote = new Call("call_Gu2LdV7rPy4AoW9fSi1M", "quote_shipping", QUOTE_ARGUMENTS);
        round(noise, root);
        run.ask(root, quote);
        quoteShipping(run, noise, trace, root, quote, QUOTE_FROM_LYON);
        Call stock = new Call("call_Ex8HzK3nCq6TbR0uMw5J", "get_inventory", "{\"sku\":\"PK-28-LT\"}");
        round(noise, root);
        run.ask(root, stock);
        Draft inventory = run.openTool(root, stock, PACK_STOCK);
        noise.query(inventory, "inventory", "SELECT warehouse, quantity, restock_on FROM inventory WHERE sku = $1", 2);
        trace.close(inventory);
        round(noise, root);
        run.answer(root, turn.assistantOutput(), false);
    }

    private static void setUp(Instrumentation noise, Draft root, String variant) {
        noise.cacheGet(root, "session:checkout", true);
        noise.flag(root, "checkout_agent", variant);
        noise.flag(root, "delivery-promise", "on");
        noise.cacheGet(root, "prompt:checkout-agent:v9", true);
    }

    private static void round(Instrumentation noise, Draft root) {
        noise.cacheGet(root, "tool_schemas:checkout-agent:v9", true);
        noise.flag(root, "checkout-agent-max-steps", "6");
    }

    private static void getCart(AgentRun run, Instrumentation noise, TraceBuilder trace, Draft root, Call call) {
        Draft tool = run.openTool(root, call, CART_RESULT);
        noise.cacheGet(tool, "cart:sess_checkout", false);
        noise.query(tool, "cart_items", "SELECT sku, quantity, price FROM cart_items WHERE cart_id = $1", 2);
        trace.close(tool);
    }

    private static void quoteShipping(AgentRun run, Instrumentation noise, TraceBuilder trace, Draft root, Call call, String quote) {
        Draft tool = run.openTool(root, call, quote);
        noise.query(tool, "inventory", "SELECT sku, warehouse FROM inventory WHERE sku = ANY($1) AND quantity > 0", 2);
        noise.http(tool, "POST", "https://rates.dhl.example/v2/quotes", 200, trace.random().between(180, 320));
        trace.close(tool);
    }
}
