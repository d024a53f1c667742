package dev.sturdy.party.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.TestData;
import dev.sturdy.model.json.Json;
import dev.sturdy.party.samples.DemoModel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded demo model is small, sturdy, and its sidecar's accuracies are what `sturdy eval` measures. */
class DefaultModelTest {


    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void sidecarAccuraciesAreReproducedByEval() throws Exception {
        Map<String, Object> sidecar = sidecar();
        Path model = dir.resolve("default.model");
        try (InputStream in = DefaultModelTest.class.getResourceAsStream(DemoModel.RESOURCE)) {
            assertNotNull(in, "embedded model missing");
            Files.copy(in, model);
        }
        assertTrue(Files.size(model) < 300_000, "small enough to ship: " + Files.size(model) + " bytes");
        Model m = ModelFiles.read(model);
        assertEquals("smallcnn", m.architecture());
        assertEquals(((Number) sidecar.get("bound")).doubleValue(), m.pann().bound());

        CliRun eval = CliRun.of("eval", "--model", model.toString(), "--data", "idx:" + TestData.fashionMnist(), "--beta", "8..9", "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        Map<String, Object> doc = (Map<String, Object>) Json.parse(eval.out());
        Map<String, Object> accuracy = (Map<String, Object>) sidecar.get("accuracy");
        assertEquals(number(accuracy.get("backbone")), number(((Map<String, Object>) doc.get("backbone")).get("accuracy")), 1e-9);
        List<Map<String, Object>> pann = (List<Map<String, Object>>) doc.get("pann");
        assertEquals(2, pann.size());
        for (Map<String, Object> row : pann) {
            String beta = "B=" + row.get("beta");
            assertEquals(number(accuracy.get(beta)), number(row.get("accuracy")), 1e-9, beta);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> sidecar() throws Exception {
        try (InputStream in = DefaultModelTest.class.getResourceAsStream(DemoModel.RESOURCE + ".json")) {
            assertNotNull(in, "sidecar default.model.json missing");
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }
}
