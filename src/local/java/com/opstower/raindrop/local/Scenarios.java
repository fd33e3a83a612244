package com.opstower.raindrop.local;

import static com.opstower.raindrop.local.SampleSignal.HALLUCINATION;
import static com.opstower.raindrop.local.SampleSignal.POSITIVE_FEEDBACK;
import static com.opstower.raindrop.local.SampleSignal.REFUND_REQUEST;
import static com.opstower.raindrop.local.SampleSignal.USER_FRUSTRATION;
import static com.opstower.raindrop.local.Script.ToolUse.failing;
import static com.opstower.raindrop.local.Script.ToolUse.ok;
import static com.opstower.raindrop.local.Script.iframe;
import static com.opstower.raindrop.local.Script.image;
import static com.opstower.raindrop.local.Script.text;

import com.opstower.raindrop.local.Script.Scenario;
import com.opstower.raindrop.local.Script.Turn;
import java.util.List;

/**
 * What the customers of "Northwind Outfitters", an outdoor-gear shop, talk about with its support and checkout
 * assistant. Tool failures are scripted where a real payments or refund backend would fail; the tool_failure
 * signal follows from them, the other signals are what Raindrop's classifiers would flag.
 */
final class Scenarios {

    static final String SUPPORT_CHAT = "support_chat";
    static final String CHECKOUT_ASSIST = "checkout_assist";

    private Scenarios() {
    }

    static final Scenario DOUBLE_CHARGE = new Scenario(SUPPORT_CHAT, "en-US", List.of("billing", "refunds"), List.of(
            Turn.of("Hi, I was charged twice for order {order}. Can you check?", """
                    I'm sorry about that. I can see order **{order}** with two card charges of {amount}, made 14 seconds apart. \
                    The second one is a duplicate authorization.

                    I can refund the duplicate now. Shall I go ahead?""")
                    .tools(ok("lookup_order", "{\"order_id\":\"{order}\"}",
                                    "{\"order_id\":\"{order}\",\"status\":\"processing\",\"total\":\"{amount}\",\"items\":2}"),
                            ok("list_charges", "{\"order_id\":\"{order}\"}",
                                    "[{\"id\":\"ch_1\",\"amount\":\"{amount}\",\"status\":\"captured\"},{\"id\":\"ch_2\",\"amount\":\"{amount}\",\"status\":\"captured\"}]"))
                    .signals(REFUND_REQUEST),
            Turn.of("Yes please refund the duplicate.", """
                    I tried to refund the duplicate charge, but the payments service did not answer (`502 Bad Gateway`). \
                    Nothing has been refunded yet. I've flagged it for our billing team; you'll get an email within 24 hours.""")
                    .tools(failing("refund_order", "{\"order_id\":\"{order}\",\"charge_id\":\"ch_2\",\"amount\":\"{amount}\"}",
                            "502 Bad Gateway from payments-api")),
            Turn.of("This is the second time this happens. Really annoying.", """
                    I understand, and I'm sorry: being charged twice and then waiting again is frustrating. \
                    The payments service is back up, so I can retry the refund right now if you like.""")
                    .signals(USER_FRUSTRATION),
            Turn.of("Can you try again now?", """
                    Done: refund `{refund}` of {amount} is on its way to your card. You'll also get a confirmation email.""")
                    .tools(ok("refund_order", "{\"order_id\":\"{order}\",\"charge_id\":\"ch_2\",\"amount\":\"{amount}\"}",
                            "{\"refund_id\":\"{refund}\",\"status\":\"pending\"}")),
            Turn.of("How long until I see it on my card?", """
                    Refunds usually show up within **3–5 business days**, depending on your bank. \
                    If it isn't there by then, reply here with the refund id `{refund}` and we'll chase it.""")));

