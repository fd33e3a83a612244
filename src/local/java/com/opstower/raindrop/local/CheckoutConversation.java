package com.opstower.raindrop.local;

import static com.opstower.raindrop.local.Script.ToolUse.failing;
import static com.opstower.raindrop.local.Script.ToolUse.ok;
import static com.opstower.raindrop.local.TraceBuilder.ERROR;
import static com.opstower.raindrop.local.TraceBuilder.INTERNAL;
import static com.opstower.raindrop.local.TraceBuilder.UNSET;

import com.opstower.raindrop.local.Script.ToolUse;
import com.opstower.raindrop.local.Script.Turn;
import com.opstower.raindrop.local.TraceBuilder.Draft;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed checkout conversation of {@link SampleWorkspace#SAMPLE_USER_ID}: a user assembling a trekking kit. Most of
 * its turns have traces that stress a trace view (a long agent run, a failed payment, a deeply nested plan, no
 * spans at all); their shapes are fixed so that tests and demos can rely on them.
 */
final class CheckoutConversation {

    /** Agent steps of the large trace; each is seven spans, so the trace has {@code 2 + 7 * 20 = 142}. */
    static final int LARGE_STEPS = 20;
    static final int LARGE_SPANS = 2 + 7 * LARGE_STEPS;
    /** Nested planner levels of the deep trace, below the root; a generation and finally a tool call hang off them. */
    static final int DEEP_LEVELS = 32;

    private static final String MEMORY = "Customer notes and shop policies: ships to Germany, Austria and Switzerland; "
            + "orders placed before 14:00 leave the warehouse the same day; express delivery reaches Munich in one "
            + "business day; bundles of three or more trekking items qualify for the TREK10 code; the customer "
            + "prefers deliveries to the office address and has a gift card with a remaining balance of EUR 50.";

    private CheckoutConversation() {
    }

    static final Turn OPENING = Turn.of("Hi! I'm going on a hut trek next week and need some gear, can you help me put a kit together?",
            "Happy to! Tell me what you need and your budget, and I'll find the best options that arrive in time.")
            .tools(ok("get_cart", "{}", "{\"items\":0}"));

    static final Turn LARGE = Turn.of("""
            Plan the cheapest complete kit for a 3-day hut trek in the Alps: rain jacket, two base layers, hiking socks, \
            a headlamp and a pack around 30 L. Keep it under €400 and make sure it arrives in Munich by Friday.""", """
            Here's the cheapest kit that meets your list, all in stock:

            | Item | Price |
            |---|---|
            | Trail Lite rain jacket (M) | €139.00 |
            | DryTech base layer ×2 | €69.80 |
            | Merino hiking socks, 2-pack | €24.90 |
            | Beam 400 headlamp | €49.00 |
            | Summit 28 L pack | €89.00 |
            | Express shipping to Munich | €9.90 |
            | `TREK10` discount | −€37.17 |
            | **Total** | **€344.43** |

            The Beam 250 headlamp would have been cheaper but is out of stock until next week. \
            Ordered before 14:00 today, it arrives on **Thursday**.""");

    static final Turn FAILED_PAYMENT = Turn.of("Pay with my saved Visa ending 4242, please.", """
            The payment didn't go through: your bank declined the Visa ending 4242 (`do_not_honor`). \
            Nothing was charged. You can retry, use another card or pay with PayPal.""")
            .tools(ok("get_saved_payment_methods", "{}", "[{\"id\":\"pm_visa_4242\",\"brand\":\"visa\",\"last4\":\"4242\"}]"),
                    failing("create_payment_intent", "{\"amount\":\"344.43\",\"currency\":\"EUR\",\"payment_method\":\"pm_visa_4242\"}",
                            "402 Payment Required: card_declined (do_not_honor) from payments-api"));

    static final Turn PAYPAL_RETRY = Turn.of("Ugh. Try PayPal then.", "Done: PayPal approved €344.43, and your order is confirmed.")
            .tools(ok("create_payment_intent", "{\"amount\":\"344.43\",\"currency\":\"EUR\",\"method\":\"paypal\"}",
                    "{\"status\":\"succeeded\"}"))
            .signals(SampleSignal.USER_FRUSTRATION);

    static final Turn DEEP_PLAN = Turn.of("""
            Split the order: ship the jacket and the pack now, the rest when everything is ready, \
            and put my gift card on the first shipment.""", """
            Done. Two shipments:

            1. **Now:** Trail Lite rain jacket and Summit 28 L pack, €50.00 gift card applied.
            2. **Thursday:** base layers, socks and headlamp.

            You'll get a tracking number for each.""");

    /** Its trace was sampled out: the event exists, {@code /v1/traces} has nothing for it. */
    static final Turn NO_SPANS = Turn.of("Perfect, thanks!", "You're welcome! Enjoy the trek. 🏔️")
            .signals(SampleSignal.POSITIVE_FEEDBACK);

    /** A 20-step agent run: each step thinks, calls a catalog or cart tool over HTTP, and recalls policy notes. */
    static void large(TraceBuilder trace, Draft root, Turn turn, LlmModel model) {
        List<ToolUse> steps = kitPlanningSteps();
        List<String> results = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            ToolUse tool = steps.get(i);
            Draft step = trace.open(root, "agent.step", INTERNAL).status(UNSET).attribute("agent.step", i + 1);
            String input = Payloads.messages(turn.userInput(), results.subList(Math.max(0, results.size() - 3), results.size()));
            String plan = TraceLayout.toolPlan(List.of(tool));
            Draft thinking = trace.open(step, model.spanName(false), TraceBuilder.LLM_GENERATION).generation(model, false, input, plan);
            trace.generation(thinking, model.spanName(false) + ".doGenerate", model, false, input, plan);
            trace.close(thinking);

            Draft call = trace.openToolCall(step, tool.name(), tool.input(), tool.output());
            trace.leaf(call, "http.request", INTERNAL, 30 + 7L * i).status(UNSET)
                    .attribute("http.method", tool.name().startsWith("add_") ? "POST" : "GET")
                    .attribute("http.url", "https://api.northwind.example/v2/" + tool.name().replace('_', '-'))
                    .attribute("http.status_code", 200);
            trace.close(call);

            Draft memory = trace.open(step, "memory.recall", INTERNAL);
            trace.toolCall(memory, "vector_search", "{\"query\":\"" + tool.name() + " constraints\",\"top_k\":3}", MEMORY, false);
            trace.close(memory);
            trace.close(step);
            results.add(tool.output());
        }
        trace.generation(root, model, true, Payloads.messages(turn.userInput(), results), turn.assistantOutput());
    }

    /** The payment step fails: the tool call and the span grouping the payment work both end in ERROR. */
    static void failedPayment(TraceBuilder trace, Draft root, Turn turn, LlmModel model) {
        trace.generation(root, model, false, Payloads.messages(turn.userInput(), List.of()), TraceLayout.toolPlan(turn.tools()));
        Draft charge = trace.open(root, "payments.charge", INTERNAL);
        List<String> results = new ArrayList<>();
        for (ToolUse tool : turn.tools()) {
            trace.toolCall(charge, tool.name(), tool.input(), tool.output(), tool.fails());
            results.add(tool.output());
        }
        trace.close(charge);
        charge.status(ERROR).payload(null, "PaymentError: card_declined (do_not_honor)");
        trace.generation(root, model, true, Payloads.messages(turn.userInput(), results), turn.assistantOutput());
    }

    /** A planner that refines its goal {@value #DEEP_LEVELS} times, one level inside the other, then applies the gift card. */
    static void deepPlan(TraceBuilder trace, Draft root, Turn turn, LlmModel model) {
        List<String> goals = List.of("split the order into shipments", "decide what ships now", "check stock of the remaining items",
                "find the restock date of the headlamp", "group items by warehouse", "compare shipping costs per split",
                "allocate the gift card", "confirm the delivery dates");
        List<Draft> levels = new ArrayList<>();
        Draft parent = root;
        for (int depth = 1; depth <= DEEP_LEVELS; depth++) {
            String goal = goals.get((depth - 1) % goals.size());
            parent = trace.open(parent, "planner.decompose", INTERNAL).attribute("planner.depth", depth).attribute("planner.goal", goal);
            levels.add(parent);
            trace.generation(parent, model, false, Payloads.messages("Refine the sub-goal: " + goal, List.of()),
                    "{\"subgoal\":\"" + goal + "\",\"depth\":" + (depth + 1) + "}");
        }
        trace.toolCall(parent, "apply_gift_card", "{\"shipment\":1,\"amount\":\"50.00\"}", "{\"applied\":\"50.00\",\"remaining\":\"0.00\"}", false);
        for (int i = levels.size() - 1; i >= 0; i--) {
            trace.close(levels.get(i));
        }
    }

    /** What the agent looks up and puts in the cart, step by step, to assemble the cheapest trek kit. */
    private static List<ToolUse> kitPlanningSteps() {
        return List.of(
                ok("search_catalog", "{\"query\":\"rain jacket\",\"max_price\":\"250.00\"}", products(
                        "JK-TRL-LT", "Trail Lite rain jacket", "139.00", "JK-ALP-SH", "Alpine Shell jacket", "229.00")),
                ok("get_inventory", "{\"sku\":\"JK-TRL-LT\",\"size\":\"M\"}", "{\"in_stock\":true,\"quantity\":12,\"warehouse\":\"Leipzig\"}"),
                ok("search_catalog", "{\"query\":\"base layer\",\"max_price\":\"80.00\"}", products(
                        "BL-SYN-DRY", "DryTech base layer", "34.90", "BL-MER-150", "Merino 150 base layer", "69.00")),
                ok("get_inventory", "{\"sku\":\"BL-SYN-DRY\",\"size\":\"M\"}", "{\"in_stock\":true,\"quantity\":31,\"warehouse\":\"Leipzig\"}"),
                ok("search_catalog", "{\"query\":\"hiking socks\"}", products(
                        "SK-MER-2P", "Merino hiking socks 2-pack", "24.90", "SK-SYN-3P", "Trail socks 3-pack", "27.90")),
                ok("search_catalog", "{\"query\":\"headlamp\"}", products(
                        "HL-250", "Beam 250 headlamp", "29.90", "HL-400", "Beam 400 headlamp", "49.00")),
                ok("get_inventory", "{\"sku\":\"HL-250\"}", "{\"in_stock\":false,\"restock\":\"next week\"}"),
                ok("get_inventory", "{\"sku\":\"HL-400\"}", "{\"in_stock\":true,\"quantity\":4,\"warehouse\":\"Leipzig\"}"),
                ok("search_catalog", "{\"query\":\"pack 30 L\"}", products(
                        "PK-28-LT", "Summit 28 L pack", "89.00", "PK-30-AIR", "AirFlow 30 L pack", "119.00")),
                ok("get_inventory", "{\"sku\":\"PK-28-LT\"}", "{\"in_stock\":true,\"quantity\":6,\"warehouse\":\"Leipzig\"}"),
                ok("get_reviews", "{\"sku\":\"PK-28-LT\",\"limit\":3}", "[{\"stars\":5,\"text\":\"Light and comfortable on a four-day hut tour, "
                        + "the hip belt pockets fit a phone.\"},{\"stars\":4,\"text\":\"Great pack, the rain cover is a bit tight when it is full.\"},"
                        + "{\"stars\":5,\"text\":\"Exactly 28 litres of useful space, perfect for huts where you do not carry a sleeping bag.\"}]"),
                ok("add_to_cart", "{\"sku\":\"JK-TRL-LT\",\"size\":\"M\",\"quantity\":1}", "{\"items\":1}"),
                ok("add_to_cart", "{\"sku\":\"BL-SYN-DRY\",\"size\":\"M\",\"quantity\":2}", "{\"items\":3}"),
                ok("add_to_cart", "{\"sku\":\"SK-MER-2P\",\"quantity\":1}", "{\"items\":4}"),
                ok("add_to_cart", "{\"sku\":\"HL-400\",\"quantity\":1}", "{\"items\":5}"),
                ok("add_to_cart", "{\"sku\":\"PK-28-LT\",\"quantity\":1}", "{\"items\":6}"),
                ok("get_cart", "{}", "{\"items\":6,\"subtotal\":\"371.70\",\"currency\":\"EUR\"}"),
                ok("quote_shipping", "{\"destination\":\"80469 München\",\"deliver_by\":\"friday\"}",
                        "[{\"service\":\"standard\",\"price\":\"4.90\",\"arrives\":\"monday\"},{\"service\":\"express\",\"price\":\"9.90\",\"arrives\":\"thursday\"}]"),
                ok("validate_coupon", "{\"code\":\"TREK10\"}", "{\"valid\":true,\"discount_percent\":10}"),
                ok("get_cart", "{}", "{\"items\":6,\"subtotal\":\"371.70\",\"discount\":\"37.17\",\"shipping\":\"9.90\",\"total\":\"344.43\",\"currency\":\"EUR\"}"));
    }

    /** A catalog search answer for pairs of (sku, name, price), with the fields a real catalog returns. */
    private static String products(String... skuNamePrice) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < skuNamePrice.length; i += 3) {
            out.append(i > 0 ? "," : "").append("{\"sku\":\"").append(skuNamePrice[i]).append("\",\"name\":\"").append(skuNamePrice[i + 1])
                    .append("\",\"price\":\"").append(skuNamePrice[i + 2]).append("\",\"currency\":\"EUR\",\"rating\":4.6,")
                    .append("\"description\":\"Built for multi-day trips in changing mountain weather; tested by our team in the Karwendel.\"}");
        }
        return out.append(']').toString();
    }
}
