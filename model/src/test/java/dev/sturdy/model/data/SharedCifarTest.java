package dev.sturdy.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.TestData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared CIFAR-10 test set, binary and JPEG; skipped where the shared folder is absent. */
class SharedCifarTest {

    private static final List<String> NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    @Test
    void binaryTestBatchHasAThousandImagesPerClass() {
        Dataset bin = DataSpec.open("cifar10-bin:" + TestData.shared("datasets/cifar10-bin"));
        assertEquals(10_000, bin.size());
        assertEquals(NAMES, bin.classes());
        int[] perClass = new int[10];
        for (int i = 0; i < bin.size(); i++) {
            perClass[bin.label(i)]++;
        }
        for (int count : perClass) {
            assertEquals(1000, count);
        }
    }

    /**
     * The binary batch was made by decoding the JPEG test images with PIL in class-folder order,
     * files sorted by name; the same index must be the same picture, up to decoder rounding.
     */
    @Test
    void jpegFolderMatchesTheBinaryBatchIndexByIndex() {
        Path bins = TestData.shared("datasets/cifar10-bin");
        Path jpegs = TestData.shared("datasets/cifar10-jpg/test");
        long start = System.nanoTime();
        Dataset folder = DataSpec.open("imagefolder:" + jpegs);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("decoded %d CIFAR-10 test JPEGs in %d ms%n", folder.size(), millis);
        Dataset bin = DataSpec.open("cifar10-bin:" + bins);
        assertEquals(bin.size(), folder.size());
        assertEquals(NAMES, folder.classes());
        int n = bin.imageSize();
        double[] a = new double[n];
        double[] b = new double[n];
        double worstMean = 0;
        double worstPixel = 0;
        long[] histogram = new long[256];
        for (int i = 0; i < bin.size(); i++) {
            assertEquals(bin.label(i), folder.label(i), "label of image " + i);
            bin.readPixels(i, a, 0);
            folder.readPixels(i, b, 0);
            double sum = 0;
            for (int j = 0; j < n; j++) {
                int levels = (int) Math.round(Math.abs(a[j] - b[j]) * 255);
                histogram[levels]++;
                sum += levels;
                worstPixel = Math.max(worstPixel, levels);
            }
            worstMean = Math.max(worstMean, sum / n);
        }
        System.out.printf("JPEG vs binary: worst per-image mean difference %.3f levels, worst pixel %d levels, "
                + "histogram 0:%d 1:%d 2:%d 3+:%d%n", worstMean, (int) worstPixel, histogram[0], histogram[1],
                histogram[2], bin.size() * (long) n - histogram[0] - histogram[1] - histogram[2]);
        assertTrue(worstMean < 1, "worst per-image mean difference " + worstMean + " levels");
        // The check has teeth: neighbouring pictures differ by far more than decoder rounding.
        bin.readPixels(0, a, 0);
        folder.readPixels(1, b, 0);
        double shifted = 0;
        for (int j = 0; j < n; j++) {
            shifted += Math.abs(a[j] - b[j]) * 255 / n;
        }
        assertTrue(shifted > 10, "images 0 and 1 differ by only " + shifted + " levels on average");
        assertTrue(worstPixel <= 8, "worst pixel difference " + worstPixel + " levels");
    }
}
