package dev.sturdy.party.cli;

import static dev.sturdy.party.cli.ShippedModel.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.TestData;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.party.samples.DemoModel;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Map<String, Object> sidecar = ShippedModel.sidecar(DemoModel.RESOURCE);
        Path model = ShippedModel.copy(DemoModel.RESOURCE, dir);
        assertTrue(Files.size(model) < 300_000, "small enough to ship: " + Files.size(model) + " bytes");
        Model m = ModelFiles.read(model);
        assertEquals("smallcnn", m.architecture());
        assertEquals(number(sidecar.get("bound")), m.pann().bound());
        ShippedModel.assertEvalReproduces((Map<String, Object>) sidecar.get("accuracy"),
                "eval", "--model", model.toString(), "--data", "idx:" + TestData.fashionMnist(), "--beta", "8..9", "--json");
    }
}
