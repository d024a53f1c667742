package dev.sturdy.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.TestData;
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
     * files sorted by name; javax.imageio decodes them to the same bytes, so the same index must be
     * the same picture with every one of its 30,720,000 samples equal (notes/data.md).
     */
    @Test
    void jpegFolderMatchesTheBinaryBatchSampleForSample() {
        Dataset folder = DataSpec.open("imagefolder:" + TestData.shared("datasets/cifar10-jpg/test"));
        Dataset bin = DataSpec.open("cifar10-bin:" + TestData.shared("datasets/cifar10-bin"));
        assertEquals(bin.size(), folder.size());
        assertEquals(NAMES, folder.classes());
        int n = bin.imageSize();
        double[] a = new double[n];
        double[] b = new double[n];
        long differing = 0;
        for (int i = 0; i < bin.size(); i++) {
            assertEquals(bin.label(i), folder.label(i), "label of image " + i);
            bin.readPixels(i, a, 0);
            folder.readPixels(i, b, 0);
            for (int j = 0; j < n; j++) {
                differing += Math.round(a[j] * 255) != Math.round(b[j] * 255) ? 1 : 0;
            }
        }
        assertEquals(0, differing, "samples that differ between the JPEG folder and the binary batch");
        // The check has teeth: neighbouring pictures differ in most samples.
        bin.readPixels(0, a, 0);
        folder.readPixels(1, b, 0);
        long shifted = 0;
        for (int j = 0; j < n; j++) {
            shifted += Math.round(a[j] * 255) != Math.round(b[j] * 255) ? 1 : 0;
        }
        assertTrue(shifted > n / 2, "images 0 and 1 differ in only " + shifted + " of " + n + " samples");
    }
}
