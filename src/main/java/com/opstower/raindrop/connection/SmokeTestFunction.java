package com.opstower.raindrop.connection;

import com.opstower.raindrop.queryapi.Credentials;
import com.opstower.raindrop.queryapi.QueryApiFailure;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.QueryApiFailures;
import com.opstower.raindrop.tool.ToolFailure;
import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolRunner;
import com.opstower.raindrop.tool.ToolSpec;
import com.opstower.raindrop.trace.TraceFiles;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * {@code smoke_test}: run on a schedule and on demand, checks that the Query API answers with the call's connection
 * (the configured key, or the calling convention's {@code connection}) and with any connections passed in
 * ({@code {"connections":[{...}, ...]}}), and that trace file storage stores, signs and serves an object. One
 * structured log line per check; never a key.
 */
public class SmokeTestFunction implements Tool {

    static final String NAME = "smoke_test";

    private static final Logger LOG = Logger.getLogger(SmokeTestFunction.class);
    private static final int MAX_CONNECTIONS = 50;

    public static final ToolSpec SPEC = new ToolSpec(NAME,
            "Check that the Raindrop Query API answers for this deployment's connection (the configured key, or the "
                    + "`connection` sent) and for each of `connections`, and that trace file storage stores, signs and "
                    + "serves a file. Run on a schedule; one log line per check.",
            List.of(Param.objects("connections",
                    "More connections to check, each {api_key, project_id, integration_id}.", MAX_CONNECTIONS)),
            // Stores and removes one probe file; reads Raindrop.
            new ToolSpec.Hints(false, false, true, true));

    /** One check's outcome. */
    record Check(String check, String target, boolean ok, long latencyMs, ErrorCode errorCode, String message,
            Long retryAfterSeconds) {
    }

    @Inject
    ToolRunner runner;

    @Inject
    RaindropClient raindrop;

    @Inject
    TraceFiles files;

    @Funq(NAME)
    @Override
    public ToolResult call(Map<String, Object> request) {
        return runner.guarded(NAME, request, () -> report(checks(request)));
    }

    private List<Check> checks(Map<String, Object> request) {
        List<Map<?, ?>> connections = Args.parse(SPEC, request).objects("connections");
        Object sent = request == null ? null : request.get(Args.CONNECTION);
        List<Check> checks = new ArrayList<>();
        if (sent != null || runner.defaultConnection().isPresent()) {
            checks.add(api(ToolRunner.label(sent, "default"), () -> runner.connection(sent)));
        }
        for (int i = 0; i < connections.size(); i++) {
            Object raw = connections.get(i);
            String target = ToolRunner.label(raw, "connections[" + i + "]");
            checks.add(api(target, () -> runner.connection(raw)));
        }
        if (checks.isEmpty()) {
            throw new ToolFailure(ErrorCode.MISSING_CREDENTIALS, "There is no connection to check: no RAINDROP_API_KEY is "
                    + "configured and the input has neither `connection` nor `connections`.",
                    "Configure RAINDROP_API_KEY for this deployment, or pass `connections` to smoke_test.");
        }
        if (files.enabled()) {
            checks.add(timed("storage", "trace files", () -> files.probe()));
        }
        return checks;
    }

    private Check api(String target, Supplier<Credentials> connection) {
        return timed("query_api", target, () -> TestConnectionFunction.check(raindrop, connection.get()));
    }

    private static Check timed(String check, String target, Runnable probe) {
        long started = System.nanoTime();
        Check result;
        try {
            probe.run();
            result = new Check(check, target, true, elapsedMs(started), null, null, null);
        } catch (QueryApiFailure failure) {
            result = failed(check, target, started, QueryApiFailures.toToolFailure(failure));
        } catch (ToolFailure failure) {
            result = failed(check, target, started, failure);
        }
        LOG.infof("smoke_check check=%s target=%s outcome=%s latency_ms=%d", check, target,
                result.ok() ? "OK" : result.errorCode(), result.latencyMs());
        return result;
    }

    private static Check failed(String check, String target, long started, ToolFailure failure) {
        return new Check(check, target, false, elapsedMs(started), failure.code(), failure.getMessage(),
                failure.retryAfterSeconds());
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    static ToolResult report(List<Check> checks) {
        long failed = checks.stream().filter(c -> !c.ok()).count();
        StringBuilder text = new StringBuilder("Smoke test: ").append(checks.size() - failed).append(" of ")
                .append(checks.size()).append(" checks passed.\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Check c : checks) {
            text.append("\n- ").append(c.check()).append(" · ").append(c.target()).append(" · ")
                    .append(c.ok() ? "OK" : "**" + c.errorCode() + "**").append(" · ").append(c.latencyMs()).append(" ms")
                    .append(c.ok() ? "" : " · " + c.message());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("check", c.check());
            row.put("target", c.target());
            row.put("ok", c.ok());
            row.put("latency_ms", c.latencyMs());
            row.put("error_code", c.errorCode());
            rows.add(row);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ok", failed == 0);
        data.put("checks", rows);
        if (failed == 0) {
            return ToolResult.ok(text.toString(), data);
        }
        Check first = checks.stream().filter(c -> !c.ok()).findFirst().orElseThrow();
        ToolResult failure = ToolResult.failed(new ToolFailure(first.errorCode(),
                failed + " of " + checks.size() + " smoke checks failed; the first: " + first.check() + " " + first.target()
                        + ": " + first.message(),
                "Fix the failing connection or storage named above, then run smoke_test again.", first.retryAfterSeconds()));
        return new ToolResult(text + "\n\n" + failure.text(), true, failure.error(), data);
    }
}
