package com.opstower.raindrop.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.opstower.raindrop.queryapi.InvocationDeadline;
import io.quarkus.funqy.lambda.FunqyStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Every tool's Lambda handler: Funqy's own, run as an invocation that must answer by the deadline Lambda gives it
 * ({@link Context#getRemainingTimeInMillis()}), so that no Query API call of the tool, retries and waits included,
 * runs past it. Funqy does not hand the Lambda context on to the functions it calls.
 */
public class LambdaHandler implements RequestStreamHandler {

    private final FunqyStreamHandler funqy = new FunqyStreamHandler();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Instant deadline = Instant.now().plusMillis(context.getRemainingTimeInMillis());
        InvocationDeadline.runUntil(deadline, () -> funqy.handleRequest(input, output, context));
    }
}
