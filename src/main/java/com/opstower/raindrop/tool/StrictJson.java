package com.opstower.raindrop.tool;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A JSON document is one value and nothing after it. By default Jackson reads the first value of a body and ignores
 * whatever follows, so that {@code {"limit":5}{"limit":500}} would run with 5 and an upstream body with garbage after
 * its envelope would pass as valid. The application's mapper (which the Funqy binding also reads requests with)
 * refuses both: a request answers INVALID_ARGUMENT, an upstream body UPSTREAM_BAD_RESPONSE.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
