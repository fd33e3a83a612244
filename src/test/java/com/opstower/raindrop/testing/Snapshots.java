package com.opstower.raindrop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Snapshot assertions: the whole rendered text is compared with a reviewed file under
 * {@code src/test/resources/snapshots}. A missing snapshot is written and the test fails, so that a person reads
 * it before it counts; {@code -Dsnapshots.update=true} rewrites snapshots after an intended change.
 */
public final class Snapshots {

    private static final Path ROOT = Path.of("src/test/resources/snapshots");

    private Snapshots() {
    }

    public static void assertMatches(String name, String actual) {
        Path file = ROOT.resolve(name);
        try {
            boolean update = Boolean.getBoolean("snapshots.update");
            if (update || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                if (!update) {
                    fail("New snapshot written to " + file + ": review it, then run the test again.");
                }
                return;
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "rendered text differs from " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource as text. */
    public static String resource(String path) {
        try {
            return Files.readString(Path.of("src/test/resources").resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
