package com.opstower.raindrop.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.Wire.Meta;
import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.Signal;
import com.opstower.raindrop.queryapi.Wire.SignalGroup;
import com.opstower.raindrop.testing.Snapshots;
import com.opstower.raindrop.tool.PageCursor;
import com.opstower.raindrop.tool.AnswerBound;
import com.opstower.raindrop.tool.ToolResult;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The markdown the agent reads for signals, pinned whole. */
class SignalRendererTest {

    private static final int BOUND = AnswerBound.TOOL_TEXT_CHARS;

    private static final ObjectMapper JSON = new ObjectMapper();

    static <T> T read(String resource, TypeReference<T> type) throws Exception {
        return JSON.readValue(Snapshots.resource(resource), type);
    }

    @Test
    void listsSignalsAndGroups() throws Exception {
        Page<Signal> signals = read("wiremock/__files/signals-list.json", new TypeReference<>() {
        });
        Page<SignalGroup> groups = read("wiremock/__files/signal-groups-list.json", new TypeReference<>() {
        });
        ToolResult result = SignalRenderer.list(signals, groups.items(), null, PageCursor.FIRST, BOUND);
        Snapshots.assertMatches("signal/list.md", result.text());
        assertEquals("eyJvZmZzZXQiOjJ9", result.data().get("next_cursor"));
    }

    @Test
    void listsOneGroupsSignals() throws Exception {
        Page<Signal> signals = read("wiremock/__files/signals-list-page2.json", new TypeReference<>() {
        });
        Snapshots.assertMatches("signal/list-group.md",
                SignalRenderer.list(signals, List.of(), "Experience", PageCursor.FIRST, BOUND).text());
    }

    @Test
    void saysSoWhenThereAreNone() {
        Snapshots.assertMatches("signal/list-empty.md",
                SignalRenderer.list(new Page<>(List.of(), null), List.of(), null, PageCursor.FIRST, BOUND).text());
    }

    @Test
    void fitsSignalsAndGroupsByItemsWithEveryLabelBounded() {
        String line = " line\n".repeat(300);
        List<Signal> signals = IntStream.rangeClosed(1, 30).mapToObj(i -> new Signal("sig_%02d".formatted(i),
                "topic" + line, "frustration" + line, "The user is annoyed." + line, null, "grp_1", "Experience" + line,
                "NEGATIVE" + line)).toList();
        List<SignalGroup> groups = IntStream.rangeClosed(1, 30).mapToObj(i -> new SignalGroup(
                "grp_%02d".formatted(i), "Experience" + line, "How users feel." + line, null, 4L)).toList();
        ToolResult result = SignalRenderer.list(new Page<>(signals, new Meta("cur_2", true)), groups, null, PageCursor.FIRST,
                4000);
        Snapshots.assertMatches("signal/list-fitted.md", result.text());
        assertTrue(result.text().length() <= 4000, "length " + result.text().length());
        assertEquals("skip:" + result.data().get("count") + ":", result.data().get("next_cursor"));
    }
}
