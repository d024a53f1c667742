package dev.sturdy.party.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.party.samples.DemoModel;
import dev.sturdy.protocol.eval.FoldedGraph;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.sharing.AdditiveSharing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelShareFileTest {
    @TempDir
    Path dir;

    private final Model model = DemoModel.untrained(new Shape(1, 6, 6), 3, 5);

    @Test
    void sharesSurviveTheFileAndAddUpToTheEncodedWeightsWhileTheDealerGetsNoWeight() throws IOException {
        ModelShareFile[] files = ModelShareFile.split(model, 3, 9, 16, new SecureRandom());
        ModelShareFile[] loaded = new ModelShareFile[files.length];
        for (ModelShareFile f : files) {
            Path p = dir.resolve("role-" + f.role());
            f.save(p);
            loaded[f.role()] = ModelShareFile.load(p);
        }
        FoldedGraph graph = FoldedGraph.of(model);
        for (FoldedGraph.Layer l : graph.layers()) {
            if (l.hasWeights()) {
                long[] sum = AdditiveSharing.reconstruct(loaded[0].shares().weight(l.name()).data(),
                        loaded[1].shares().weight(l.name()).data(), loaded[2].shares().weight(l.name()).data());
                assertArrayEquals(new FixedPoint(16).encode(graph.folded(l.name()).weight()), sum, l.name());
            }
        }
        ModelShareFile dealer = loaded[3];
        assertTrue(dealer.isDealer());
        assertNull(dealer.shares());
        assertEquals(9, dealer.precisionB());
        assertEquals(model.normalization().mean()[0], dealer.structure().normalization().mean()[0]);
        for (float w : ((Conv2d) dealer.structure().graph().nodes().get(0).op()).weight()) {
            assertEquals(0f, w);
        }
    }

    @Test
    void aFileOfAnotherKindOrCutShortIsRefusedClearly() throws IOException {
        Path modelFile = dir.resolve("m.model");
        ModelFiles.write(model, modelFile);
        IOException e = assertThrows(IOException.class, () -> ModelShareFile.load(modelFile));
        assertTrue(e.getMessage().contains("not a Sturdy model share file"), e.getMessage());

        Path share = dir.resolve("p0");
        ModelShareFile.split(model, 2, 9, 16, new SecureRandom())[0].save(share);
        byte[] all = Files.readAllBytes(share);
        Files.write(share, Arrays.copyOf(all, all.length - 9));
        e = assertThrows(IOException.class, () -> ModelShareFile.load(share));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
