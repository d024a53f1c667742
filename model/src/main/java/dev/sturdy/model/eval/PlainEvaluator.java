package dev.sturdy.model.eval;

import dev.sturdy.model.Model;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.lower.LoweredGraph;
import dev.sturdy.model.lower.LoweredGraph.Layer;
import dev.sturdy.model.lower.MaxPoolWindows;
import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext evaluator in double precision: the backbone (exact ReLU and max) or the PANN
 * (AppReLU and AppMax) of a model, one sample at a time, on its {@link LoweredGraph} (batch norm
 * after a convolution folded into it, as the secure evaluator runs it). An instance is immutable;
 * each thread evaluates with its own {@link Workspace}.
 */
public final class PlainEvaluator {

    private final Model model;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> activationLayers = new ArrayList<>();
    private final int[] bufferSizes;
    private final int inputBuffer;
    private final int outputBuffer;
    private int scratchSize;

    public PlainEvaluator(Model model) {
        this.model = model;
        List<Layer> layers = LoweredGraph.of(model.graph()).layers();
        int[] buffer = new int[layers.size()];
        bufferSizes = new int[layers.size() + 1];
        inputBuffer = layers.size();
        bufferSizes[inputBuffer] = model.graph().input().size();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            buffer[i] = i;
            bufferSizes[i] = l.out().size();
            int[] in = java.util.Arrays.stream(l.inputs()).map(x -> x == Graph.INPUT ? inputBuffer : buffer[x]).toArray();
            switch (l.kind()) {
                case CONV -> steps.add(conv(l, in[0], i));
                case AFFINE -> steps.add(affine(l, in[0], i));
                case LINEAR -> steps.add(linear(l, in[0], i));
                case AVG_POOL -> steps.add(avgPool(l, in[0], i));
                case MAX_POOL -> steps.add(maxPool(l, in[0], i, activationLayer(l.name())));
                case RELU -> steps.add(relu(l.out().size(), in[0], i, activationLayer(l.name())));
                case CLIPPED_RELU -> steps.add(clippedRelu(l, in[0], i, activationLayer(l.name())));
                case ADD -> steps.add(add(l.out().size(), in[0], in[1], i));
                case CONCAT -> steps.add(concat(java.util.Arrays.stream(in).map(b -> bufferSizes[b]).toArray(), in, i));
                case FLATTEN -> buffer[i] = in[0];
                case GATHER -> steps.add(gather(l.gather(), in[0], i));
            }
        }
        outputBuffer = buffer[layers.size() - 1];
    }

    public Model model() {
        return model;
    }

    /** Range statistics with one row per ReLU and max-pool layer, in order. */
    public RangeStats newStats() {
        return new RangeStats(activationLayers);
    }

    public Workspace newWorkspace() {
        return new Workspace(bufferSizes, scratchSize);
    }

    public int numClasses() {
        return bufferSizes[outputBuffer];
    }

    /**
     * Logits of one sample. pixels: CHW values in [0, 1] (normalised here with the model's
     * normalisation); logits receives numClasses() values. stats may be null.
     */
    public void logits(double[] pixels, int offset, ActivationMode mode, Workspace ws, RangeStats stats, double[] logits) {
        double[] x = ws.buffers[inputBuffer];
        Shape in = model.graph().input();
        System.arraycopy(pixels, offset, x, 0, in.size());
        model.normalization().apply(x, 0, in.height() * in.width());
        run(mode, ws, stats);
        System.arraycopy(ws.buffers[outputBuffer], 0, logits, 0, numClasses());
    }

    /** Logits of an already normalised input (what the secure evaluator receives as shares). */
    public void logitsOfNormalised(double[] input, ActivationMode mode, Workspace ws, RangeStats stats, double[] logits) {
        System.arraycopy(input, 0, ws.buffers[inputBuffer], 0, model.graph().input().size());
        run(mode, ws, stats);
        System.arraycopy(ws.buffers[outputBuffer], 0, logits, 0, numClasses());
    }

    private void run(ActivationMode mode, Workspace ws, RangeStats stats) {
        for (Step s : steps) {
            s.run(ws.buffers, ws.scratch, mode, stats);
        }
    }

    private int activationLayer(String name) {
        activationLayers.add(name);
        return activationLayers.size() - 1;
    }

    /** Per-thread buffers: one per layer output, plus the im2col scratch. */
    public static final class Workspace {
        final double[][] buffers;
        final double[] scratch;

        Workspace(int[] sizes, int scratchSize) {
            buffers = new double[sizes.length][];
            for (int i = 0; i < sizes.length; i++) {
                buffers[i] = new double[sizes[i]];
            }
            scratch = new double[scratchSize];
        }
    }

    @FunctionalInterface
    private interface Step {
        void run(double[][] buf, double[] scratch, ActivationMode mode, RangeStats stats);
    }

    /** A convolution, group by group: im2col of the group's input channels times the group's weight rows. */
    private Step conv(Layer l, int src, int dst) {
        Shape in = l.in();
        Shape out = l.out();
        int k = l.kernel();
        int groups = l.groups();
        int inPerGroup = in.channels() / groups;
        int outPerGroup = out.channels() / groups;
        int kdim = inPerGroup * k * k;
        int plane = out.height() * out.width();
        double[][] w = new double[groups][];
        double[][] bias = new double[groups][];
        for (int g = 0; g < groups; g++) {
            w[g] = java.util.Arrays.copyOfRange(l.weight(), g * outPerGroup * kdim, (g + 1) * outPerGroup * kdim);
            bias[g] = java.util.Arrays.copyOfRange(l.bias(), g * outPerGroup, (g + 1) * outPerGroup);
        }
        scratchSize = Math.max(scratchSize, kdim * plane);
        boolean pointwise = k == 1 && l.stride() == 1 && l.padding() == 0 && groups == 1;
        return (buf, scratch, mode, stats) -> {
            for (int g = 0; g < groups; g++) {
                double[] cols = buf[src];
                if (!pointwise) {
                    Kernels.im2col(buf[src], g * inPerGroup * in.height() * in.width(), inPerGroup, in.height(),
                            in.width(), k, l.stride(), l.padding(), l.dilation(), out.height(), out.width(), scratch);
                    cols = scratch;
                }
                Kernels.matmulBias(w[g], bias[g], outPerGroup, kdim, cols, plane, buf[dst], g * outPerGroup * plane);
            }
        };
    }

    private static Step affine(Layer l, int src, int dst) {
        int plane = l.in().height() * l.in().width();
        return (buf, scratch, mode, stats) -> Kernels.affineChannels(buf[src], l.weight(), l.bias(), plane, buf[dst]);
    }

    private static Step linear(Layer l, int src, int dst) {
        int in = l.in().size();
        int out = l.out().size();
        return (buf, scratch, mode, stats) -> Kernels.matmulBias(l.weight(), l.bias(), out, in, buf[src], 1, buf[dst], 0);
    }

    private static Step avgPool(Layer p, int src, int dst) {
        Shape in = p.in();
        Shape out = p.out();
        if (p.kernel() == 0) {
            int plane = in.height() * in.width();
            return (buf, scratch, mode, stats) -> {
                for (int c = 0; c < in.channels(); c++) {
                    double sum = 0;
                    for (int i = c * plane; i < (c + 1) * plane; i++) {
                        sum += buf[src][i];
                    }
                    buf[dst][c] = sum / plane;
                }
            };
        }
        return (buf, scratch, mode, stats) -> Kernels.avgPool(buf[src], in.channels(), in.height(), in.width(),
                p.kernel(), p.stride(), out.height(), out.width(), buf[dst]);
    }

    private static Step maxPool(Layer p, int src, int dst, int layer) {
        Shape in = p.in();
        Shape out = p.out();
        int k = p.kernel();
        int[] windows = MaxPoolWindows.of(p);
        return (buf, scratch, mode, stats) -> {
            double[] x = buf[src];
            if (stats != null) {
                stats.record(layer, x, 0, in.size(), mode.bound());
            }
            double[] window = new double[k * k];
            for (int o = 0; o < out.size(); o++) {
                for (int n = 0; n < k * k; n++) {
                    window[n] = x[windows[o * k * k + n]];
                }
                buf[dst][o] = treeMax(window, k * k, mode, k);
            }
        };
    }

    /** Pairwise max as a balanced tree (approxCNN's order for 2x2 windows: max(max(a,b), max(c,d))). */
    static double treeMax(double[] values, int n, ActivationMode mode, int kernel) {
        while (n > 1) {
            int half = 0;
            for (int i = 0; i + 1 < n; i += 2) {
                values[half++] = mode.max(values[i], values[i + 1], kernel);
            }
            if ((n & 1) == 1) {
                values[half++] = values[n - 1];
            }
            n = half;
        }
        return values[0];
    }

    private static Step relu(int size, int src, int dst, int layer) {
        return (buf, scratch, mode, stats) -> {
            if (stats != null) {
                stats.record(layer, buf[src], 0, size, mode.bound());
            }
            System.arraycopy(buf[src], 0, buf[dst], 0, size);
            mode.relu(buf[dst], 0, size);
        };
    }

    /** ReLU(x) - ReLU(x - ceiling): the clip for the backbone, two AppReLUs for the PANN. */
    private static Step clippedRelu(Layer l, int src, int dst, int layer) {
        int size = l.out().size();
        double ceiling = l.ceiling();
        return (buf, scratch, mode, stats) -> {
            double[] x = buf[src];
            double[] y = buf[dst];
            double[] shifted = new double[size];
            for (int i = 0; i < size; i++) {
                y[i] = x[i];
                shifted[i] = x[i] - ceiling;
            }
            if (stats != null) {
                // both are AppReLU inputs: x - ceiling leaves the interval first when x is negative
                stats.record(layer, x, 0, size, mode.bound());
                stats.record(layer, shifted, 0, size, mode.bound());
            }
            mode.relu(y, 0, size);
            mode.relu(shifted, 0, size);
            for (int i = 0; i < size; i++) {
                y[i] -= shifted[i];
            }
        };
    }

    /** One sample's inputs one after another: channel concatenation of CHW tensors. */
    private static Step concat(int[] sizes, int[] srcs, int dst) {
        return (buf, scratch, mode, stats) -> {
            int off = 0;
            for (int j = 0; j < srcs.length; j++) {
                System.arraycopy(buf[srcs[j]], 0, buf[dst], off, sizes[j]);
                off += sizes[j];
            }
        };
    }

    private static Step add(int size, int a, int b, int dst) {
        return (buf, scratch, mode, stats) -> {
            double[] x = buf[a];
            double[] y = buf[b];
            double[] z = buf[dst];
            for (int i = 0; i < size; i++) {
                z[i] = x[i] + y[i];
            }
        };
    }

    private static Step gather(int[] index, int src, int dst) {
        return (buf, scratch, mode, stats) -> Kernels.gather(buf[src], index, buf[dst]);
    }
}
