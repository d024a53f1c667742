package dev.sturdy.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplesTest {

    /** A data set with only labels that matter: class k has sizes[k] images, classes interleaved. */
    private static Dataset withClassSizes(int... sizes) {
        int total = Arrays.stream(sizes).sum();
        int[] labels = new int[total];
        int[] left = sizes.clone();
        int at = 0;
        while (at < total) {
            for (int k = 0; k < sizes.length; k++) {
                if (left[k]-- > 0) {
                    labels[at++] = k;
                }
            }
        }
        List<String> names = IntStream.range(0, sizes.length).mapToObj(k -> "c" + k).toList();
        return new ByteImages(names, 1, 1, 1, new byte[total][1], labels);
    }

    private static int[] perClass(Dataset d, int[] indices) {
        int[] counts = new int[d.classes().size()];
        for (int i : indices) {
            counts[d.label(i)]++;
        }
        return counts;
    }

    private static void assertSortedDistinct(int[] indices, int size) {
        for (int i = 0; i < indices.length; i++) {
            assertTrue(indices[i] >= 0 && indices[i] < size);
            assertTrue(i == 0 || indices[i - 1] < indices[i], "sorted and distinct");
        }
    }

    @Test
    void equalClassesGetEqualShares() {
        Dataset d = withClassSizes(100, 100, 100, 100);
        int[] chosen = Samples.classBalanced(d, 40, 7);
        assertEquals(40, chosen.length);
        assertSortedDistinct(chosen, d.size());
        assertArrayEquals(new int[] {10, 10, 10, 10}, perClass(d, chosen));
        int[] odd = perClass(d, Samples.classBalanced(d, 42, 7));
        assertEquals(42, Arrays.stream(odd).sum());
        assertTrue(Arrays.stream(odd).allMatch(c -> c == 10 || c == 11));
    }

    @Test
    void smallClassesGiveAllTheyHaveAndOthersShareTheRest() {
        Dataset d = withClassSizes(3, 50, 50, 8);
        int[] chosen = Samples.classBalanced(d, 60, 1);
        assertSortedDistinct(chosen, d.size());
        assertArrayEquals(new int[] {3, 25, 24, 8}, sortedLike(perClass(d, chosen)));
    }

    /** Orders the two big classes' counts descending so the random tie-break does not matter. */
    private static int[] sortedLike(int[] counts) {
        if (counts[1] < counts[2]) {
            int t = counts[1];
            counts[1] = counts[2];
            counts[2] = t;
        }
        return counts;
    }

    @Test
    void sameSeedSameSampleOtherSeedOtherSample() {
        Dataset d = withClassSizes(500, 500, 500);
        assertArrayEquals(Samples.classBalanced(d, 30, 5), Samples.classBalanced(d, 30, 5));
        assertFalse(Arrays.equals(Samples.classBalanced(d, 30, 5), Samples.classBalanced(d, 30, 6)));
    }

    @Test
    void noLimitOrLimitAboveSizeMeansEverything() {
        Dataset d = withClassSizes(2, 3);
        int[] all = {0, 1, 2, 3, 4};
        assertArrayEquals(all, Samples.classBalanced(d, 0, 1));
        assertArrayEquals(all, Samples.classBalanced(d, -1, 1));
        assertArrayEquals(all, Samples.classBalanced(d, 5, 1));
        assertArrayEquals(all, Samples.classBalanced(d, 99, 1));
    }
}
