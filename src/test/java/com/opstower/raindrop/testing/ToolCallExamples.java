package com.opstower.raindrop.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The documented example calls ({@code src/test/resources/examples/tool-calls.json}): a tool and its arguments each. */
public final class ToolCallExamples {

    public record Example(String tool, Map<String, Object> arguments) {
    }

    private ToolCallExamples() {
    }

    public static List<Example> all() {
        try {
            return JsonSchemas.JSON.readValue(Snapshots.resource("examples/tool-calls.json"), new TypeReference<List<Example>>() {
            });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
