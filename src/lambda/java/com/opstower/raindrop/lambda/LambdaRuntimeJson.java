package com.opstower.raindrop.lambda;

import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.amazon.lambda.runtime.FunctionError;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Singleton;

/**
 * What the Lambda extension's own poll loop (the one a native executable runs on {@code provided.al2023}) needs of
 * Jackson and does not get from Quarkus 3.33. It reads each invocation's {@code Lambda-Runtime-Cognito-Identity}
 * header as {@link CognitoIdentity}, an interface Jackson cannot make, so every invocation carrying the header failed;
 * and it writes {@link FunctionError} to {@code /error}, which the extension registers for reflection without its
 * getters, so a native executable could not report a failure and stopped instead.
 */
@Singleton
@RegisterForReflection(targets = FunctionError.class)
class LambdaRuntimeJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("lambda-runtime-headers")
                .addAbstractTypeMapping(CognitoIdentity.class, CognitoIdentityHeader.class));
    }

    /** The Cognito identity header's JSON, as Lambda sends it for calls made with the AWS Mobile SDK. */
    @RegisterForReflection
    record CognitoIdentityHeader(@JsonProperty("cognitoIdentityId") String identityId,
            @JsonProperty("cognitoIdentityPoolId") String identityPoolId) implements CognitoIdentity {

        @Override
        public String getIdentityId() {
            return identityId;
        }

        @Override
        public String getIdentityPoolId() {
            return identityPoolId;
        }
    }
}
