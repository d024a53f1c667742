package dev.sturdy.protocol.eval;

import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.lower.LoweredGraph.Layer;
import dev.sturdy.protocol.wire.Session;
import dev.sturdy.protocol.wire.Shared;
import java.util.ArrayList;
import java.util.List;

/**
 * Max pooling on shares: each window reduced by a tree of pairwise maxima in the plaintext
 * evaluator's order (window positions row-major, pairs (0,1), (2,3), ..., an odd one carried up),
 * every pair of a tree level of every window in one call of the activation's max.
 */
final class MaxPooling {
    private MaxPooling() {
    }

    static Shared apply(Session s, Shared x, Layer l, SecureActivation activation, SecureModel model) {
        Shape in = l.in();
        Shape out = l.out();
        int batch = x.shape()[0];
        int k = l.kernel();
        int outSize = batch * out.size();
        List<Shared> values = new ArrayList<>();
        for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
                int[] index = new int[outSize];
                for (int bc = 0; bc < batch * in.channels(); bc++) {
                    for (int oy = 0; oy < out.height(); oy++) {
                        int row = (bc * in.height() + oy * l.stride() + ky) * in.width() + kx;
                        int dst = (bc * out.height() + oy) * out.width();
                        for (int ox = 0; ox < out.width(); ox++) {
                            index[dst + ox] = row + ox * l.stride();
                        }
                    }
                }
                values.add(x.gather(index, outSize));
            }
        }
        while (values.size() > 1) {
            int pairs = values.size() / 2;
            List<Shared> left = new ArrayList<>();
            List<Shared> right = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                left.add(values.get(2 * p));
                right.add(values.get(2 * p + 1));
            }
            Shared m = activation.max(s, Shared.concat(left), Shared.concat(right), k, model);
            List<Shared> next = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                next.add(m.slice(p * outSize, outSize));
            }
            if (values.size() % 2 == 1) {
                Shared carried = values.get(values.size() - 1);
                next.add(carried.shiftUp(m.scale() - carried.scale()));
            }
            int ring = next.stream().mapToInt(Shared::ring).min().orElseThrow();
            values = next.stream().map(v -> v.reduce(ring)).toList();
        }
        return values.get(0).reshape(batch, out.channels(), out.height(), out.width());
    }
}
