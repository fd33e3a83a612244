package com.opstower.raindrop.trace.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultMismatchTest {

    @Test
    void namesTheFieldsAResultChangedFromItsArguments() {
        assertEquals("order_id NW-48213 → NW-41877, rma_id RMA-7731 → RMA-6620", mismatch(
                "{\"order_id\":\"NW-48213\",\"rma_id\":\"RMA-7731\",\"refund_method\":\"original_payment\"}",
                "{\"quote_id\":\"rq_1\",\"order_id\":\"NW-41877\",\"rma_id\":\"RMA-6620\",\"items\":[{\"order_id\":\"x\"}]}"));
    }

    @Test
    void aResultThatEchoesItsArgumentsOrSharesNoFieldWithThemChangesNothing() {
        assertEquals("", mismatch("{\"order_id\":\"NW-1\"}", "{\"order_id\":\"NW-1\",\"status\":\"shipped\"}"));
        assertEquals("", mismatch("{\"order_id\":\"NW-1\"}", "{\"status\":\"shipped\"}"));
        assertEquals("", mismatch("{\"amount\":\"22.90\",\"ok\":true}", "{\"amount\":22.9,\"ok\":true}"),
                "numbers of the same value are the same, whether sent as numbers or strings");
        assertEquals("", mismatch("{\"order_id\":\"NW-1\",\"note\":null}", "{\"order_id\":\"NW-1\",\"note\":\"x\"}"),
                "a null argument asks for nothing");
    }

    @Test
    void onlyTopLevelScalarsOfTwoObjectsAreCompared() {
        assertEquals("", mismatch("{\"order\":{\"id\":\"NW-1\"}}", "{\"order\":{\"id\":\"NW-2\"}}"));
        assertEquals("", mismatch("{\"id\":\"NW-1\"}", "{\"id\":[\"NW-2\"]}"));
        assertEquals("", mismatch("[{\"id\":\"NW-1\"}]", "{\"id\":\"NW-2\"}"));
        assertEquals("", mismatch("{\"id\":\"NW-1\"}", "[{\"id\":\"NW-2\"}]"));
        assertEquals("", mismatch("not json", "{\"id\":\"NW-2\"}"));
        assertEquals("id NW-1 → NW-2", mismatch("{\"id\":\"NW-1\"}", "{\"id\":\"NW-2\",\"id\":\"NW-3\",\"broken"),
                "the first of a repeated field, and what was read before the JSON broke");
    }

    @Test
    void staysShortWhateverThePayloads() {
        String arguments = "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":\"" + "x".repeat(100) + "\"}";
        String result = "{\"e\":\"" + "y\\n".repeat(100) + "\",\"d\":5,\"c\":6,\"b\":7,\"a\":8}";
        assertEquals("e " + "x".repeat(40) + "… → " + "y ".repeat(20).strip() + "…, d 4 → 5, c 3 → 6 and 2 more",
                mismatch(arguments, result));
    }

    private static String mismatch(String arguments, String result) {
        Map<String, String> asked = ResultMismatch.scalars(arguments.toCharArray(), 0, arguments.length());
        return ResultMismatch.of(asked, result.toCharArray(), 0, result.length());
    }
}
