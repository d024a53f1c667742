package dev.sturdy.train;

/**
 * The k-th smallest value of each row by quickselect, in expected linear time. Torch's sort and
 * topk over a batch of activations cost a second per layer on two cores; this costs milliseconds.
 */
final class KthSmallest {

    private KthSmallest() {
    }

    /** For each of rows rows of length n in values (row-major), its k-th smallest value (k from 1). */
    static float[] perRow(float[] values, int rows, int n, int k) {
        float[] result = new float[rows];
        float[] row = new float[n];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * n, row, 0, n);
            result[r] = select(row, k - 1);
        }
        return result;
    }

    /** The value that would sit at index target if a were sorted; reorders a. */
    static float select(float[] a, int target) {
        int lo = 0;
        int hi = a.length - 1;
        while (lo < hi) {
            float pivot = median(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return a[target];
            }
        }
        return a[target];
    }

    private static float median(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