    static final Scenario WHERE_IS_MY_ORDER = new Scenario(SUPPORT_CHAT, "en-GB", List.of("shipping", "delivery"), List.of(
            Turn.of("Where is my order {order}? It was supposed to arrive yesterday.", """
                    Your parcel is on its way, just a day late:

                    | Date | Status |
                    |---|---|
                    | Mon | Left our warehouse in Leipzig |
                    | Tue | Arrived at the regional depot |
                    | Wed | Delayed: missed connection |

                    Tracking number: `{tracking}`. The carrier now expects to deliver it tomorrow.""")
                    .tools(ok("lookup_order", "{\"order_id\":\"{order}\"}", "{\"order_id\":\"{order}\",\"status\":\"shipped\",\"carrier\":\"DHL\"}"),
                            ok("track_shipment", "{\"tracking_number\":\"{tracking}\"}",
                                    "{\"status\":\"in_transit\",\"last_scan\":\"regional depot\",\"eta\":\"tomorrow\",\"delay_reason\":\"missed connection\"}"))
                    .output(iframe("Live tracking", "https://track.northwind.example/{tracking}")),
            Turn.of("Can you have it delivered to a pickup point instead?", """
                    Yes. I've redirected it to the nearest pickup point, *Kiosk am Markt*, 300 m from your address. \
                    You'll get a code by SMS when it's ready to collect.""")
                    .tools(ok("update_delivery", "{\"tracking_number\":\"{tracking}\",\"pickup_point\":\"PP-4471\"}",
                            "{\"ok\":true,\"pickup_point\":\"Kiosk am Markt\"}")),
            Turn.of("ok and if it doesn't arrive by Friday?", """
                    If it hasn't arrived by Friday, tell me and I'll send a replacement at no charge, express. \
                    No need to wait for the lost parcel to come back."""),
            Turn.of("great, thanks", "You're welcome! Enjoy your new gear.").signals(POSITIVE_FEEDBACK)));

    static final Scenario COUPON_REJECTED = new Scenario(CHECKOUT_ASSIST, "en-US", List.of("checkout", "promotions"), List.of(
            Turn.of("The code SPRING25 doesn't work at checkout", """
                    The code `SPRING25` needs a subtotal of at least €75.00 before shipping; your cart is at {amount}.""")
                    .tools(ok("get_cart", "{}", "{\"items\":1,\"subtotal\":\"{amount}\"}"),
                            ok("validate_coupon", "{\"code\":\"SPRING25\"}",
                                    "{\"valid\":false,\"reason\":\"minimum_subtotal_not_met\",\"minimum\":\"75.00\"}")),
            Turn.of("What can I add to reach it?", """
                    A few popular add-ons that would get you over the threshold:

                    - **Merino hiking socks** (2-pack), €24.90
                    - **Trail bottle 750 ml**, €19.90
                    - **Packable down vest**, €89.00

                    Want me to add one?""")
                    .tools(ok("search_catalog", "{\"query\":\"accessories\",\"max_price\":\"90.00\",\"sort\":\"popularity\"}",
                            "[{\"sku\":\"SK-MER-2P\",\"name\":\"Merino hiking socks 2-pack\",\"price\":\"24.90\"},"
                                    + "{\"sku\":\"BT-750\",\"name\":\"Trail bottle 750 ml\",\"price\":\"19.90\"},"
                                    + "{\"sku\":\"VS-DWN\",\"name\":\"Packable down vest\",\"price\":\"89.00\"}]")),
            Turn.of("Add the merino socks", """
                    Added the merino socks. `SPRING25` now applies: you save 25% on eligible items.""")
                    .tools(ok("add_to_cart", "{\"sku\":\"SK-MER-2P\",\"quantity\":1}", "{\"items\":2}"),
                            ok("validate_coupon", "{\"code\":\"SPRING25\"}", "{\"valid\":true,\"discount_percent\":25}")),
            Turn.of("Checkout please", """
                    Here's your secure checkout link: [Pay now](https://checkout.northwind.example/s/{order}). \
                    It stays valid for 30 minutes.""")
                    .tools(ok("create_checkout_session", "{\"coupon\":\"SPRING25\"}",
                            "{\"url\":\"https://checkout.northwind.example/s/{order}\",\"expires_in\":1800}"))
                    .output(iframe("Checkout", "https://checkout.northwind.example/s/{order}"))));

