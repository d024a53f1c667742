package dev.sturdy.party.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sturdy.model.json.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A model shipped as a resource with its JSON sidecar, and the check that `sturdy eval` reproduces the sidecar's figures. */
final class ShippedModel {
    private ShippedModel() {
    }

    /** Copies the resource to {@code dir} and returns the file. */
    static Path copy(String resource, Path dir) throws Exception {
        Path file = dir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = ShippedModel.class.getResourceAsStream(resource)) {
            assertNotNull(in, "shipped model missing: " + resource);
            Files.copy(in, file);
        }
        return file;
    }

    /** The sidecar JSON beside the resource. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> sidecar(String resource) throws Exception {
        try (InputStream in = ShippedModel.class.getResourceAsStream(resource + ".json")) {
            assertNotNull(in, "sidecar missing: " + resource + ".json");
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Runs `sturdy eval` with {@code args} (B = 8..9) and asserts its accuracies equal {@code expected}'s. */
    @SuppressWarnings("unchecked")
    static void assertEvalReproduces(Map<String, Object> expected, String... args) throws Exception {
        CliRun eval = CliRun.of(args);
        assertEquals(0, eval.exitCode(), eval.err());
        Map<String, Object> doc = (Map<String, Object>) Json.parse(eval.out());
        assertEquals(number(expected.get("backbone")),
                number(((Map<String, Object>) doc.get("backbone")).get("accuracy")), 1e-9, "backbone");
        List<Map<String, Object>> pann = (List<Map<String, Object>>) doc.get("pann");
        assertEquals(2, pann.size());
        for (Map<String, Object> row : pann) {
            String beta = "B=" + row.get("beta");
            assertEquals(number(expected.get(beta)), number(row.get("accuracy")), 1e-9, beta);
        }
    }

    static double number(Object o) {
        return ((Number) o).doubleValue();
    }
}
