package com.opstower.raindrop.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.local.SampleModel.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The story of the slow run {@value SampleWorkspace#SLOW_TRACE_EVENT_ID}, asserted on the sample's own data.
 *
 * <ul>
 *   <li><b>Symptom:</b> a trek-kit question took about eighteen seconds to answer.</li>
 *   <li><b>Where the time went:</b> the model asked for four tools at once; three answered within a second, the
 *       fourth, {@code ask_sizing_advisor} ({@value #SIZING_ADVISOR}), waited for a sub-agent
 *       ({@value #SUB_AGENT}) whose retrieval ({@value #RETRIEVAL}) ran an exact vector search of about eight seconds
 *       ({@code vector.search}, {@value #VECTOR_SEARCH}, {@code qdrant.search.exact}): the critical path runs through
 *       the sub-agent and that search, the largest own time of the trace. The streamed answer after it
 *       ({@value #ANSWER_STREAM}) waited about three seconds for its first chunk
 *       ({@code ai.response.msToFirstChunk}).</li>
 * </ul>
 */
class SlowRunTest {

    static final String ROOT = "e11b1927d8ceb821";
    static final String SIZING_ADVISOR = "42c01d00a1e40637";
    static final String SUB_AGENT = "402408ae4ad33af1";
    static final String RETRIEVAL = "7f69ec3450724dc9";
    static final String VECTOR_SEARCH = "61d824b1abf42924";
    static final String ANSWER = "7395c0069aba51c6";
    static final String ANSWER_STREAM = "220a410104d56c2a";

    private final List<Span> spans = SampleWorkspace.generate(Instant.parse("2026-11-26T12:00:00Z"))
            .trace(SampleWorkspace.SLOW_TRACE_EVENT_ID);
    private final Map<String, Span> byId = spans.stream().collect(Collectors.toMap(Span::spanId, Function.identity()));

    @Test
    void fourToolCallsRanAtOnceAndTheSubAgentEndedLast() {
        List<Span> tools = children(ROOT).stream().filter(s -> s.spanType().equals("TOOL_CALL")).toList();
        assertEquals(List.of("search_catalog", "get_weather_outlook", "search_catalog", "ask_sizing_advisor"),
                tools.stream().map(Span::spanName).toList());
        long firstStart = tools.get(0).startTimeNs();
        assertTrue(tools.stream().allMatch(t -> t.startTimeNs() - firstStart < 5_000_000L), "started together");
        long sum = tools.stream().mapToLong(Span::durationNs).sum();
        long union = tools.stream().mapToLong(Span::endTimeNs).max().orElseThrow() - firstStart;
        assertTrue(sum > union, "they overlap: " + sum / 1_000_000 + " ms of tool time in " + union / 1_000_000 + " ms");
        Span lastToEnd = tools.stream().max(Comparator.comparingLong(Span::endTimeNs)).orElseThrow();
        assertEquals(SIZING_ADVISOR, lastToEnd.spanId());
        assertTrue(tools.stream().filter(t -> t != lastToEnd).allMatch(t -> t.durationNs() < 1_000_000_000L));
    }

    @Test
    void theCriticalPathRunsThroughTheSubAgentsRetrieval() {
        // Walking back from the end: the child that ended last, then the sibling that ended last before it began.
        assertEquals(24, spans.size());
        List<String> path = new ArrayList<>();
        criticalPath(byId.get(ROOT), path);
        assertTrue(path.containsAll(List.of(SIZING_ADVISOR, SUB_AGENT, RETRIEVAL, VECTOR_SEARCH, ANSWER)), path.toString());
        assertEquals("invoke_agent sizing-advisor", byId.get(SUB_AGENT).spanName());
        assertEquals(SIZING_ADVISOR, byId.get(SUB_AGENT).parentSpanId());
        assertEquals(RETRIEVAL, byId.get(VECTOR_SEARCH).parentSpanId());

        long wall = byId.get(ROOT).durationNs();
        assertTrue(wall > 16_000_000_000L && wall < 20_000_000_000L, wall / 1_000_000 + " ms");
        Span search = byId.get(VECTOR_SEARCH);
        assertEquals("true", search.attributes().get("qdrant.search.exact"));
        assertTrue(search.durationNs() * 100 / wall >= 40, "the search's share of the wall time");
        Span longestOwn = spans.stream().max(Comparator.comparingLong(this::ownTime)).orElseThrow();
        assertEquals(VECTOR_SEARCH, longestOwn.spanId());
    }

    @Test
    void theStreamedAnswerRecordsItsTimeToFirstChunk() {
        Span stream = byId.get(ANSWER_STREAM);
        assertEquals("ai.streamText.doStream", stream.spanName());
        assertEquals("LLM_GENERATION_STREAM", stream.spanType());
        assertEquals(ANSWER, stream.parentSpanId());
        long firstChunkMs = ((Number) stream.attributes().get("ai.response.msToFirstChunk")).longValue();
        assertTrue(firstChunkMs >= 2600 && firstChunkMs <= 3200, firstChunkMs + " ms");
        assertEquals(stream.durationNs() / 1_000_000, ((Number) stream.attributes().get("ai.response.msToFinish")).longValue());
        assertTrue(byId.get(ANSWER).startTimeNs() >= byId.get(SIZING_ADVISOR).endTimeNs(), "the answer waited for the sub-agent");
    }

    private void criticalPath(Span span, List<String> path) {
        path.add(span.spanId());
        long until = span.endTimeNs();
        List<Span> children = children(span.spanId());
        while (true) {
            long limit = until;
            Span last = children.stream().filter(c -> c.endTimeNs() <= limit && !path.contains(c.spanId()))
                    .max(Comparator.comparingLong(Span::endTimeNs)).orElse(null);
            if (last == null) {
                return;
            }
            criticalPath(last, path);
            until = last.startTimeNs();
        }
    }

    /** A span's time minus the union of its children's. */
    private long ownTime(Span span) {
        long covered = 0;
        long reach = span.startTimeNs();
        for (Span child : children(span.spanId())) {
            long start = Math.max(child.startTimeNs(), reach);
            if (child.endTimeNs() > start) {
                covered += child.endTimeNs() - start;
                reach = child.endTimeNs();
            }
        }
        return span.durationNs() - covered;
    }

    private List<Span> children(String parentId) {
        return spans.stream().filter(s -> parentId.equals(s.parentSpanId()))
                .sorted(Comparator.comparingLong(Span::startTimeNs)).toList();
    }
}
