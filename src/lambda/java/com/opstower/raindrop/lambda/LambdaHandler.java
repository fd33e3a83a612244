package com.opstower.raindrop.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.opstower.raindrop.config.PrimingConfig;
import com.opstower.raindrop.queryapi.InvocationDeadline;
import io.quarkus.funqy.lambda.FunqyStreamHandler;
import io.smallrye.config.SmallRyeConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.crac.Core;
import org.crac.Resource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every tool's Lambda handler: Funqy's own, run as an invocation that must answer by the deadline Lambda gives it
 * ({@link Context#getRemainingTimeInMillis()}), so that no Query API call of the tool, retries and waits included,
 * runs past it. Funqy does not hand the Lambda context on to the functions it calls.
 *
 * <p>Before a SnapStart snapshot it also primes its own path, which the tools' priming does not take: Funqy's reading
 * of the event and writing of the answer. It sends itself an event with an argument no tool accepts, which every tool
 * refuses before any call (see {@code SnapshotPriming} for the tools themselves).
 */
public class LambdaHandler implements RequestStreamHandler, Resource {

    private static final byte[] REFUSED_EVENT = "{\"priming\":true}".getBytes(StandardCharsets.UTF_8);

    private final FunqyStreamHandler funqy = new FunqyStreamHandler();

    public LambdaHandler() {
        if (ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(PrimingConfig.class).enabled()) {
            Core.getGlobalContext().register(this);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Instant deadline = Instant.now().plusMillis(context.getRemainingTimeInMillis());
        InvocationDeadline.runUntil(deadline, () -> funqy.handleRequest(input, output, context));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
        handleRequest(new ByteArrayInputStream(REFUSED_EVENT), OutputStream.nullOutputStream(), new PrimingContext());
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing was kept that a restore must renew.
    }
}
