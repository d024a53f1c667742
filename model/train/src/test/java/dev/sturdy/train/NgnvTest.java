package dev.sturdy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.engine.Engine;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** NGNV does what ../shared/DESIGN.md says: noise on each sample's most negative r fraction only, in training only, with gradients. */
class NgnvTest {

    private static final int N = 200;

    @Test
    void noiseLandsExactlyOnEachSamplesMostNegativeFraction() {
        Random random = new Random(3);
        float[] z = new float[2 * N];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian() * (i < N ? 1 : 5); // two samples of different scale
        }
        float[] f = NgnvRelu.factors(z, 2, N, new NgnvSettings(0.3, 0.2, false), new Random(1));
        for (int s = 0; s < 2; s++) {
            float[] sorted = Arrays.copyOfRange(z, s * N, (s + 1) * N);
            Arrays.sort(sorted);
            float threshold = sorted[(int) Math.ceil(0.3 * N) - 1];
            int noisy = 0;
            for (int i = s * N; i < (s + 1) * N; i++) {
                boolean target = z[i] <= threshold && z[i] < 0;
                assertEquals(target, f[i] != 0, "sample " + s + " input " + z[i] + " (threshold " + threshold + ")");
                noisy += target ? 1 : 0;
            }
            assertEquals(60, noisy, "ceil(0.3 * 200) inputs of sample " + s);
        }
    }

    @Test
    void onlyNegativeInputsGetNoiseEvenWhenFewerThanTheFraction() {
        float[] z = new float[N];
        for (int i = 0; i < N; i++) {
            z[i] = i < 10 ? -1 - i : i; // 10 negatives, r = 0.3 asks for 60
        }
        float[] f = NgnvRelu.factors(z, 1, N, new NgnvSettings(0.3, 0.1, false), new Random(1));
        for (int i = 0; i < N; i++) {
            assertEquals(i < 10, f[i] != 0, "input " + z[i]);
        }
    }

    @Test
    void signVariantScalesByExactlyLambda() {
        float[] z = new float[N];
        for (int i = 0; i < N; i++) {
            z[i] = -i - 1;
        }
        float[] f = NgnvRelu.factors(z, 1, N, new NgnvSettings(0.5, 0.25, true), new Random(1));
        int plus = 0;
        for (float v : f) {
            assertTrue(v == 0 || Math.abs(v) == 0.25f, "factor " + v);
            plus += v > 0 ? 1 : 0;
        }
        assertTrue(plus > 25 && plus < 75, "signs are a fair coin: " + plus + " of 100 positive");
    }

    @Test
    void gaussianFactorsHaveStandardDeviationLambda() {
        float[] z = new float[100_000];
        Arrays.fill(z, -1f);
        float[] f = NgnvRelu.factors(z, 1, z.length, new NgnvSettings(1, 0.1, false), new Random(2));
        double sum = 0;
        double squares = 0;
        for (float v : f) {
            sum += v;
            squares += v * v;
        }
        assertEquals(0, sum / f.length, 0.002);
        assertEquals(0.1, Math.sqrt(squares / f.length), 0.002);
    }

    @Test
    void noNoiseAtInferenceAndGradientsFlowInTraining() {
        DjlSetup.offline();
        Engine.getInstance();
        NgnvRelu relu = new NgnvRelu(new NgnvSettings(0.3, 0.3, false), new Random(5));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.randomNormal(new Shape(4, 3, 5, 5));
            z.setRequiresGradient(true);
            float[] zs = z.toFloatArray();
            float[] relued = new float[zs.length];
            for (int i = 0; i < zs.length; i++) {
                relued[i] = Math.max(zs[i], 0);
            }
            ParameterStore store = new ParameterStore(m, false);
            assertArrayEquals(relued, relu.forward(store, new NDList(z), false).singletonOrThrow().toFloatArray(),
                    "inference is a plain ReLU");

            float[] y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = relu.forward(store, new NDList(z), true).singletonOrThrow();
                y = out.toFloatArray();
                gc.backward(out.sum());
            }
            assertNotEquals(Arrays.toString(relued), Arrays.toString(y), "training adds noise");
            float[] grad = z.getGradient().toFloatArray();
            for (int i = 0; i < zs.length; i++) {
                // y = relu(z) + f z, so dy/dz = [z > 0] + f with f = (y - relu(z)) / z.
                double f = (y[i] - relued[i]) / zs[i];
                assertEquals((zs[i] > 0 ? 1 : 0) + f, grad[i], 1e-4, "gradient at input " + zs[i]);
            }
        }
    }

    @Test
    void settingsParseAndRefuseImpossibleValues() {
        assertEquals(new NgnvSettings(0.3, 0.1, false), NgnvSettings.parse("r=0.3,lambda=0.1"));
        assertEquals(new NgnvSettings(0.5, 0.05, true), NgnvSettings.parse("lambda=0.05,r=0.5,sign"));
        assertEquals("NGNV r must lie in (0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> NgnvSettings.parse("r=1.5,lambda=0.1")).getMessage());
        assertEquals("NGNV r must lie in (0, 1], got 0.0",
                assertThrows(IllegalArgumentException.class, () -> NgnvSettings.parse("r=0,lambda=0.1")).getMessage());
        assertEquals("NGNV lambda must be finite and >= 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> NgnvSettings.parse("r=0.3,lambda=-0.1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> NgnvSettings.parse("r=0.3"));
        assertThrows(IllegalArgumentException.class, () -> NgnvSettings.parse("r=abc,lambda=1"));
    }

    @Test
    void kthSmallestAgreesWithSorting() {
        Random random = new Random(9);
        for (int trial = 0; trial < 50; trial++) {
            float[] a = new float[1 + random.nextInt(300)];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextInt(20) - 10; // many ties
            }
            float[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = 1 + random.nextInt(a.length);
            // The row sits between other values, which must not count, and is left as it was.
            float[] padded = new float[a.length + 10];
            Arrays.fill(padded, -100f);
            System.arraycopy(a, 0, padded, 5, a.length);
            float[] before = padded.clone();
            assertEquals(sorted[k - 1], KthSmallest.ofRange(padded, 5, a.length, k));
            assertArrayEquals(before, padded);
        }
    }
}
