package com.opstower.raindrop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Layers point one way: no package of the application imports a package that imports it back, directly or through
 * others. Read from the sources' import lines, so it holds for every source set, whichever build compiles it.
 */
class PackageLayersTest {

    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("src/http/java"),
            Path.of("src/lambda/java"), Path.of("src/local/java"));
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+com\\.opstower\\.raindrop\\.([a-z0-9_.]+);",
            Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile(
            "^import\\s+(?:static\\s+)?com\\.opstower\\.raindrop\\.([a-z0-9_.]+?)\\.[A-Z]", Pattern.MULTILINE);

    @Test
    void noPackageImportsOneThatImportsItBack() throws IOException {
        Map<String, Set<String>> imports = imports();
        List<String> cycles = new ArrayList<>();
        for (String from : imports.keySet()) {
            for (String to : imports.get(from)) {
                if (from.compareTo(to) < 0 && reaches(imports, to, from, new TreeSet<>())) {
                    cycles.add(from + " <-> " + to);
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles; imports: " + imports);
    }

    @Test
    void theQueryApiClientKnowsNothingAboveItButItsConfiguration() throws IOException {
        Set<String> used = new TreeSet<>(imports().getOrDefault("queryapi", Set.of()));
        used.remove("config");
        assertEquals(Set.of(), used);
    }

    private static boolean reaches(Map<String, Set<String>> imports, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : imports.getOrDefault(from, Set.of())) {
            if (reaches(imports, next, target, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Each application package and the other application packages its sources import. */
    private static Map<String, Set<String>> imports() throws IOException {
        Map<String, Set<String>> imports = new TreeMap<>();
        for (Path root : SOURCES) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    Matcher pkg = PACKAGE.matcher(source);
                    if (!pkg.find()) {
                        continue;
                    }
                    Set<String> used = imports.computeIfAbsent(pkg.group(1), p -> new TreeSet<>());
                    Matcher imported = IMPORT.matcher(source);
                    while (imported.find()) {
                        if (!imported.group(1).equals(pkg.group(1))) {
                            used.add(imported.group(1));
                        }
                    }
                }
            }
        }
        return imports;
    }
}
