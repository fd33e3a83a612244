package com.opstower.raindrop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.stream.Collectors;

/** JSON Schema draft 2020-12 validation, as a client that reads the tool manifest would do it. */
public final class JsonSchemas {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private JsonSchemas() {
    }

    /** What the schema finds wrong with the value; empty when the value is valid. */
    public static List<String> errors(Object schema, Object value) {
        Schema compiled = REGISTRY.getSchema(JSON.valueToTree(schema));
        return messages(compiled.validate(JSON.valueToTree(value)));
    }

    /** What the draft 2020-12 meta-schema finds wrong with a schema; empty when it is a valid schema. */
    public static List<String> metaSchemaErrors(Object schema) {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        return messages(meta.validate(JSON.valueToTree(schema)));
    }

    public static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).collect(Collectors.toList());
    }
}
