package dev.sturdy.protocol.eval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared folder: system property sturdy.shared (surefire sets it), else ../../shared; absent: skip. */
final class SharedFiles {
    private SharedFiles() {
    }

    static Path require(String relative) {
        String configured = System.getProperty("sturdy.shared");
        Path root = configured != null ? Path.of(configured) : Path.of("../../shared");
        Path path = root.resolve(relative).normalize();
        assumeTrue(Files.exists(path), "shared data absent, skipping: " + path.toAbsolutePath());
        return path;
    }
}
