package dev.sturdy.party.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.party.samples.DemoModel;
import dev.sturdy.model.lower.LoweredGraph;
import dev.sturdy.protocol.eval.SecureModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelShareFileTest {
    @TempDir
    Path dir;

    private final Model model = DemoModel.untrained(new Shape(1, 6, 6), 3, 5);

    @Test
    void noRoleLearnsTheModelsMetadata() throws IOException {
        Model withMetadata = new Model(model.name(), model.architecture(), model.graph(), model.classes(),
                model.normalization(), model.pann(), Map.of("source", "owners-private-weights.npz"));
        for (ModelShareFile f : ModelShareFile.split(withMetadata, 2, 9, 0, new SecureRandom())) {
            Path p = dir.resolve("role-" + f.role());
            f.save(p);
            assertEquals(Map.of(), ModelShareFile.load(p).structure().metadata(), "role " + f.role());
            assertFalse(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains("owners-private"));
        }
    }

    @Test
    void maskedWeightsMinusTheDealersMaskAreTheEncodedWeightsAndBiasSharesAddUp() throws IOException {
        ModelShareFile[] files = ModelShareFile.split(model, 3, 9, 0, new SecureRandom());
        ModelShareFile[] loaded = new ModelShareFile[files.length];
        for (ModelShareFile f : files) {
            Path p = dir.resolve("role-" + f.role());
            f.save(p);
            loaded[f.role()] = ModelShareFile.load(p);
        }
        ModelShareFile dealer = loaded[3];
        SecureModel secure = dealer.secure();
        LoweredGraph graph = LoweredGraph.of(model.graph());
        double[] multiplier = SecureModel.multipliers(graph, model.pann().bound());
        long keep = (1L << secure.linearRing()) - 1;
        for (int l = 0; l < graph.layers().size(); l++) {
            LoweredGraph.Layer layer = graph.layers().get(l);
            if (!layer.hasWeights()) {
                continue;
            }
            long[] masked = loaded[0].shares().maskedWeights(l);
            long[] muSum = new long[masked.length];
            for (int p = 0; p < 3; p++) {
                assertArrayEquals(masked, loaded[p].shares().maskedWeights(l), "the same public weights on every party");
                long[] mu = loaded[p].shares().maskShare(l);
                for (int i = 0; i < mu.length; i++) {
                    muSum[i] += mu[i];
                }
            }
            long[] mu = dealer.seeds().mask(l);
            double in = layer.inputs()[0] < 0 ? 1 : multiplier[layer.inputs()[0]];
            double scale = multiplier[l] / in;
            int bits = secure.weightBits()[l];
            for (int i = 0; i < masked.length; i++) {
                assertEquals(mu[i] & keep, muSum[i] & keep, "the parties' mask shares add up to the dealer's mask");
                long w = (masked[i] - mu[i]) << (64 - secure.linearRing()) >> (64 - secure.linearRing());
                // linear weights are stored transposed ([in x out]); the others in the lowered layout
                int source = layer.kind() == LoweredGraph.Kind.LINEAR
                        ? (i % layer.out().size()) * layer.in().size() + i / layer.out().size() : i;
                assertEquals(layer.weight()[source] * scale, Math.scalb((double) w, -bits), Math.scalb(1.0, -bits), layer.name());
            }
            long[] bias = new long[layer.bias().length];
            for (int p = 0; p < 3; p++) {
                long[] b = loaded[p].shares().biasShare(l);
                for (int i = 0; i < bias.length; i++) {
                    bias[i] += b[i];
                }
            }
            int outBits = bits + secure.activationBits();
            for (int i = 0; i < bias.length; i++) {
                long b = bias[i] << (64 - secure.linearRing()) >> (64 - secure.linearRing());
                assertEquals(layer.bias()[i] * multiplier[l], Math.scalb((double) b, -outBits), Math.scalb(1.0, -outBits));
            }
        }
        assertTrue(dealer.isDealer());
        assertNull(dealer.shares());
        assertEquals(9, dealer.precisionB());
        assertEquals(model.normalization().mean()[0], dealer.structure().normalization().mean()[0]);
        for (float w : ((Conv2d) dealer.structure().graph().nodes().get(0).op()).weight()) {
            assertEquals(0f, w);
        }
    }

    @Test
    void aShareFileFromBeforeMaskedWeightsIsRefusedWithTheRemedy() throws IOException {
        Path old = dir.resolve("old.share");
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(Files.newOutputStream(old))) {
            out.writeInt(0x53545348);
            out.writeInt(1);
            out.writeInt(0);
        }
        IOException e = assertThrows(IOException.class, () -> ModelShareFile.load(old));
        assertTrue(e.getMessage().endsWith("made by an earlier Sturdy (format 1, before masked weights); "
                + "split the model again with 'sturdy share'"), e.getMessage());
    }

    @Test
    void aFileOfAnotherKindOrCutShortIsRefusedClearly() throws IOException {
        Path modelFile = dir.resolve("m.model");
        ModelFiles.write(model, modelFile);
        IOException e = assertThrows(IOException.class, () -> ModelShareFile.load(modelFile));
        assertTrue(e.getMessage().contains("not a Sturdy model share file"), e.getMessage());

        Path share = dir.resolve("p0");
        ModelShareFile.split(model, 2, 9, 0, new SecureRandom())[0].save(share);
        byte[] all = Files.readAllBytes(share);
        Files.write(share, Arrays.copyOf(all, all.length - 9));
        e = assertThrows(IOException.class, () -> ModelShareFile.load(share));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
