package dev.sturdy.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sturdy.model.TestData;
import org.junit.jupiter.api.Test;

/** Fashion-MNIST as Debian's dataset-fashion-mnist package installs it; skipped where absent (failed in CI). */
class SystemFashionMnistTest {

    @Test
    void testSplitHasTenThousandImagesAThousandPerClass() {
        Dataset d = DataSpec.open("idx:" + TestData.fashionMnist());
        assertEquals(10_000, d.size());
        assertEquals(1, d.channels());
        assertEquals(28, d.height());
        assertEquals(28, d.width());
        assertEquals("Ankle boot", d.classes().get(d.label(0)));
        int[] perClass = new int[10];
        for (int i = 0; i < d.size(); i++) {
            perClass[d.label(i)]++;
        }
        for (int count : perClass) {
            assertEquals(1000, count);
        }
        // Pixel sums of the first and last image as numpy reads the same files (checked by hand, once).
        assertEquals(33456, levelSum(d, 0));
        assertEquals(24390, levelSum(d, 9999));
    }

    @Test
    void trainSplitHasSixtyThousandImages() {
        assertEquals(60_000, DataSpec.open("idx:" + TestData.fashionMnist() + ":train").size());
    }

    private static long levelSum(Dataset d, int index) {
        double[] pixels = new double[d.imageSize()];
        d.readPixels(index, pixels, 0);
        long sum = 0;
        for (double p : pixels) {
            sum += Math.round(p * 255);
        }
        return sum;
    }
}
