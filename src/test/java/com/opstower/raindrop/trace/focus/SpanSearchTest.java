package com.opstower.raindrop.trace.focus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A search over the text of spans as the reader shows it: what matches, the snippets, and what was cut upstream. */
class SpanSearchTest {

    private static SpanSearch search(String search, int truncLen) {
        return Focus.of(null, List.of(), null, search).newSearch(truncLen);
    }

    /** Shows {@code text} from the middle of a larger buffer, as the parser's buffer holds it. */
    private static void show(SpanSearch search, String field, String key, String text) {
        String buffer = "«" + "X".repeat(100) + text + "Y".repeat(100);
        search.text(field, key, buffer.toCharArray(), 101, text.length());
    }

    private static List<String> snippets(String search, String text) {
        SpanSearch spanSearch = search(search, 50_000);
        show(spanSearch, "input", null, text);
        return spanSearch.takeSnippets();
    }

    @Test
    void findsPlainTextInAnyCase() {
        assertEquals(List.of("input: The «Refund» was issued"), snippets("REFUND", "The Refund was issued"));
        assertEquals(List.of("input: «ÉTÉ» 2026"), snippets("été", "ÉTÉ 2026"));
        // As String.equalsIgnoreCase: the Kelvin sign is a K, a dotless ı an I.
        assertEquals(List.of("input: «\u212Aelvin» 5"), snippets("kelvin", "\u212Aelvin 5"));
        assertEquals(List.of("input: «\u0131d»"), snippets("ID", "\u0131d"));
        assertEquals(List.of(), snippets("refunds", "The Refund was issued"));
        // Plain text is not a pattern: its metacharacters are matched as written.
        assertEquals(List.of("input: costs «$5.00 (net)»"), snippets("$5.00 (net)", "costs $5.00 (net)"));
        assertEquals(List.of("input: at the «end»"), snippets("end", "at the end"));
    }

    @Test
    void findsRegularExpressionsAnchoredToTheTextNotTheBuffer() {
        assertEquals(List.of("input: «order 1042» failed"), snippets("/^order \\d+/", "order 1042 failed"));
        assertEquals(List.of(), snippets("/^failed/", "order 1042 failed"));
        assertEquals(List.of("input: order 1042 «failed»"), snippets("/FAILED$/", "order 1042 failed"));
    }

    @Test
    void keepsThreeSnippetsAPieceWithContextEitherSide() {
        String text = "a".repeat(100) + " refund " + "b".repeat(100) + " refund refund refund";
        List<String> found = snippets("refund", text);
        assertEquals(3, found.size());
        assertEquals("input: …" + "a".repeat(79) + " «refund» " + "b".repeat(79) + "…", found.get(0));
        assertEquals("input: …" + "b".repeat(79) + " «refund» refund refund", found.get(1));
        // Line breaks and tabs read as one space, so that a snippet stays on its line.
        assertEquals(List.of("input: one «two» three"), snippets("two", "one\n\n\ttwo\r\nthree"));
    }

    @Test
    void neverSplitsASurrogatePairAtTheEdgeOfASnippet() {
        String emoji = "\uD83D\uDE00";
        // The context before the match would start on the second half of a pair, and after it end on the first half.
        assertEquals(List.of("input: …" + emoji.repeat(40) + "x«refund»y" + emoji.repeat(39) + "…"),
                snippets("refund", emoji.repeat(100) + "x" + "refund" + "y" + emoji.repeat(100)));
    }

    @Test
    void findsEmptyMatchesOnceEach() {
        assertEquals(List.of("input: «»ab", "input: a«»b", "input: ab«»"), snippets("/x*/", "ab"));
        assertEquals(List.of("input: «»"), snippets("/x*/", ""));
    }

    @Test
    void namesTheFieldAndAttributeOfEachMatchAcrossASpanThenStartsAfresh() {
        SpanSearch search = search("429", 50_000);
        show(search, "name", null, "call 429");
        show(search, "attributes", "http.status_code", "429");
        assertEquals(List.of("name: call «429»", "attributes.http.status_code: «429»"), search.takeSnippets());
        show(search, "output", null, "nothing here");
        assertEquals(List.of(), search.takeSnippets());
    }

    @Test
    void countsThePayloadsCutUpstream() {
        SpanSearch search = search("x", 10);
        show(search, "input", null, "0123456789");
        show(search, "output", null, "012345678");
        show(search, "name", null, "0123456789");
        show(search, "attributes", "k", "0123456789");
        assertEquals(1, search.payloadsCutUpstream());
    }

    @Test
    void namesTheMessageAndPartOfAChatPayloadThatAMatchIsIn() {
        String chat = "{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"system\",\"content\":\"You refund orders.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Refund order 1042\"}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"order 1042: refund failed\"}]}";
        assertEquals(List.of("input /messages/0/content", "input /messages/1/content/0/text", "input /messages/2/content"),
                wheres(snippets("refund", chat)));
        assertEquals("input /messages/2/content: …\"tool_call_id\":\"c1\",\"content\":\"order 1042: «refund» failed\"}]}",
                snippets("refund", chat).get(2).replaceFirst(": .*\"tool_call_id", ": …\"tool_call_id"));
        // A match outside the messages, and one in a payload that is not a chat, name only the field.
        assertEquals(List.of("input"), wheres(snippets("gpt-5", chat)));
        assertEquals(List.of("input: The «refund» was issued"), snippets("refund", "The refund was issued"));
    }

    private static List<String> wheres(List<String> snippets) {
        return snippets.stream().map(snippet -> snippet.substring(0, snippet.indexOf(": "))).toList();
    }
}