    static final Scenario CARD_DECLINED = new Scenario(CHECKOUT_ASSIST, "en-US", List.of("checkout", "payments"), List.of(
            Turn.of("My payment keeps failing, card ending 4242", """
                    The bank declined the payment (`card_declined`, reason `insufficient_funds`). \
                    Nothing was charged. You can try another card, PayPal, or pay by invoice.""")
                    .tools(ok("get_cart", "{}", "{\"items\":3,\"subtotal\":\"{amount}\"}"),
                            failing("create_payment_intent", "{\"amount\":\"{amount}\",\"method\":\"card\",\"card_last4\":\"4242\"}",
                                    "402 Payment Required: card_declined (insufficient_funds)")),
            Turn.of("That's not possible, I have money on that card!!", """
                    I believe you. "Insufficient funds" is what the bank sent back, but banks also use it for daily online \
                    limits or a blocked 3-D Secure check. Your bank's app usually shows the real reason.""")
                    .signals(USER_FRUSTRATION),
            Turn.of("Can I pay with PayPal instead?", "Yes, I've switched the payment to PayPal. Approve it in the window that just opened.")
                    .tools(ok("create_payment_intent", "{\"amount\":\"{amount}\",\"method\":\"paypal\"}",
                            "{\"status\":\"requires_action\",\"redirect\":\"https://paypal.example/approve\"}")),
            Turn.of("Done, it went through.", """
                    Thank you! Order **{order}** is confirmed and will ship within 1 business day.""")
                    .tools(ok("lookup_order", "{\"order_id\":\"{order}\"}", "{\"order_id\":\"{order}\",\"status\":\"paid\"}"))
                    .signals(POSITIVE_FEEDBACK)));

    static final Scenario RETURN_EXCHANGE = new Scenario(SUPPORT_CHAT, "en-US", List.of("returns", "sizing"), List.of(
            Turn.of("The trail runners I got are too small. Can I exchange them for a 44?", """
                    Of course. Size 44 of the *Ridge Trail Runner* in the same colour is in stock, so I can reserve it for you.""")
                    .tools(ok("lookup_order", "{\"order_id\":\"{order}\"}", "{\"order_id\":\"{order}\",\"status\":\"delivered\"}"),
                            ok("get_inventory", "{\"sku\":\"RTR-BLU\",\"size\":\"44\"}", "{\"in_stock\":true,\"quantity\":7}")),
            Turn.of("How do I send them back?", """
                    Here's how:

                    1. Pack the shoes in the original box.
                    2. Print the prepaid label I've attached and stick it on the parcel.
                    3. Drop it at any DHL point.

                    The size 44 ships as soon as the carrier scans your parcel.""")
                    .tools(ok("create_return_label", "{\"order_id\":\"{order}\",\"reason\":\"size_exchange\"}",
                            "{\"label_url\":\"https://returns.northwind.example/{order}.pdf\",\"carrier\":\"DHL\"}"))
                    .output(text("return-label.txt", "Return label for order {order}: https://returns.northwind.example/{order}.pdf")),
            Turn.of("Here's a photo of the box, one corner is damaged. Is that a problem?", """
                    No problem at all: a dented box is fine as long as the shoes are unworn. \
                    Just tape the corner so the parcel stays closed.""")
                    .input(image("box.jpg", "https://uploads.northwind.example/{order}/box.jpg")),
            Turn.of("Will I be charged for the exchange?", "No: exchanges are free, and so is the return shipping.")));

