package dev.sturdy.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.ndarray.types.DataType;
import dev.sturdy.model.Model;
import dev.sturdy.model.Normalization;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.eval.PlainEvaluator;
import dev.sturdy.model.graph.Shape;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exported graph computes what the DJL network computes in inference mode: the plaintext
 * evaluator (double, batch norm folded) and DJL (float) agree on the logits of random inputs,
 * with every parameter, running statistics included, set to random values.
 */
class ModelExportTest {

    @ParameterizedTest
    @CsvSource({"smallcnn, 1, 28", "resnet20, 3, 32", "resnet18, 3, 32", "mobilenetv2, 3, 32", "shufflenetv2, 3, 32"})
    void exportedGraphMatchesDjlInference(String architecture, int channels, int side) {
        DjlSetup.offline();
        Shape input = new Shape(channels, side, side);
        ZooNetwork net = Zoo.build(architecture, input, 10, new NgnvSettings(0.5, 0.3, false));
        Random random = new Random(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            net.block().initialize(manager, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, channels, side, side));
            for (Map.Entry<String, Parameter> e : net.parameters().entrySet()) {
                NDArray a = e.getValue().getArray();
                boolean variance = e.getKey().endsWith("running_var");
                float[] v = new float[Math.toIntExact(a.size())];
                for (int i = 0; i < v.length; i++) {
                    v[i] = variance ? 0.5f + random.nextFloat() : (float) (random.nextGaussian() * scale(e.getKey(), a));
                }
                a.set(v);
            }
            Model model = ModelExport.toModel(net, IntStream.range(0, 10).mapToObj(k -> "c" + k).toList(),
                    Normalization.identity(channels), new PannSettings(50, 0), Map.of());
            PlainEvaluator evaluator = new PlainEvaluator(model);
            int n = 2;
            float[] x = new float[n * input.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            NDArray batch = manager.create(x, new ai.djl.ndarray.types.Shape(n, channels, side, side));
            float[] djl = net.block().forward(new ParameterStore(manager, false), new NDList(batch), false)
                    .singletonOrThrow().toFloatArray();
            for (int s = 0; s < n; s++) {
                double[] sample = new double[input.size()];
                for (int i = 0; i < sample.length; i++) {
                    sample[i] = x[s * input.size() + i];
                }
                double[] logits = new double[10];
                evaluator.logitsOfNormalised(sample, ActivationMode.BACKBONE, evaluator.newWorkspace(), null, logits);
                for (int k = 0; k < 10; k++) {
                    assertEquals(djl[s * 10 + k], logits[k], 1e-3 * (1 + Math.abs(logits[k])),
                            architecture + " sample " + s + " logit " + k);
                }
            }
        }
    }

    /** Weights at He scale keep activations of deep networks in a range where float and double agree. */
    private static double scale(String name, NDArray a) {
        if (name.endsWith(".weight") && a.getShape().dimension() > 1) {
            long fanIn = a.getShape().size() / a.getShape().get(0);
            return Math.sqrt(1.0 / fanIn);
        }
        return 0.1;
    }
}
