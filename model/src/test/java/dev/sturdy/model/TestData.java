package dev.sturdy.model;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sturdy.model.data.DataSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Data the tests need that the repository does not hold: the shared folder beside the clone
 * (system property {@code sturdy.shared}, set by surefire, else ../../shared from the module
 * directory) and Fashion-MNIST from its Debian package. Where it is absent a test skips with a
 * message; with {@code -Dsturdy.requireData=true} (what .ci/run sets) it fails instead, so a CI
 * machine without the data cannot pass by skipping.
 */
public final class TestData {
    /** The system property that turns a missing data set from a skip into a failure. */
    public static final String REQUIRE = "sturdy.requireData";

    private TestData() {
    }

    /** A file or folder under the shared folder. */
    public static Path shared(String relative) {
        String configured = System.getProperty("sturdy.shared");
        Path root = configured != null ? Path.of(configured) : Path.of("../../shared");
        return require(root.resolve(relative).normalize(), "set -Dsturdy.shared=DIR to the shared folder");
    }

    /** The Fashion-MNIST folder (test and training IDX files). */
    public static Path fashionMnist() {
        return require(DataSpec.FASHION_MNIST, "apt-get install dataset-fashion-mnist");
    }

    private static Path require(Path path, String remedy) {
        if (!Files.exists(path)) {
            String message = "data absent: " + path.toAbsolutePath() + " (" + remedy + ")";
            if (Boolean.getBoolean(REQUIRE)) {
                fail(message + "; -D" + REQUIRE + "=true forbids skipping");
            }
            assumeTrue(false, message + "; skipping");
        }
        return path;
    }
}