    static final Scenario PRODUCT_QUESTION = new Scenario(SUPPORT_CHAT, "en-US", List.of("product", "care"), List.of(
            Turn.of("Is the Alpine Shell jacket waterproof?", """
                    Yes. The Alpine Shell uses a 3-layer membrane rated **20,000 mm** with taped seams, \
                    so it handles all-day rain.""")
                    .tools(ok("search_catalog", "{\"query\":\"Alpine Shell jacket\"}",
                            "[{\"sku\":\"JK-ALP-SH\",\"name\":\"Alpine Shell jacket\",\"waterproof_mm\":20000,\"care\":\"30 °C, no softener\"}]")),
            Turn.of("Can I machine wash it?", "Yes, you can wash it at 60 °C with fabric softener to keep it soft.")
                    .signals(HALLUCINATION),
            Turn.of("The label says 30 degrees and no softener??", """
                    You're right, and I'm sorry for the wrong advice. The correct care is:

                    - wash at **30 °C**, gentle cycle
                    - **no fabric softener** (it clogs the membrane)
                    - tumble dry low to reactivate the water repellency""")
                    .signals(USER_FRUSTRATION),
            Turn.of("Do you have it in green?", "Yes: *Moss green* is in stock in S, M and L.")
                    .tools(ok("get_inventory", "{\"sku\":\"JK-ALP-SH\",\"colour\":\"moss\"}",
                            "{\"in_stock\":true,\"sizes\":[\"S\",\"M\",\"L\"]}"))));

    static final Scenario CANCEL_MEMBERSHIP = new Scenario(SUPPORT_CHAT, "en-GB", List.of("subscriptions", "billing"), List.of(
            Turn.of("I want to cancel my Northwind+ membership.", """
                    You're on the annual plan, renewed 12 days ago. If you cancel now, your free shipping and member \
                    prices stay active until the end of the paid year.""")
                    .tools(ok("get_subscription", "{}", "{\"plan\":\"annual\",\"renewed_days_ago\":12,\"price\":\"49.00\"}")),
            Turn.of("Can I get a refund for the remaining months?", """
                    Yes: annual plans renewed less than 30 days ago are refunded in full, so that's **€49.00**.""")
                    .tools(ok("calculate_prorated_refund", "{\"plan\":\"annual\"}", "{\"refundable\":\"49.00\",\"rule\":\"full_within_30_days\"}"))
                    .signals(REFUND_REQUEST),
            Turn.of("Ok cancel it and refund", "Done. Your membership is cancelled and €49.00 is on its way back (refund `{refund}`).")
                    .tools(ok("cancel_subscription", "{\"refund\":true}", "{\"status\":\"cancelled\"}"),
                            ok("refund_order", "{\"subscription\":true,\"amount\":\"49.00\"}", "{\"refund_id\":\"{refund}\"}")),
            Turn.of("thx", "You're welcome. You can rejoin any time from your account page.")));

    static final Scenario DELIVERY_GERMAN = new Scenario(SUPPORT_CHAT, "de-DE", List.of("shipping", "delivery"), List.of(
            Turn.of("Hallo, meine Bestellung {order} ist noch nicht da. Können Sie nachsehen?", """
                    Hallo! Ihr Paket ist im Verteilzentrum Köln angekommen und wird voraussichtlich morgen zugestellt.
                    Sendungsnummer: `{tracking}`""")
                    .tools(ok("track_shipment", "{\"tracking_number\":\"{tracking}\"}",
                            "{\"status\":\"in_transit\",\"last_scan\":\"Köln\",\"eta\":\"morgen\"}")),
            Turn.of("Kann ich die Zustellung auf Samstag verschieben?", "Ja, erledigt ✅ Die Zustellung ist jetzt für Samstag zwischen 9 und 13 Uhr geplant.")
                    .tools(ok("update_delivery", "{\"tracking_number\":\"{tracking}\",\"day\":\"saturday\"}", "{\"ok\":true}")),
            Turn.of("Super, danke schön! 👍", "Gern geschehen! Viel Freude mit Ihrer Bestellung.").signals(POSITIVE_FEEDBACK)));

