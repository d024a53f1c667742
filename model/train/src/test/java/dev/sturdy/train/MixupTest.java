package dev.sturdy.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mixup mixes inputs and labels with one lambda ~ Beta(a, a); the loss is the cross-entropy against the mix. */
class MixupTest {

    @Test
    void inputsAndLabelsAreTheSameMixOfASampleAndItsPartner() {
        Mixup mixup = new Mixup(0.5, new Random(4));
        int batch = 6;
        int size = 5;
        int classes = 4;
        int[] labels = {0, 1, 2, 3, 0, 1};
        float[] x = new float[batch * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        float[] original = x.clone();
        Mixup.Mix mix = mixup.draw(batch);
        double l = mix.lambda();
        Mixup.mixInputs(mix, x, batch, size);
        float[] y = Mixup.mixLabels(mix, labels, classes);
        int[] seen = new int[batch];
        for (int i = 0; i < batch; i++) {
            int p = mix.partner()[i];
            seen[p]++;
            for (int j = 0; j < size; j++) {
                assertEquals(l * original[i * size + j] + (1 - l) * original[p * size + j], x[i * size + j], 1e-5);
            }
            float[] expected = new float[classes];
            expected[labels[i]] += (float) l;
            expected[labels[p]] += (float) (1 - l);
            for (int k = 0; k < classes; k++) {
                assertEquals(expected[k], y[i * classes + k], 1e-6, "label " + k + " of sample " + i);
            }
        }
        for (int count : seen) {
            assertEquals(1, count, "partners form a permutation");
        }
    }

    @Test
    void lambdaFollowsBetaHalfHalf() {
        Mixup mixup = new Mixup(0.5, new Random(11));
        int n = 20_000;
        double sum = 0;
        double squares = 0;
        int extreme = 0;
        for (int i = 0; i < n; i++) {
            double l = mixup.draw(1).lambda();
            assertTrue(l >= 0 && l <= 1);
            sum += l;
            squares += l * l;
            extreme += l < 0.1 || l > 0.9 ? 1 : 0;
        }
        double mean = sum / n;
        assertEquals(0.5, mean, 0.01);
        assertEquals(0.125, squares / n - mean * mean, 0.005, "Var Beta(a, a) = 1 / (4 (2a + 1)) = 1/8 for a = 1/2");
        // P(l < 0.1 or l > 0.9) = (4/pi) asin(sqrt(0.1)) = 0.4097 for Beta(1/2, 1/2).
        assertEquals(0.4097, (double) extreme / n, 0.015);
    }

    @Test
    void softCrossEntropyIsTheCrossEntropyAgainstTheMix() {
        DjlSetup.offline();
        float[] logits = {1, 2, 0.5f, -1, 0, 3};
        float[] soft = {0.3f, 0.7f, 0, 0, 0.4f, 0.6f};
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            double norm = 0;
            for (int k = 0; k < 3; k++) {
                norm += Math.exp(logits[i * 3 + k]);
            }
            for (int k = 0; k < 3; k++) {
                expected -= soft[i * 3 + k] * (logits[i * 3 + k] - Math.log(norm));
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray loss = TrainingRun.softCrossEntropy(m.create(logits, new Shape(2, 3)), m.create(soft, new Shape(2, 3)));
            assertEquals(expected / 2, loss.getFloat(), 1e-5);
        }
    }
}
