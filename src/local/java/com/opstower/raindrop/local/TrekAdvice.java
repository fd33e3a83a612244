package com.opstower.raindrop.local;

import static com.opstower.raindrop.local.TraceBuilder.INTERNAL;

import com.opstower.raindrop.local.AgentRun.Pace;
import com.opstower.raindrop.local.Payloads.Call;
import com.opstower.raindrop.local.Script.Turn;
import com.opstower.raindrop.local.TraceBuilder.Draft;
import java.util.List;

/**
 * A slow run: the checkout assistant advises on a trek kit in about eighteen seconds. The model asks for four tools
 * at once; three answer within a second, the fourth hands the sizing question to a sub-agent, whose retrieval of
 * the size guides runs an exact vector search of about eight seconds ({@code vector.search}, no index). The path
 * that decides when the trace ends runs through the sub-agent and its retrieval; the streamed answer after it waits
 * about three seconds for its first chunk ({@code ai.response.msToFirstChunk}).
 */
final class TrekAdvice {

    static final Turn ADVICE = Turn.of("""
            I'm doing the Karwendel hut trek in late September. Which pack and which rain jacket should I get? I'm \
            1.68 m and usually wear M.""", """
            For four days between huts in late September, I'd go light but warm:

            - **Pack: Summit 28 L in S/M.** At 1.68 m your back length is about 44 cm, right in the S/M range \
            (40–48 cm); 28 litres hold everything a hut trek needs, since the huts provide blankets.
            - **Rain jacket: Trail Lite in M.** It's cut for a base layer and a fleece underneath, which you'll want: \
            the outlook for the Karwendel is 2–9 °C at the huts with a good chance of rain on two of the four days.
            - Worth adding: the **Merino 150 base layer** and **merino socks**, both stay warm when damp.

            All three are in stock in Leipzig and arrive within two working days. Want me to put them in your cart?""");

    private static final String ADVISOR_PROMPT = """
            You are the sizing advisor of Northwind Outfitters. Answer one question about fit from the size guides the \
            retrieval tool returns: the size to choose and one sentence why. Never guess a measurement the guides do \
            not give.""";
    /** The answer's model call, streamed: a long prompt keeps it about three seconds from its first chunk. */
    private static final Pace SLOW_FIRST_CHUNK = new Pace(2600, 3200, 14);
    private static final String ADVISOR_QUESTION = "Pack size (Summit 28 L) and jacket size (Trail Lite) for a hiker of "
            + "1.68 m who usually wears M, layering a fleece underneath.";
    private static final String ADVISOR_ANSWER = "{\"pack\":{\"sku\":\"PK-28-LT\",\"size\":\"S/M\",\"why\":\"back length about 44 cm "
            + "at 1.68 m, within 40-48 cm\"},\"jacket\":{\"sku\":\"JK-TRL-LT\",\"size\":\"M\",\"why\":\"regular fit with room "
            + "for a mid layer\"}}";
    private static final String SIZE_GUIDES = "[{\"doc\":\"size-guide/packs/summit-28\",\"score\":0.91,\"text\":\"Summit 28 L "
            + "comes in S/M (back length 40-48 cm) and M/L (46-54 cm). Measure from the seventh cervical vertebra to the top "
            + "of the hip bones; as a rule of thumb, people of 1.60-1.75 m fit S/M.\"},{\"doc\":\"size-guide/jackets/trail-lite\","
            + "\"score\":0.88,\"text\":\"Trail Lite is a regular fit with room for a base layer and a mid layer. Chest M: "
            + "96-102 cm. If you are between sizes and wear a thick fleece, take the larger size.\"},{\"doc\":\"faq/layering\","
            + "\"score\":0.74,\"text\":\"For autumn hut treks, plan three layers: merino base, fleece or synthetic mid layer, "
            + "waterproof shell.\"}]";

    private TrekAdvice() {
    }

