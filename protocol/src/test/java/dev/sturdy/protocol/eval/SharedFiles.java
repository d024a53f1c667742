package dev.sturdy.protocol.eval;

import dev.sturdy.model.TestData;
import java.nio.file.Path;

/** The shared folder for this package's tests: {@link TestData#shared}, which skips (or in CI fails) where it is absent. */
final class SharedFiles {
    private SharedFiles() {
    }

    static Path require(String relative) {
        return TestData.shared(relative);
    }
}
