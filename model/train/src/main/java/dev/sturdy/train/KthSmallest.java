package dev.sturdy.train;

/**
 * The k-th smallest value of each row by quickselect, in expected linear time. Torch's sort and
 * topk over a batch of activations cost a second per layer on two cores; this costs milliseconds.
 */
final class KthSmallest {

    private KthSmallest() {
    }

    /** The k-th smallest (k from 1) of values[from, from + n); values stay as they are. */
    static float ofRange(float[] values, int from, int n, int k) {
        return select(java.util.Arrays.copyOfRange(values, from, from + n), k - 1);
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
