package dev.sturdy.model.approx;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates approxCNN's reference files in the shared folder, or skips the calling test with a reason. */
final class SharedReference {

    private SharedReference() {
    }

    static Path approxCnnDir() {
        String shared = System.getProperty("sturdy.shared");
        Path base = shared != null ? Path.of(shared) : Path.of("..", "..", "shared");
        Path dir = base.resolve("reference").resolve("approxcnn-sign-polys");
        assumeTrue(Files.isDirectory(dir), "approxCNN reference files not found at " + dir.toAbsolutePath()
                + " (set -Dsturdy.shared=PATH to the shared folder); skipping");
        return dir;
    }
}