    static void advise(TraceBuilder trace, Draft root, Turn turn, LlmModel model) {
        Instrumentation noise = new Instrumentation(trace);
        noise.cacheGet(root, "session:trek", true);
        noise.flag(root, "checkout_agent", "control");
        noise.flag(root, "sizing-advisor", "on");
        AgentRun run = new AgentRun(trace, model, Pace.BRISK, List.of(), turn.userInput());
        Call jackets = new Call("call_Ma4QeZ8vKt1WnG6cHy3P", "search_catalog", "{\"query\":\"rain jacket\",\"max_price\":\"250.00\"}");
        Call packs = new Call("call_Bs9DjL2xRo5UfT7kVe0N", "search_catalog", "{\"query\":\"hiking pack 25-30 L\"}");
        Call weather = new Call("call_Wc6NhP3yGa8MiE1qXz4S", "get_weather_outlook",
                "{\"region\":\"Karwendel\",\"from\":\"late september\",\"days\":4}");
        Call sizing = new Call("call_Kv1RtF7bDu4OsJ9mAl2H", "ask_sizing_advisor", "{\"question\":\"" + ADVISOR_QUESTION + "\"}");
        run.ask(root, jackets, packs, weather, sizing);
        trace.parallel(List.of(
                () -> search(run, noise, trace, root, jackets, "[{\"sku\":\"JK-TRL-LT\",\"name\":\"Trail Lite rain jacket\",\"price\":\"139.00\"},"
                        + "{\"sku\":\"JK-ALP-SH\",\"name\":\"Alpine Shell jacket\",\"price\":\"229.00\"}]"),
                () -> search(run, noise, trace, root, packs, "[{\"sku\":\"PK-28-LT\",\"name\":\"Summit 28 L pack\",\"price\":\"89.00\"},"
                        + "{\"sku\":\"PK-30-AIR\",\"name\":\"AirFlow 30 L pack\",\"price\":\"119.00\"}]"),
                () -> run.tool(root, weather, "{\"region\":\"Karwendel\",\"huts_altitude_m\":\"1,700-2,100\",\"temperature_c\":"
                        + "{\"min\":2,\"max\":9},\"rain_days\":2,\"source\":\"climatology\"}", trace.random().between(380, 620)),
                () -> askSizingAdvisor(run, noise, trace, root, sizing)));
        run.pace(SLOW_FIRST_CHUNK).answer(root, turn.assistantOutput(), true);
    }

    private static void search(AgentRun run, Instrumentation noise, TraceBuilder trace, Draft root, Call call, String products) {
        Draft tool = run.openTool(root, call, products);
        noise.cacheGet(tool, "catalog:q:" + Integer.toHexString(call.arguments().hashCode()), false);
        noise.http(tool, "GET", "https://search.northwind.internal/v1/products?q=" + call.name(), 200, trace.random().between(120, 260));
        trace.close(tool);
    }

    /** The tool call that waits for a whole sub-agent: its own model rounds and the slow retrieval. */
    private static void askSizingAdvisor(AgentRun run, Instrumentation noise, TraceBuilder trace, Draft root, Call call) {
        Draft tool = run.openTool(root, call, ADVISOR_ANSWER);
        Draft agent = trace.open(tool, "invoke_agent sizing-advisor", INTERNAL).attribute("gen_ai.operation.name", "invoke_agent")
                .attribute("gen_ai.agent.name", "sizing-advisor");
        AgentRun advisor = new AgentRun(trace, LlmModel.GPT_5_MINI, Pace.BRISK, ADVISOR_PROMPT, List.of(), ADVISOR_QUESTION);
        Call retrieve = new Call("call_Pn0XgS5cYw2IkB8vLq7E", "retrieve_size_guides",
                "{\"query\":\"Summit 28 L back length; Trail Lite fit with fleece\",\"top_k\":50}");
        advisor.ask(agent, retrieve);
        Draft retrieval = advisor.openTool(agent, retrieve, SIZE_GUIDES);
        noise.cacheGet(retrieval, "embedding:q:" + Integer.toHexString(retrieve.arguments().hashCode()), false);
        trace.leaf(retrieval, "vector.search", INTERNAL, trace.random().between(8000, 8400)).status(TraceBuilder.UNSET)
                .attribute("db.system.name", "qdrant").attribute("db.operation.name", "search")
                .attribute("db.collection.name", "size_guides").attribute("db.vector.query.top_k", 50)
                .attribute("qdrant.search.exact", "true").attribute("db.response.returned_rows", 50)
                .attribute("server.address", "qdrant.internal");
        trace.close(retrieval);
        advisor.answer(agent, ADVISOR_ANSWER, false);
        trace.close(agent);
        trace.close(tool);
    }
}
