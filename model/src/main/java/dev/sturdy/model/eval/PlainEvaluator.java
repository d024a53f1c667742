package dev.sturdy.model.eval;

import dev.sturdy.model.Model;
import dev.sturdy.model.graph.Add;
import dev.sturdy.model.graph.AvgPool;
import dev.sturdy.model.graph.BatchNorm;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.Flatten;
import dev.sturdy.model.graph.FoldedConv;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Linear;
import dev.sturdy.model.graph.MaxPool;
import dev.sturdy.model.graph.Node;
import dev.sturdy.model.graph.Op;
import dev.sturdy.model.graph.Relu;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.graph.ShortcutPad;
import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext evaluator in double precision: the backbone (exact ReLU and max) or the PANN
 * (AppReLU and AppMax) of a model, one sample at a time. Batch norm that follows a convolution is
 * folded into it. An instance is immutable; each thread evaluates with its own {@link Workspace}.
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
        Graph g = model.graph();
        List<Node> nodes = g.nodes();
        int[] consumers = g.consumerCounts();
        int[] buffer = new int[nodes.size()];
        bufferSizes = new int[nodes.size() + 1];
        inputBuffer = nodes.size();
        bufferSizes[inputBuffer] = g.input().size();
        boolean[] foldedAway = new boolean[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            buffer[i] = i;
            bufferSizes[i] = n.output().size();
            int[] in = n.inputs().stream().mapToInt(x -> x == Graph.INPUT ? inputBuffer : buffer[x]).toArray();
            Shape inShape = g.shapeOf(n.inputs().get(0));
            Op op = n.op();
            if (op instanceof Conv2d c) {
                // Defer: a following batch norm may fold into it.
                boolean foldable = i + 1 < nodes.size() && consumers[i] == 1
                        && nodes.get(i + 1).op() instanceof BatchNorm && nodes.get(i + 1).inputs().equals(List.of(i));
                if (foldable) {
                    foldedAway[i] = true;
                    continue;
                }
                steps.add(conv(c, null, inShape, n.output(), in[0], i));
            } else if (op instanceof BatchNorm b) {
                int src = n.inputs().get(0);
                if (src != Graph.INPUT && foldedAway[src]) {
                    Node convNode = nodes.get(src);
                    steps.add(conv((Conv2d) convNode.op(), b, g.shapeOf(convNode.inputs().get(0)), n.output(),
                            convNode.inputs().get(0) == Graph.INPUT ? inputBuffer : buffer[convNode.inputs().get(0)], i));
                } else {
                    steps.add(affine(b, inShape, in[0], i));
                }
            } else if (op instanceof Linear l) {
                steps.add(linear(l, in[0], i));
            } else if (op instanceof AvgPool p) {
                steps.add(avgPool(p, inShape, n.output(), in[0], i));
            } else if (op instanceof MaxPool p) {
                steps.add(maxPool(p, inShape, n.output(), in[0], i, activationLayer(n.name())));
            } else if (op instanceof Relu) {
                steps.add(relu(n.output().size(), in[0], i, activationLayer(n.name())));
            } else if (op instanceof Add) {
                steps.add(add(n.output().size(), in[0], in[1], i));
            } else if (op instanceof Flatten) {
                buffer[i] = in[0];
            } else if (op instanceof ShortcutPad s) {
                steps.add(shortcut(s, inShape, n.output(), in[0], i));
            } else {
                throw new IllegalStateException("no plaintext kernel for " + op.kind());
            }
        }
        outputBuffer = buffer[nodes.size() - 1];
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

    private Step conv(Conv2d c, BatchNorm bn, Shape in, Shape out, int src, int dst) {
        int k = c.kernel();
        int kdim = c.inChannels() * k * k;
        int plane = out.height() * out.width();
        FoldedConv folded = FoldedConv.of(c, bn);
        double[] w = folded.weight();
        double[] bias = folded.bias();
        scratchSize = Math.max(scratchSize, kdim * plane);
        boolean pointwise = k == 1 && c.stride() == 1 && c.padding() == 0;
        return (buf, scratch, mode, stats) -> {
            double[] cols = buf[src];
            if (!pointwise) {
                Kernels.im2col(buf[src], in.channels(), in.height(), in.width(), k, c.stride(), c.padding(),
                        out.height(), out.width(), scratch);
                cols = scratch;
            }
            Kernels.matmulBias(w, bias, c.outChannels(), kdim, cols, plane, buf[dst]);
        };
    }

    private static Step affine(BatchNorm b, Shape in, int src, int dst) {
        double[] scale = new double[b.channels()];
        double[] shift = new double[b.channels()];
        for (int c = 0; c < scale.length; c++) {
            scale[c] = b.scale(c);
            shift[c] = b.shift(c);
        }
        int plane = in.height() * in.width();
        return (buf, scratch, mode, stats) -> Kernels.affineChannels(buf[src], scale, shift, plane, buf[dst]);
    }

    private static Step linear(Linear l, int src, int dst) {
        double[] w = new double[l.weight().length];
        double[] bias = new double[l.outFeatures()];
        for (int i = 0; i < w.length; i++) {
            w[i] = l.weight()[i];
        }
        for (int o = 0; o < bias.length; o++) {
            bias[o] = l.bias() == null ? 0 : l.bias()[o];
        }
        return (buf, scratch, mode, stats) -> Kernels.matmulBias(w, bias, l.outFeatures(), l.inFeatures(), buf[src], 1,
                buf[dst]);
    }

    private static Step avgPool(AvgPool p, Shape in, Shape out, int src, int dst) {
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

    private static Step maxPool(MaxPool p, Shape in, Shape out, int src, int dst, int layer) {
        if (p.kernel() == 0 && in.height() != in.width()) {
            throw new dev.sturdy.model.graph.ModelException("global max-pooling needs a square input, got " + in);
        }
        int k = p.kernel() == 0 ? in.height() : p.kernel();
        int stride = p.kernel() == 0 ? 1 : p.stride();
        return (buf, scratch, mode, stats) -> {
            double[] x = buf[src];
            if (stats != null) {
                stats.record(layer, x, 0, in.size(), mode.bound());
            }
            double[] window = new double[k * k];
            for (int c = 0; c < in.channels(); c++) {
                for (int oy = 0; oy < out.height(); oy++) {
                    for (int ox = 0; ox < out.width(); ox++) {
                        int n = 0;
                        for (int ky = 0; ky < k; ky++) {
                            int row = (c * in.height() + oy * stride + ky) * in.width() + ox * stride;
                            for (int kx = 0; kx < k; kx++) {
                                window[n++] = x[row + kx];
                            }
                        }
                        buf[dst][(c * out.height() + oy) * out.width() + ox] = treeMax(window, n, mode, k);
                    }
                }
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

    private static Step shortcut(ShortcutPad s, Shape in, Shape out, int src, int dst) {
        return (buf, scratch, mode, stats) -> Kernels.shortcutPad(buf[src], in.channels(), in.height(), in.width(),
                s.stride(), s.padBefore(), out.height(), out.width(), buf[dst], out.channels());
    }
}
