package dev.sturdy.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What tests that drive tools outside the JVM (scripts, podman, python) ask of the host. */
final class HostTools {
    private HostTools() {
    }

    static boolean onPath(String tool) throws IOException, InterruptedException {
        return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
    }

    /** The repository's root: the nearest directory above the working directory holding {@code marker}. */
    static Path repositoryRoot(String marker) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(marker))) {
                return d;
            }
        }
        throw new IllegalStateException(marker + " not found above " + Path.of("").toAbsolutePath());
    }
}
