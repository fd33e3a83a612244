package com.opstower.raindrop.priming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.config.PrimingConfig;
import com.opstower.raindrop.queryapi.RaindropClient;
import com.opstower.raindrop.registry.ToolRegistry;
import com.opstower.raindrop.signal.SignalCatalog;
import com.opstower.raindrop.tool.Args;
import com.opstower.raindrop.tool.Param;
import com.opstower.raindrop.tool.ToolResult;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

/**
 * Primes every tool before a SnapStart snapshot: registered as a CRaC resource, whose {@code beforeCheckpoint} Lambda
 * runs after init and before it takes the snapshot. Each read-only tool is called a few times, as an invocation would
 * call it, against a {@link PrimingStandIn} of the Query API on the loopback interface: argument parsing, the REST client's
 * request and its answer's reading, Jackson's readers and writers of every wire type, the renderers, the answer bound.
 * The first call after a restore then finds its classes loaded and its code compiled. Nothing of it stays in the
 * snapshot: the stand-in's REST client and its connections are closed, the stand-in stopped, the signal names
 * forgotten; it used no key and no workspace. Tools that write (smoke_test stores a file) are not called.
 */
@Startup
@ApplicationScoped
public class SnapshotPriming implements Resource {

    private static final Logger LOG = Logger.getLogger(SnapshotPriming.class);
    /** Stands in for the connection a request carries: no real key. */
    private static final Map<String, Object> CONNECTION = Map.of("integration_id", "priming", "api_key", "priming",
            "project_id", "priming");

    private final PrimingConfig config;
    private final ToolRegistry registry;
    private final RaindropClient raindrop;
    private final SignalCatalog signals;
    private final ObjectMapper json;

    SnapshotPriming(PrimingConfig config, ToolRegistry registry, RaindropClient raindrop, SignalCatalog signals,
            ObjectMapper json) {
        this.config = config;
        this.registry = registry;
        this.raindrop = raindrop;
        this.signals = signals;
        this.json = json;
    }

    @PostConstruct
    void register() {
        if (config.enabled()) {
            Core.getGlobalContext().register(this);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws IOException {
        long started = System.nanoTime();
        Map<String, ToolResult> answers;
        try (PrimingStandIn standIn = PrimingStandIn.start()) {
            answers = prime(standIn);
        }
        answers.forEach((tool, answer) -> {
            if (answer.isError()) {
                LOG.warnf("Priming %s answered %s: its first call after a restore may be slower", tool, answer.error().code());
            }
        });
        LOG.infof("Primed %d tools (%d calls each) before the snapshot in %d ms", answers.size(), config.rounds(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing was kept that a restore must renew.
    }

    /** Calls every read-only tool against the stand-in, {@code rounds} times, then forgets what it saw; answers by tool. */
    Map<String, ToolResult> prime(PrimingStandIn standIn) {
        Map<String, ToolResult> answers = new LinkedHashMap<>();
        try {
            raindrop.throughStandIn(standIn.baseUri(), () -> {
                for (int round = 0; round < config.rounds(); round++) {
                    for (ToolRegistry.Entry entry : ToolRegistry.all()) {
                        if (entry.spec().hints().readOnly()) {
                            ToolResult answer = registry.serving(entry).call(request(entry.spec()));
                            serialize(answer);
                            answers.put(entry.spec().name(), answer);
                        }
                    }
                }
            });
        } finally {
            signals.forgetAll();
        }
        return answers;
    }

    /**
     * A request as the orchestrator sends it: the connection, and every required argument (an id the stand-in has; a
     * second event id names another event, as compare_traces takes two).
     */
    static Map<String, Object> request(ToolSpec spec) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put(Args.CONNECTION, CONNECTION);
        int events = 0;
        for (Param param : spec.params()) {
            if (param.required()) {
                String id = param.name().endsWith("event_id") && events++ > 0 ? PrimingStandIn.ID + "_" + events : PrimingStandIn.ID;
                request.put(param.name(), param.kind() == Param.Kind.TEXTS ? List.of(id) : id);
            }
        }
        return request;
    }

    /** The answer as the binding writes it. */
    private void serialize(ToolResult result) {
        try {
            json.writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a primed tool's answer did not serialize", e);
        }
    }
}
