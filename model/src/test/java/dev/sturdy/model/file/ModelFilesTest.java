package dev.sturdy.model.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.Model;
import dev.sturdy.model.TestModels;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.eval.PlainEvaluator;
import dev.sturdy.model.file.proto.ModelFile;
import dev.sturdy.model.graph.ModelException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void roundTripKeepsEverythingAndEvaluatesIdentically(int version) throws Exception {
        Model original = version == 1 ? TestModels.everyLayerKind(11) : TestModels.versionTwoLayers(11);
        Path file = dir.resolve("m.model");
        ModelFiles.write(original, file);
        Model read = ModelFiles.read(file);

        // the lowest version that holds the graph, so builds that read version 1 still read ResNets
        assertEquals(version, ModelFile.parseFrom(Files.readAllBytes(file)).getFormatVersion());
        assertEquals(original.name(), read.name());
        assertEquals(original.classes(), read.classes());
        assertEquals(original.metadata(), read.metadata());
        assertEquals(original.pann(), read.pann());
        assertArrayEquals(original.normalization().mean(), read.normalization().mean());
        assertEquals(original.graph().nodes().size(), read.graph().nodes().size());
        for (int i = 0; i < read.graph().nodes().size(); i++) {
            assertEquals(original.graph().nodes().get(i).name(), read.graph().nodes().get(i).name());
            assertEquals(original.graph().nodes().get(i).inputs(), read.graph().nodes().get(i).inputs());
            assertEquals(original.graph().nodes().get(i).output(), read.graph().nodes().get(i).output());
        }
        double[] pixels = new Random(2).doubles(original.graph().input().size()).toArray();
        assertArrayEquals(logits(original, pixels), logits(read, pixels));
    }

    private static double[] logits(Model m, double[] pixels) {
        PlainEvaluator e = new PlainEvaluator(m);
        double[] out = new double[3];
        e.logits(pixels, 0, ActivationMode.BACKBONE, e.newWorkspace(), null, out);
        return out;
    }

    @Test
    void missingFileIsNamed() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ModelFiles.read(dir.resolve("none.model")));
        assertTrue(e.getMessage().endsWith("none.model: model file not found"), e.getMessage());
    }

    @Test
    void garbageIsNotAModelFile() throws Exception {
        Path file = dir.resolve("garbage.model");
        Files.write(file, new byte[] {(byte) 0xff, 0x13, 0x37, 0x00, 0x42});
        ModelException e = assertThrows(ModelException.class, () -> ModelFiles.read(file));
        assertTrue(e.getMessage().contains("is not a Sturdy model file"), e.getMessage());
    }

    @Test
    void unknownFormatVersionIsRefused() throws Exception {
        Path file = dir.resolve("future.model");
        Files.write(file, ModelFiles.toProto(TestModels.everyLayerKind(1)).toBuilder().setFormatVersion(3).build().toByteArray());
        ModelException e = assertThrows(ModelException.class, () -> ModelFiles.read(file));
        assertTrue(e.getMessage().endsWith("model file format version 3 is not supported (this build reads 1 and 2)"),
                e.getMessage());
    }

    @Test
    void tensorsThatDoNotMatchTheirLayerAreRefused() throws Exception {
        ModelFile proto = ModelFiles.toProto(TestModels.everyLayerKind(1));
        ModelFile.Builder b = proto.toBuilder();
        var layer = b.getLayersBuilder(1);
        var weight = layer.getConv2DBuilder().getWeightBuilder();
        var values = new java.util.ArrayList<>(weight.getValuesList());
        weight.clearValues().addAllValues(values.subList(1, values.size()));
        Path file = dir.resolve("bad.model");
        Files.write(file, b.build().toByteArray());
        ModelException e = assertThrows(ModelException.class, () -> ModelFiles.read(file));
        assertTrue(e.getMessage().endsWith("conv1 weight has shape [4, 2, 3, 3] but 71 values"), e.getMessage());
    }
}
