package dev.sturdy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** Plain weight decay and momentum as PyTorch's SGD applies them; the paper's and the cosine schedule. */
class OptimizerScheduleTest {

    @Test
    void weightDecayAndMomentumFollowTheUpdateRule() {
        DjlSetup.offline();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1f, -2f});
            NDArray g = m.create(new float[] {0.5f, 0f});
            MomentumSgd sgd = new MomentumSgd(0.9f, 0.01f);
            sgd.setLearningRate(0.1);
            sgd.update("w", w, g);
            // v = g + wd w = (0.51, -0.02); w -= 0.1 v
            assertArrayEquals(new float[] {1f - 0.051f, -2f + 0.002f}, w.toFloatArray(), 1e-6f);
            sgd.update("w", w, g);
            // v = 0.9 v + g + wd w
            float v0 = 0.9f * 0.51f + 0.5f + 0.01f * (1f - 0.051f);
            float v1 = 0.9f * -0.02f + 0.01f * (-2f + 0.002f);
            assertArrayEquals(new float[] {1f - 0.051f - 0.1f * v0, -2f + 0.002f - 0.1f * v1}, w.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void noWeightDecayLeavesWeightsWithZeroGradientAlone() {
        DjlSetup.offline();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {3f});
            MomentumSgd sgd = new MomentumSgd(0.9f, 0f);
            sgd.setLearningRate(0.1);
            sgd.update("w", w, m.create(new float[] {0f}));
            assertArrayEquals(new float[] {3f}, w.toFloatArray());
        }
    }

    @Test
    void paperScheduleDividesByTenAtHalfAndThreeQuarters() {
        assertEquals(0.1, Schedule.PAPER.rate(0.1, 99, 0, 10, 200), 1e-12);
        assertEquals(0.01, Schedule.PAPER.rate(0.1, 100, 0, 10, 200), 1e-12);
        assertEquals(0.01, Schedule.PAPER.rate(0.1, 149, 9, 10, 200), 1e-12);
        assertEquals(0.001, Schedule.PAPER.rate(0.1, 150, 0, 10, 200), 1e-12);
    }

    @Test
    void cosineScheduleFallsFromTheBaseRateToZero() {
        assertEquals(0.1, Schedule.COSINE.rate(0.1, 0, 0, 10, 4), 1e-12);
        assertEquals(0.05, Schedule.COSINE.rate(0.1, 2, 0, 10, 4), 1e-12);
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 39 / 40)), Schedule.COSINE.rate(0.1, 3, 9, 10, 4), 1e-12);
        assertEquals("unknown schedule 'step'; expected paper or cosine",
                assertThrows(IllegalArgumentException.class, () -> Schedule.parse("step")).getMessage());
    }
}
