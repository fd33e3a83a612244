import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tools as the unpacked zip's own registry declares them ({@code ToolRegistry.all()}), read in a class loader of
 * the zip's classes: a tool added to the registry is checked and measured without an edit here. Run on its own, it
 * lists their names: {@code java .ci/lambda/Registry.java UNPACKED_ZIP}.
 */
public final class Registry {

    /** One argument: its name, whether it is required, and its kind ({@code ID}, {@code TEXT}, ...). */
    record Param(String name, boolean required, String kind) {
    }

    /** One tool: its name, arguments, and whether the agent sees it (MCP and the manifest list only those). */
    record Tool(String name, List<Param> params, boolean agentTool) {
    }

    private Registry() {
    }

    public static void main(String[] args) throws Exception {
        for (Tool tool : tools(Path.of(args[0]))) {
            System.out.println(tool.name());
        }
    }

    static List<Tool> tools(Path taskRoot) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(taskRoot.toUri().toURL());
        try (Stream<Path> jars = Files.list(taskRoot.resolve("lib"))) {
            for (Path jar : jars.sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> registry = Class.forName("com.opstower.raindrop.registry.ToolRegistry", true, loader);
            List<String> agentTools = new ArrayList<>();
            for (Object spec : (List<?>) registry.getMethod("agentSpecs").invoke(null)) {
                agentTools.add((String) call(spec, "name"));
            }
            List<Tool> tools = new ArrayList<>();
            for (Object entry : (List<?>) registry.getMethod("all").invoke(null)) {
                Object spec = call(entry, "spec");
                List<Param> params = new ArrayList<>();
                for (Object param : (List<?>) call(spec, "params")) {
                    params.add(new Param((String) call(param, "name"), (boolean) call(param, "required"),
                            String.valueOf(call(param, "kind"))));
                }
                String name = (String) call(spec, "name");
                tools.add(new Tool(name, params, agentTools.contains(name)));
            }
            return tools;
        }
    }

    private static Object call(Object target, String accessor) throws ReflectiveOperationException {
        return target.getClass().getMethod(accessor).invoke(target);
    }
}
