package dev.sturdy.model.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * How many inputs of each activation layer (ReLU, max-pool) left [-bound, bound], and the largest
 * magnitude seen, so a user learns which bound would have held instead of getting a silently
 * wrong PANN. One instance per thread; merge them at the end.
 */
public final class RangeStats {

    private final List<String> layers;
    private final long[] outside;
    private final long[] total;
    private final double[] maxAbs;

    public RangeStats(List<String> layers) {
        this.layers = List.copyOf(layers);
        this.outside = new long[layers.size()];
        this.total = new long[layers.size()];
        this.maxAbs = new double[layers.size()];
    }

    /** Records values[from, to) as inputs of activation layer `layer` (index into layers()). */
    public void record(int layer, double[] values, int from, int to, double bound) {
        long out = 0;
        double max = maxAbs[layer];
        for (int i = from; i < to; i++) {
            double a = Math.abs(values[i]);
            if (a > bound) {
                out++;
            }
            if (a > max) {
                max = a;
            }
        }
        outside[layer] += out;
        total[layer] += to - from;
        maxAbs[layer] = max;
    }

    public void merge(RangeStats other) {
        for (int i = 0; i < outside.length; i++) {
            outside[i] += other.outside[i];
            total[i] += other.total[i];
            maxAbs[i] = Math.max(maxAbs[i], other.maxAbs[i]);
        }
    }

    public List<String> layers() {
        return layers;
    }

    public long outside(int layer) {
        return outside[layer];
    }

    public long total(int layer) {
        return total[layer];
    }

    public double maxAbs(int layer) {
        return maxAbs[layer];
    }

    public long totalOutside() {
        long sum = 0;
        for (long o : outside) {
            sum += o;
        }
        return sum;
    }

    /** Largest activation-input magnitude over all layers: the smallest bound that would have held. */
    public double largestMagnitude() {
        double m = 0;
        for (double v : maxAbs) {
            m = Math.max(m, v);
        }
        return m;
    }
}
