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

    /** Debian's Python 3 with these modules importable (the Python client's tests). */
    public static Path python(String... modules) {
        Path python = Path.of("/usr/bin/python3");
        String remedy = "apt-get install python3-grpcio python3-grpc-tools python3-numpy";
        require(python, remedy);
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import " + String.join(", ", modules))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                absent("python modules " + String.join(", ", modules) + " (" + remedy + "): " + out.strip());
            }
        } catch (java.io.IOException e) {
            absent(python + " does not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return python;
    }

    private static Path require(Path path, String remedy) {
        if (!Files.exists(path)) {
            absent(path.toAbsolutePath() + " (" + remedy + ")");
        }
        return path;
    }

    private static void absent(String what) {
        String message = "data absent: " + what;
        if (Boolean.getBoolean(REQUIRE)) {
            fail(message + "; -D" + REQUIRE + "=true forbids skipping");
        }
        assumeTrue(false, message + "; skipping");
    }
}
