import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lambda functions exactly as {@code serverless.yml} defines them, read from the CloudFormation template that
 * {@code serverless package --stage ci} writes (.ci/serverless-package): handler, memory, timeout, SnapStart and the
 * environment, with the framework's own resolution of variables, anchors and the offline parameter set. Nothing of a
 * function's configuration is restated here.
 */
final class LambdaFunctions {

    static final Path TEMPLATE = Path.of(".serverless/cloudformation-template-update-stack.json");

    /** One function: what Lambda would run, with what. */
    record Function(String tool, String name, String handler, int memoryMb, int timeoutSeconds, boolean snapStart,
            Map<String, String> environment) {
    }

    private LambdaFunctions() {
    }

    /** The template's functions by the tool each exports ({@code QUARKUS_FUNQY_EXPORT}). */
    static Map<String, Function> read(Path template) throws IOException {
        if (!template.toFile().isFile()) {
            throw new IllegalStateException(template + " is missing: run bash .ci/serverless-package first");
        }
        JsonNode resources = new ObjectMapper().readTree(template.toFile()).path("Resources");
        Map<String, Function> functions = new LinkedHashMap<>();
        resources.forEach(resource -> {
            if (!resource.path("Type").asText().equals("AWS::Lambda::Function")) {
                return;
            }
            JsonNode properties = resource.path("Properties");
            Map<String, String> environment = new LinkedHashMap<>();
            properties.path("Environment").path("Variables").properties()
                    .forEach(variable -> environment.put(variable.getKey(), variable.getValue().asText()));
            String tool = environment.get("QUARKUS_FUNQY_EXPORT");
            functions.put(tool, new Function(tool, properties.path("FunctionName").asText(),
                    properties.path("Handler").asText(), properties.path("MemorySize").asInt(128),
                    properties.path("Timeout").asInt(3),
                    properties.path("SnapStart").path("ApplyOn").asText().equals("PublishedVersions"), environment));
        });
        return functions;
    }
}
