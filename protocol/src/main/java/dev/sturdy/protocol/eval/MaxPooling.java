package dev.sturdy.protocol.eval;

import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.lower.LoweredGraph.Layer;
import dev.sturdy.model.lower.MaxPoolWindows;
import dev.sturdy.protocol.wire.Session;
import dev.sturdy.protocol.wire.Shared;
import java.util.ArrayList;
import java.util.List;

/**
 * Max pooling on shares: each window ({@link MaxPoolWindows}, padding included) reduced by a tree
 * of pairwise maxima in the plaintext evaluator's order (window positions row-major, pairs (0,1),
 * (2,3), ..., an odd one carried up), every pair of a tree level of every window in one call of
 * the activation's max.
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
        int[] windows = MaxPoolWindows.of(l);
        x = activation.maxInput(s, x, model);
        List<Shared> values = new ArrayList<>();
        for (int n = 0; n < k * k; n++) {
            int[] index = new int[outSize];
            for (int b = 0; b < batch; b++) {
                for (int o = 0; o < out.size(); o++) {
                    index[b * out.size() + o] = b * in.size() + windows[o * k * k + n];
                }
            }
            values.add(x.gather(index, outSize));
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
