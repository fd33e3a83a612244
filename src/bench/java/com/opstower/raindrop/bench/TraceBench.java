package com.opstower.raindrop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.queryapi.ResponseBody;
import com.opstower.raindrop.queryapi.Wire.Event;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.trace.compare.CompareRenderer;
import com.opstower.raindrop.trace.compare.ComparedTrace;
import com.opstower.raindrop.trace.compare.EventRecords;
import com.opstower.raindrop.trace.focus.Focus;
import com.opstower.raindrop.trace.read.TraceReader;
import com.opstower.raindrop.trace.span.SpanRenderer;
import com.opstower.raindrop.trace.tree.TraceRenderer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU cost of a trace body once its bytes are in memory, beside the bare streaming parse of the same bytes:
 * the markdown tree from the raw bytes (parse, then render with the production defaults and {@code limit} 1000),
 * get_trace with a search, get_span, and file mode's measurement step (size and span count).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TraceBench {

    static final String EVENT_ID = "evt_bench";
    static final TraceRenderer.Options OPTIONS = TraceRenderer.Options.withLimit(TraceRenderer.MAX_LIMIT);

    @Param({"142", "1000", "10000"})
    public int spans;

    byte[] bytes;
    /** The bytes as the client hands them over, one piece. */
    ResponseBody body;

    /** A search for an error message, as an agent investigating a failure sends it: about 1% of the spans match. */
    static final Focus SEARCH = Focus.of(null, List.of(), null, "502 bad gateway");
    /** The same as a regular expression. */
    static final Focus SEARCH_REGEX = Focus.of(null, List.of(), null, "/5\\d\\d bad gateway/");
    /** A word half the spans hold: every match is drawn and its snippets made, until the answer is full. */
    static final Focus SEARCH_BROAD = Focus.of(null, List.of(), null, "refund");

    /** The same run with 1% of its spans changed, for compare_traces. */
    byte[] changedBytes;
    ResponseBody changed;

    /** The span get_span reads: the middle one of the body, so that half the body is read after it is found. */
    String middleSpanId;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        use(SyntheticTrace.Size.ofSpans(spans).body());
    }

    /** Benchmarks {@code bytes}, a {@code /v1/traces} body, instead of a generated one. */
    void use(byte[] bytes) throws IOException {
        this.bytes = bytes;
        body = ResponseBody.of(bytes);
        changedBytes = SyntheticTrace.withChanges(bytes, 100);
        changed = ResponseBody.of(changedBytes);
        JsonNode data = new ObjectMapper().readTree(bytes).get("data");
        middleSpanId = data.get(data.size() / 2).get("span_id").asText();
    }

    /** The physical limit: every token, every string decoded, nothing built. */
    @Benchmark
    public long bareParse() {
        return BareParse.consume(bytes);
    }

    /** get_trace's tree mode after the fetch, as GetTraceFunction calls it: raw bytes to markdown and structured data. */
    @Benchmark
    public ToolResult render() {
        return TraceRenderer.render(EVENT_ID, body, OPTIONS);
    }

    /** get_trace with a search, after the fetch: the tree of the matching spans, every payload searched whole. */
    @Benchmark
    public ToolResult search() {
        return search(SEARCH);
    }

    @Benchmark
    public ToolResult searchRegex() {
        return search(SEARCH_REGEX);
    }

    @Benchmark
    public ToolResult searchBroad() {
        return search(SEARCH_BROAD);
    }

    private ToolResult search(Focus focus) {
        return TraceRenderer.render(EVENT_ID, body, new TraceRenderer.Options(OPTIONS.previewLength(),
                OPTIONS.maxAnswerChars(), OPTIONS.requestedLimit(), focus, Integer.MAX_VALUE));
    }

    /** get_span after the fetch: one span's payloads whole, without the tree, with the default window. */
    @Benchmark
    public ToolResult getSpan() {
        return SpanRenderer.render(EVENT_ID, body, new SpanRenderer.Request(middleSpanId, null, 0, 8_000, null,
                Integer.MAX_VALUE));
    }

    /** The bare parse of both bodies compare_traces reads: its baseline. */
    @Benchmark
    public long bareParseBoth() {
        return BareParse.consume(bytes) + BareParse.consume(changedBytes);
    }

    /**
     * compare_traces after the fetches: the run and its baseline with 1% of the spans changed, each read once with
     * its LLM and tool payloads kept, aligned, compared and rendered.
     */
    @Benchmark
    public ToolResult compare() {
        return CompareRenderer.render(ComparedTrace.read("evt_baseline", body, Focus.NONE, Integer.MAX_VALUE),
                ComparedTrace.read(EVENT_ID, changed, Focus.NONE, Integer.MAX_VALUE),
                new EventRecords(record("evt_baseline", "control"), record(EVENT_ID, "variant-b")),
                new CompareRenderer.Options(OPTIONS.maxAnswerChars(), Focus.NONE, Integer.MAX_VALUE));
    }

    /** An event's record as the Query API answers it, on one arm of an experiment. */
    private static EventRecords.Read record(String eventId, String arm) {
        return EventRecords.Read.of(new Event(eventId, "support_chat", "user_1", null, null, null, null, null, "gpt-5",
                null, null, null, null, null, null, Map.of("checkout_agent", arm), null));
    }

    /** get_trace's file mode after the fetch, before the upload: the size and the span count it reports. */
    @Benchmark
    public long measureFile() {
        return (body.length() << 32) | TraceReader.countSpans(body);
    }
}
