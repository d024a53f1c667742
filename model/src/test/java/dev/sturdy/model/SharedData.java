package dev.sturdy.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared folder of data sets and models on the build machines: system property
 * {@code sturdy.shared} (set by surefire), else ../../shared from the module directory.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The file or folder under the shared folder; skips the calling test when it is absent. */
    public static Path require(String relative) {
        String configured = System.getProperty("sturdy.shared");
        Path root = configured != null ? Path.of(configured) : Path.of("../../shared");
        Path path = root.resolve(relative).normalize();
        assumeTrue(Files.exists(path), "shared data absent, skipping: " + path.toAbsolutePath()
                + " (set -Dsturdy.shared=DIR to the shared folder)");
        return path;
    }
}