    static final Scenario ADDRESS_CHANGE = new Scenario(CHECKOUT_ASSIST, "en-US", List.of("account", "shipping"), List.of(
            Turn.of("I moved, please ship order {order} to Müllerstraße 12, 80469 München", """
                    Updated. Order **{order}** will now go to:

                    ```
                    Müllerstraße 12
                    80469 München
                    Germany
                    ```""")
                    .tools(ok("update_shipping_address", "{\"order_id\":\"{order}\",\"street\":\"Müllerstraße 12\",\"postcode\":\"80469\",\"city\":\"München\"}",
                            "{\"ok\":true,\"validated\":true}")),
            Turn.of("Can you also make it my default address?", "Done, it's now the default address on your account.")
                    .tools(ok("update_account", "{\"default_address\":\"Müllerstraße 12, 80469 München\"}", "{\"ok\":true}")),
            Turn.of("Does that change the delivery date?", "No, it still arrives on Thursday: München is in the same delivery zone.")));

    /** The scenarios a conversation opens with. */
    static final List<Scenario> ALL = List.of(DOUBLE_CHARGE, WHERE_IS_MY_ORDER, COUPON_REJECTED, CARD_DECLINED,
            RETURN_EXCHANGE, PRODUCT_QUESTION, CANCEL_MEMBERSHIP, DELIVERY_GERMAN, ADDRESS_CHANGE);

    /** Questions English-speaking users add once their first topic is settled. */
    static final List<Turn> FOLLOW_UPS = List.of(
            Turn.of("Can you email me a summary of this chat?", "Sent to the address on your account (j•••@example.com).")
                    .tools(ok("send_email", "{\"template\":\"chat_summary\"}", "{\"queued\":true}")),
            Turn.of("Is there a way to talk to a human?", """
                    Yes: I've opened ticket `{ticket}` with this conversation attached. \
                    A colleague replies within 4 business hours (Mon–Fri, 8:00–18:00 CET).""")
                    .tools(ok("create_ticket", "{\"queue\":\"tier2\"}", "{\"ticket\":\"{ticket}\"}")),
            Turn.of("What's your return window again?", """
                    **30 days** from delivery, free of charge. Items must be unworn, with tags. \
                    Sale items can be returned too."""),
            Turn.of("Do you ship to Switzerland?", """
                    Yes, in 3–5 business days. Duties and import VAT are included in the price you see, \
                    so there's nothing to pay on delivery."""),
            Turn.of("Can I get an invoice with my company VAT ID?", "Sure, here's the invoice for {order} with your VAT ID.")
                    .tools(ok("generate_invoice", "{\"order_id\":\"{order}\",\"vat_id\":\"DE123456789\"}",
                            "{\"invoice\":\"INV-{order}\",\"pdf\":\"https://invoices.northwind.example/{order}.pdf\"}"))
                    .output(text("invoice.md", "# Invoice INV-{order}\n\nVAT ID: DE123456789\nTotal: {amount}")));

    /** How a satisfied conversation often ends. */
    static final Turn THANKS = Turn.of("thanks, that's all!", "Happy to help. Have a great day! 🌲").signals(POSITIVE_FEEDBACK);

    /**
     * A background job, not a chat: it writes the order confirmation text, so its events have no user input and
     * no conversation. The turn's user text is the job's prompt to the model.
     */
    static final Scenario ORDER_SUMMARY = new Scenario("order_summary", "en-US", List.of("orders"), List.of(
            Turn.of("Write the order confirmation summary for order {order} (total {amount}).", """
                    ## Your order {order}

                    Thanks for shopping with Northwind! Your total was **{amount}**.
                    We'll email you the tracking number as soon as it ships.""")
                    .tools(ok("lookup_order", "{\"order_id\":\"{order}\"}", "{\"order_id\":\"{order}\",\"total\":\"{amount}\"}"))));
}
