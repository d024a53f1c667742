package dev.sturdy.model.lower;

import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.lower.LoweredGraph.Layer;

/**
 * The input elements each max-pooling window of one sample reads, in the order both evaluators
 * reduce them (window positions row-major). A position in the padding reads the nearest element
 * inside the input, which lies in the same window: the maximum is unchanged (max(a, a) = a, and
 * AppMax(a, a) = a too), so padding needs no value that would leave AppMax's interval.
 */
public final class MaxPoolWindows {
    private MaxPoolWindows() {
    }

    /** index[o * k * k + ky * k + kx] = input element of output o's window position (ky, kx). */
    public static int[] of(Layer l) {
        Shape in = l.in();
        Shape out = l.out();
        int k = l.kernel();
        int[] index = new int[out.size() * k * k];
        for (int c = 0; c < out.channels(); c++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    int base = ((c * out.height() + oy) * out.width() + ox) * k * k;
                    for (int ky = 0; ky < k; ky++) {
                        int iy = clamp(oy * l.stride() - l.padding() + ky, in.height());
                        for (int kx = 0; kx < k; kx++) {
                            int ix = clamp(ox * l.stride() - l.padding() + kx, in.width());
                            index[base + ky * k + kx] = (c * in.height() + iy) * in.width() + ix;
                        }
                    }
                }
            }
        }
        return index;
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }
}
