package com.opstower.raindrop.queryapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The client sits below the tools: it reports what happened and never reaches up for how the agent is told. */
class LayersTest {

    private static final Path SOURCES = Path.of("src/main/java/com/opstower/raindrop/queryapi");
    private static final Pattern PROJECT_IMPORT = Pattern.compile("^import (?:static )?com\\.opstower\\.raindrop\\.(\\w+)\\.",
            Pattern.MULTILINE);
    private static final List<String> ALLOWED = List.of("queryapi", "config");

    @Test
    void theClientImportsNoToolOrFeaturePackage() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            List<String> upward = files.flatMap(LayersTest::projectImports)
                    .filter(i -> !ALLOWED.contains(i.substring(i.indexOf(' ') + 1)))
                    .toList();
            assertEquals(List.of(), upward);
        }
    }

    private static Stream<String> projectImports(Path file) {
        try {
            Matcher m = PROJECT_IMPORT.matcher(Files.readString(file));
            return m.results().map(r -> file.getFileName() + " " + r.group(1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
