package com.opstower.raindrop.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opstower.raindrop.tool.Tool;
import com.opstower.raindrop.tool.ToolSpec;
import io.quarkus.funqy.Funq;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every place that names the tools agrees with the registry: the Funqy functions and serverless.yml. */
class ToolRegistryTest {

    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void eachRegisteredToolIsTheOneFunqyFunctionOfItsClassNamedAsItsSpec() throws Exception {
        for (ToolRegistry.Entry entry : ToolRegistry.all()) {
            List<String> functions = funqNames(entry.type());
            assertEquals(List.of(entry.spec().name()), functions, entry.type().getSimpleName());
        }
    }

    @Test
    void namesAreUnique() {
        List<String> names = ToolRegistry.all().stream().map(e -> e.spec().name()).toList();
        assertEquals(names.stream().distinct().toList(), names);
    }

    @Test
    void theApplicationExportsNoFunqyFunctionAndNoToolOutsideTheRegistry() throws Exception {
        Map<String, String> exported = new TreeMap<>();
        List<String> tools = new ArrayList<>();
        for (Class<?> type : applicationClasses()) {
            for (String name : funqNames(type)) {
                exported.put(name, type.getName());
            }
            if (Tool.class.isAssignableFrom(type) && !type.isInterface()) {
                tools.add(type.getName());
            }
        }
        Map<String, String> registered = new TreeMap<>();
        ToolRegistry.all().forEach(e -> registered.put(e.spec().name(), e.type().getName()));
        assertEquals(registered, exported);
        assertEquals(registered.values().stream().sorted().toList(), tools.stream().sorted().toList());
    }

    @Test
    void serverlessDeclaresOneLambdaPerToolExportingIt() throws IOException {
        Map<String, String> lambdas = lambdas(Files.readAllLines(Path.of("serverless.yml")));
        Map<String, String> expected = new LinkedHashMap<>();
        ToolRegistry.all().forEach(e -> expected.put(e.spec().name(), e.spec().name()));
        assertEquals(new TreeMap<>(expected), new TreeMap<>(lambdas));
    }

    @Test
    void theAgentToolsComeFirstAndAreTheManifestsTools() {
        List<ToolSpec> agent = ToolRegistry.agentSpecs();
        assertEquals(agent, ToolRegistry.all().subList(0, agent.size()).stream().map(ToolRegistry.Entry::spec).toList());
        assertTrue(agent.stream().noneMatch(s -> s.name().equals(DescribeToolsFunction.SPEC.name())));
    }

    /** The top-level {@code functions:} block: each function's key and its QUARKUS_FUNQY_EXPORT. */
    static Map<String, String> lambdas(List<String> lines) {
        Pattern function = Pattern.compile("^  ([a-z_]+):\\s*$");
        Pattern export = Pattern.compile("^\\s+QUARKUS_FUNQY_EXPORT:\\s*([a-z_]+)\\s*$");
        Map<String, String> lambdas = new LinkedHashMap<>();
        boolean inFunctions = false;
        String current = null;
        for (String line : lines) {
            if (!line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#")) {
                inFunctions = line.equals("functions:");
                continue;
            }
            if (!inFunctions) {
                continue;
            }
            Matcher m = function.matcher(line);
            if (m.matches()) {
                current = m.group(1);
                lambdas.put(current, null);
            }
            m = export.matcher(line);
            if (m.matches() && current != null) {
                lambdas.put(current, m.group(1));
            }
        }
        return lambdas;
    }

    private static List<String> funqNames(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Funq.class) && !m.isBridge())
                .map(ToolRegistryTest::funqName)
                .toList();
    }

    private static String funqName(Method method) {
        String value = method.getAnnotation(Funq.class).value();
        return value.isEmpty() ? method.getName() : value;
    }

    /** Every class compiled from the application's sources. */
    private static List<Class<?>> applicationClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                classes.add(Class.forName(name, false, ToolRegistryTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
