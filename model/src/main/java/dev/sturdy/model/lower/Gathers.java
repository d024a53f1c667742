package dev.sturdy.model.lower;

import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.graph.ShortcutPad;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/** Index maps of the layers that only move elements of one sample: output i reads input map[i], -1 a zero. */
final class Gathers {
    private Gathers() {
    }

    /** The option-A shortcut: x[:, ::stride, ::stride] with zero channels padded before and after. */
    static int[] shortcut(ShortcutPad s, Shape in, Shape out) {
        int[] index = new int[out.size()];
        Arrays.fill(index, -1);
        for (int c = 0; c < in.channels(); c++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    index[((c + s.padBefore()) * out.height() + oy) * out.width() + ox] =
                            (c * in.height() + oy * s.stride()) * in.width() + ox * s.stride();
                }
            }
        }
        return index;
    }

    /** Whole planes moved: output channel c is input channel source(c); out gives the output's channels. */
    static int[] channels(Shape out, IntUnaryOperator source) {
        int plane = out.height() * out.width();
        int[] index = new int[out.size()];
        for (int c = 0; c < out.channels(); c++) {
            int from = source.applyAsInt(c) * plane;
            for (int i = 0; i < plane; i++) {
                index[c * plane + i] = from + i;
            }
        }
        return index;
    }
}
