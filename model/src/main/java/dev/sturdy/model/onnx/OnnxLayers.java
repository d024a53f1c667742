package dev.sturdy.model.onnx;

import dev.sturdy.model.graph.Add;
import dev.sturdy.model.graph.AvgPool;
import dev.sturdy.model.graph.BatchNorm;
import dev.sturdy.model.graph.ChannelShuffle;
import dev.sturdy.model.graph.ChannelSlice;
import dev.sturdy.model.graph.ClippedRelu;
import dev.sturdy.model.graph.Concat;
import dev.sturdy.model.graph.Conv2d;
import dev.sturdy.model.graph.Flatten;
import dev.sturdy.model.graph.Graph;
import dev.sturdy.model.graph.Linear;
import dev.sturdy.model.graph.MaxPool;
import dev.sturdy.model.graph.ModelException;
import dev.sturdy.model.graph.Op;
import dev.sturdy.model.graph.Relu;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.graph.ShortcutPad;
import dev.sturdy.model.onnx.proto.OnnxNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Translates ONNX nodes, in the file's (topological) order, into Sturdy layers. Layers are held
 * until {@link #build} so that an Add of a constant right after a Conv, Gemm or MatMul can become
 * that layer's bias.
 */
final class OnnxLayers {
    /** Operators that become layers (the constant ones are {@link ConstantFolding#OPS}). */
    static final Set<String> LAYER_OPS = Set.of("Conv", "BatchNormalization", "Relu", "MaxPool", "AveragePool",
            "GlobalAveragePool", "ReduceMean", "Flatten", "Reshape", "Gemm", "MatMul", "Add", "Identity", "Dropout",
            "Slice", "Split", "Pad", "Clip", "Concat", "Transpose");
    /** Operators refused with a reason rather than as merely unknown. */
    private static final Map<String, String> REFUSED = Map.of(
            "Sigmoid", "not a ReLU network: a PANN replaces ReLU and max only",
            "Tanh", "not a ReLU network: a PANN replaces ReLU and max only",
            "Softmax", "a softmax inside the network has no cheap polynomial form; export the logits (drop the final softmax)",
            "LogSoftmax", "export the logits (drop the final log-softmax)",
            "Exp", "no cheap secure form", "Log", "no cheap secure form", "Sqrt", "no cheap secure form",
            "LeakyRelu", "only ReLU is approximated by the sign polynomials",
            "HardSigmoid", "only ReLU and ReLU6 are approximated by the sign polynomials",
            "HardSwish", "only ReLU and ReLU6 are approximated by the sign polynomials");

    private record Pending(String name, Op op, String[] inputs) {
    }

    private final Map<String, OnnxValue> values;
    private final Map<String, Integer> consumers;
    private final Map<String, Pending> layers = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();

    OnnxLayers(Map<String, OnnxValue> values, Map<String, Integer> consumers) {
        this.values = values;
        this.consumers = consumers;
    }

    void translate(OnnxNode n) {
        String op = n.getOpType();
        String where = "node '" + (n.getName().isEmpty() ? n.getOutput(0) : n.getName()) + "' (" + op + ")";
        if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
            throw new ModelException(where + ": operator domain '" + n.getDomain() + "' is not supported");
        }
        OnnxAttributes a = new OnnxAttributes(n, where);
        if (op.equals("Constant")) {
            values.put(n.getOutput(0), a.constantValue());
            return;
        }
        List<OnnxValue> in = new ArrayList<>();
        for (String name : n.getInputList()) {
            if (name.isEmpty()) {
                in.add(null);
                continue;
            }
            OnnxValue v = values.get(name);
            if (v == null) {
                throw new ModelException(where + " reads '" + name + "', which no earlier node or initializer defines");
            }
            in.add(v);
        }
        if (op.equals("Shape") && in.get(0) instanceof OnnxValue.Layer x) {
            values.put(n.getOutput(0), ConstantFolding.shapeOf(x, a.integer("start", 0), a.integer("end", Long.MAX_VALUE)));
            return;
        }
        if (ConstantFolding.OPS.contains(op) && in.stream().allMatch(v -> v == null || v instanceof OnnxConst)) {
            values.put(n.getOutput(0), ConstantFolding.fold(op, a, in.stream().map(v -> (OnnxConst) v).toList(), where));
            return;
        }
        if (!LAYER_OPS.contains(op)) {
            String reason = REFUSED.get(op);
            throw new ModelException(where + ": " + (reason != null ? reason
                    : "unsupported operator; supported: " + String.join(", ", supported())));
        }
        if (op.equals("Split")) {
            split(n, a, in, where);
            return;
        }
        values.put(n.getOutput(0), layer(op, a, in, where, n));
    }

    private OnnxValue layer(String op, OnnxAttributes a, List<OnnxValue> in, String where, OnnxNode n) {
        String name = n.getOutput(0);
        return switch (op) {
            case "Identity", "Dropout" -> in.get(0);
            case "Conv" -> conv(name, a, in, where);
            case "BatchNormalization" -> batchNorm(name, a, in, where);
            case "Relu" -> add(name, new Relu(), where, layerIn(in, 0, where));
            case "Clip" -> clip(name, a, in, where);
            case "MaxPool" -> add(name, new MaxPool(window(a, where), stride(a, where), poolPadding(a, where, true)), where,
                    layerIn(in, 0, where));
            case "AveragePool" -> {
                poolPadding(a, where, false);
                yield add(name, new AvgPool(window(a, where), stride(a, where)), where, layerIn(in, 0, where));
            }
            case "Concat" -> concat(name, a, in, where);
            case "Transpose" -> transpose(a, in, where);
            case "GlobalAveragePool" -> add(name, AvgPool.global(), where, layerIn(in, 0, where));
            case "ReduceMean" -> reduceMean(name, a, in, where);
            case "Flatten" -> flatten(name, a, layerIn(in, 0, where), where);
            case "Reshape" -> reshape(name, in.get(0), constIn(in, 1, where), where);
            case "Gemm" -> gemm(name, a, in, where);
            case "MatMul" -> matmul(name, in, where);
            case "Add" -> addNode(name, in, n, where);
            case "Slice" -> slice(name, in, where);
            case "Pad" -> pad(name, a, in, where);
            default -> throw new IllegalStateException(op);
        };
    }

    private OnnxValue conv(String name, OnnxAttributes a, List<OnnxValue> in, String where) {
        OnnxValue.Layer x = layerIn(in, 0, where);
        OnnxConst w = constIn(in, 1, where);
        int[] ws = w.shape(where + " weight", 4);
        int groups = (int) a.integer("group", 1);
        long[] dilations = a.integers("dilations", new long[] {1, 1});
        if (dilations.length != 2 || dilations[0] != dilations[1] || dilations[0] < 1) {
            throw new ModelException(where + ": needs equal dilations, got " + Arrays.toString(dilations));
        }
        if (ws[2] != ws[3]) {
            throw new ModelException(where + ": kernel " + ws[2] + "x" + ws[3] + "; only square kernels are supported");
        }
        int stride = stride(a, where);
        int pad = padding(a, (int) dilations[0] * (ws[2] - 1) + 1, stride, where);
        float[] bias = in.size() > 2 && in.get(2) != null ? constIn(in, 2, where).floats() : null;
        return add(name, new Conv2d(ws[0], ws[1] * groups, ws[2], stride, pad, groups, (int) dilations[0], w.floats(), bias),
                where, x);
    }

    private OnnxValue batchNorm(String name, OnnxAttributes a, List<OnnxValue> in, String where) {
        if (a.integer("training_mode", 0) != 0) {
            throw new ModelException(where + ": training-mode batch norm; export with model.eval()");
        }
        return add(name, new BatchNorm(constIn(in, 1, where).floats(), constIn(in, 2, where).floats(),
                constIn(in, 3, where).floats(), constIn(in, 4, where).floats(), a.real("epsilon", 1e-5)), where,
                layerIn(in, 0, where));
    }

    private OnnxValue reduceMean(String name, OnnxAttributes a, List<OnnxValue> in, String where) {
        OnnxValue.Layer x = layerIn(in, 0, where);
        long[] axes = in.size() > 1 && in.get(1) != null ? constIn(in, 1, where).longs() : a.integers("axes", null);
        if (x.rank() != 4 || axes == null || axes.length != 2
                || !Arrays.equals(Arrays.stream(axes).map(v -> v < 0 ? v + 4 : v).sorted().toArray(), new long[] {2, 3})) {
            throw new ModelException(where + ": ReduceMean is supported over H and W (axes 2, 3) of an N x C x H x W "
                    + "tensor, got axes " + Arrays.toString(axes));
        }
        OnnxValue.Layer pooled = add(name, AvgPool.global(), where, x);
        return a.integer("keepdims", 1) == 1 ? pooled : new OnnxValue.Layer(pooled.name(), pooled.shape(), 2);
    }

    private OnnxValue flatten(String name, OnnxAttributes a, OnnxValue.Layer x, String where) {
        if (a.integer("axis", 1) != 1) {
            throw new ModelException(where + ": Flatten is supported from axis 1 (keeping the batch), got axis "
                    + a.integer("axis", 1));
        }
        return flat(name, x, where);
    }

    private OnnxValue.Layer flat(String name, OnnxValue.Layer x, String where) {
        OnnxValue.Layer f = x.shape().isFlat() ? x : add(name, new Flatten(), where, x);
        return new OnnxValue.Layer(f.name(), f.shape(), 2);
    }

    /**
     * Flattening to N x features, a no-op, or the two reshapes of a channel shuffle: N x C x H x W to
     * N x g x C/g x H x W (held as {@link OnnxValue.Grouped}) and, after the transpose, back.
     */
    private OnnxValue reshape(String name, OnnxValue src, OnnxConst target, String where) {
        long[] t = target.longs();
        if (src instanceof OnnxValue.Shuffled s) {
            Shape sh = s.source().shape();
            boolean back = t.length == 4 && batchDim(t[0]) && (t[1] == -1 || t[1] == sh.channels())
                    && t[2] == sh.height() && t[3] == sh.width();
            if (!back) {
                throw new ModelException(where + ": a transposed channel grouping must be reshaped back to N x C x H x W, "
                        + "got " + Arrays.toString(t));
            }
            return add(name, new ChannelShuffle(s.groups()), where, s.source());
        }
        if (!(src instanceof OnnxValue.Layer x)) {
            throw new ModelException(where + ": input 0 must be an activation, got " + src);
        }
        boolean toFlat = t.length == 2 && batchDim(t[0]) && (t[1] == -1 || t[1] == x.shape().size());
        if (toFlat) {
            return flat(name, x, where);
        }
        boolean same = t.length == 4 && batchDim(t[0]) && t[1] == x.shape().channels()
                && t[2] == x.shape().height() && t[3] == x.shape().width();
        if (same) {
            return x;
        }
        boolean grouped = t.length == 5 && x.rank() == 4 && batchDim(t[0]) && t[1] > 0 && t[2] > 0
                && t[1] * t[2] == x.shape().channels() && t[3] == x.shape().height() && t[4] == x.shape().width();
        if (grouped) {
            return new OnnxValue.Grouped(x, (int) t[1]);
        }
        throw new ModelException(where + ": Reshape of " + x.shape() + " to " + Arrays.toString(t)
                + " is not supported (only flattening to N x features and the channel shuffle)");
    }

    private static boolean batchDim(long d) {
        return d == 1 || d == -1 || d == 0;
    }

    /** The middle of a channel shuffle: N x g x C/g x H x W with its two group axes swapped. */
    private OnnxValue transpose(OnnxAttributes a, List<OnnxValue> in, String where) {
        long[] perm = a.integers("perm", null);
        if (in.get(0) instanceof OnnxValue.Grouped g && Arrays.equals(perm, new long[] {0, 2, 1, 3, 4})) {
            return new OnnxValue.Shuffled(g.source(), g.groups());
        }
        throw new ModelException(where + ": Transpose of an activation is supported as the channel shuffle "
                + "(perm 0,2,1,3,4 of a channel grouping), got perm " + Arrays.toString(perm) + " of " + in.get(0));
    }

    /** ReLU6 (Clip 0..6) and any Clip from 0 to a positive ceiling; Clip from 0 without a ceiling is ReLU. */
    private OnnxValue clip(String name, OnnxAttributes a, List<OnnxValue> in, String where) {
        OnnxValue.Layer x = layerIn(in, 0, where);
        // opset 11 and later: min and max are inputs; before: attributes
        double min = in.size() > 1 && in.get(1) != null ? constIn(in, 1, where).values()[0] : a.real("min", Double.NEGATIVE_INFINITY);
        double max = in.size() > 2 && in.get(2) != null ? constIn(in, 2, where).values()[0] : a.real("max", Double.POSITIVE_INFINITY);
        if (min != 0 || !(max > 0)) {
            throw new ModelException(where + ": Clip is supported from 0 to a positive ceiling (ReLU6), got " + min
                    + " to " + max);
        }
        return add(name, Double.isInfinite(max) ? new Relu() : new ClippedRelu(max), where, x);
    }

    /** Channel concatenation of activations of equal height and width. */
    private OnnxValue concat(String name, OnnxAttributes a, List<OnnxValue> in, String where) {
        OnnxValue.Layer[] parts = new OnnxValue.Layer[in.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = layerIn(in, i, where);
        }
        long axis = a.integer("axis", 0);
        if (parts[0].rank() != 4 || (axis != 1 && axis != -3)) {
            throw new ModelException(where + ": Concat of activations is supported along channels (axis 1) of "
                    + "N x C x H x W tensors, got axis " + axis);
        }
        return parts.length == 1 ? parts[0] : add(name, new Concat(parts.length), where, parts);
    }

    /** Split along channels: each output a channel slice. */
    private void split(OnnxNode n, OnnxAttributes a, List<OnnxValue> in, String where) {
        OnnxValue.Layer x = layerIn(in, 0, where);
        long axis = a.integer("axis", 0);
        if (x.rank() != 4 || (axis != 1 && axis != -3)) {
            throw new ModelException(where + ": Split is supported along channels (axis 1), got axis " + axis);
        }
        int outputs = n.getOutputCount();
        long[] sizes = in.size() > 1 && in.get(1) != null ? constIn(in, 1, where).longs() : a.integers("split", null);
        int channels = x.shape().channels();
        if (sizes == null) {
            if (channels % outputs != 0) {
                throw new ModelException(where + ": " + channels + " channels do not split evenly into " + outputs);
            }
            sizes = new long[outputs];
            Arrays.fill(sizes, channels / outputs);
        }
        if (sizes.length != outputs || Arrays.stream(sizes).sum() != channels) {
            throw new ModelException(where + ": split sizes " + Arrays.toString(sizes) + " for " + channels + " channels");
        }
        int start = 0;
        for (int i = 0; i < outputs; i++) {
            values.put(n.getOutput(i), add(n.getOutput(i), new ChannelSlice(start, (int) sizes[i]), where, x));
            start += (int) sizes[i];
        }
    }

    private OnnxValue gemm(String name, OnnxAttributes a, List<OnnxValue> in, String where) {
        OnnxValue.Layer x = flat(name + "_flatten", layerIn(in, 0, where), where);
        if (a.integer("transA", 0) != 0 || a.real("alpha", 1) != 1 || a.real("beta", 1) != 1) {
            throw new ModelException(where + ": Gemm with transA, alpha or beta other than 0, 1, 1 is not supported");
        }
        OnnxConst w = constIn(in, 1, where);
        int[] s = w.shape(where + " weight", 2);
        boolean transB = a.integer("transB", 0) != 0;
        float[] weight = (transB ? w : ConstantFolding.transposed(w)).floats();
        int out = transB ? s[0] : s[1];
        float[] bias = in.size() > 2 && in.get(2) != null ? biasOf(constIn(in, 2, where), out, where) : null;
        return add(name, new Linear(out, transB ? s[1] : s[0], weight, bias), where, x);
    }

    private OnnxValue matmul(String name, List<OnnxValue> in, String where) {
        OnnxValue.Layer x = flat(name + "_flatten", layerIn(in, 0, where), where);
        OnnxConst w = constIn(in, 1, where);
        int[] s = w.shape(where + " weight", 2);
        return add(name, new Linear(s[1], s[0], ConstantFolding.transposed(w).floats(), null), where, x);
    }

    /** Two layers: a residual addition; a layer and a constant: the bias of the Conv or Linear that made the layer. */
    private OnnxValue addNode(String name, List<OnnxValue> in, OnnxNode n, String where) {
        int layerSide = in.get(0) instanceof OnnxConst ? 1 : 0;
        if (in.get(1 - layerSide) instanceof OnnxConst c) {
            OnnxValue.Layer x = layerIn(in, layerSide, where);
            Pending p = layers.get(x.name());
            if (p == null || consumers.getOrDefault(n.getInput(layerSide), 0) != 1) {
                throw new ModelException(where + ": adding a constant is supported as the bias of the Conv, Gemm or "
                        + "MatMul right before it");
            }
            Op withBias;
            if (p.op() instanceof Linear l && l.bias() == null) {
                withBias = new Linear(l.outFeatures(), l.inFeatures(), l.weight(), biasOf(c, l.outFeatures(), where));
            } else if (p.op() instanceof Conv2d k && k.bias() == null && c.size() == k.outChannels()) {
                withBias = new Conv2d(k.outChannels(), k.inChannels(), k.kernel(), k.stride(), k.padding(), k.groups(),
                        k.dilation(), k.weight(), biasOf(c, k.outChannels(), where));
            } else {
                throw new ModelException(where + ": adding a constant is supported as the bias of a Conv, Gemm or MatMul "
                        + "without one, not after " + p.op().kind());
            }
            layers.put(p.name(), new Pending(p.name(), withBias, p.inputs()));
            return x;
        }
        return add(name, new Add(), where, layerIn(in, 0, where), layerIn(in, 1, where));
    }

    /**
     * Steps on H and W of a layer (x[:, :, ::s, ::s]), or a range of channels with step 1 (a chunk);
     * full-range slices of other axes are no-ops.
     */
    private OnnxValue slice(String name, List<OnnxValue> in, String where) {
        OnnxValue src = in.get(0);
        OnnxValue.Layer x = src instanceof OnnxValue.Strided s ? s.source() : layerIn(in, 0, where);
        int[] stride = src instanceof OnnxValue.Strided s ? new int[] {s.strideH(), s.strideW()} : new int[] {1, 1};
        long[] starts = constIn(in, 1, where).longs();
        long[] ends = constIn(in, 2, where).longs();
        long[] axes = in.size() > 3 && in.get(3) != null ? constIn(in, 3, where).longs() : null;
        long[] steps = in.size() > 4 && in.get(4) != null ? constIn(in, 4, where).longs() : null;
        int[] dims = {1, x.shape().channels(), x.shape().height(), x.shape().width()};
        int from = 0;
        int to = dims[1];
        for (int i = 0; i < starts.length; i++) {
            int axis = (int) (axes == null ? i : axes[i] < 0 ? axes[i] + 4 : axes[i]);
            long step = steps == null ? 1 : steps[i];
            int start = (int) ConstantFolding.clampIndex(starts[i], dims[axis]);
            int end = (int) ConstantFolding.clampIndex(ends[i], dims[axis]);
            boolean full = start == 0 && end == dims[axis];
            boolean channels = axis == 1 && step == 1 && start < end && !(src instanceof OnnxValue.Strided);
            if (x.rank() != 4 || !(full || channels) || step < 1 || (axis < 2 && step != 1)) {
                throw new ModelException(where + ": Slice is supported as x[:, :, ::s, ::s] (the option-A shortcut) "
                        + "or a range of channels, got axis " + axis + " from " + starts[i] + " to " + ends[i]
                        + " step " + step);
            }
            if (axis == 1) {
                from = start;
                to = end;
            } else if (axis >= 2) {
                stride[axis - 2] *= (int) step;
            }
        }
        if (from != 0 || to != dims[1]) {
            if (stride[0] != 1 || stride[1] != 1) {
                throw new ModelException(where + ": Slice of channels and rows at once is not supported");
            }
            return add(name, new ChannelSlice(from, to - from), where, x);
        }
        return stride[0] == 1 && stride[1] == 1 ? x : new OnnxValue.Strided(x, stride[0], stride[1]);
    }

    /** Zero channels before and after a (strided) layer: the option-A shortcut. */
    private OnnxValue pad(String name, OnnxAttributes a, List<OnnxValue> in, String where) {
        OnnxValue src = in.get(0);
        OnnxValue.Layer x = src instanceof OnnxValue.Strided s ? s.source() : layerIn(in, 0, where);
        int stride = src instanceof OnnxValue.Strided s ? s.strideH() : 1;
        if (src instanceof OnnxValue.Strided s && s.strideH() != s.strideW()) {
            throw new ModelException(where + ": unequal strides " + s.strideH() + " and " + s.strideW());
        }
        long[] pads = in.size() > 1 && in.get(1) != null ? constIn(in, 1, where).longs() : a.integers("pads", null);
        double value = in.size() > 2 && in.get(2) != null ? constIn(in, 2, where).values()[0] : a.real("value", 0);
        if (pads != null && Arrays.stream(pads).allMatch(p -> p == 0) && stride == 1) {
            return x; // the exporter writes a zero Pad before avg_pool2d
        }
        boolean channelsOnly = pads != null && pads.length == 8 && pads[0] == 0 && pads[2] == 0 && pads[3] == 0
                && pads[4] == 0 && pads[6] == 0 && pads[7] == 0;
        if (!a.text("mode", "constant").equals("constant") || value != 0 || !channelsOnly) {
            throw new ModelException(where + ": Pad is supported as zero channels before and after (the option-A "
                    + "shortcut), got pads " + Arrays.toString(pads) + ", mode " + a.text("mode", "constant"));
        }
        return add(name, new ShortcutPad(stride, (int) pads[1], (int) pads[5]), where, x);
    }

    private static int window(OnnxAttributes a, String where) {
        long[] k = a.integers("kernel_shape", null);
        if (k == null || k.length != 2 || k[0] != k[1]) {
            throw new ModelException(where + ": needs a square kernel_shape, got " + Arrays.toString(k));
        }
        if (a.integer("ceil_mode", 0) != 0) {
            throw new ModelException(where + ": pooling with ceil_mode is not supported");
        }
        return (int) k[0];
    }

    /** Equal padding on every side; only max-pooling may pad (average pooling's divisor would change at the edges). */
    private static int poolPadding(OnnxAttributes a, String where, boolean allowed) {
        long[] pads = a.integers("pads", new long[4]);
        if (pads.length != 4 || Arrays.stream(pads).anyMatch(p -> p != pads[0]) || (!allowed && pads[0] != 0)
                || !a.text("auto_pad", "NOTSET").equals("NOTSET")) {
            throw new ModelException(where + ": " + (allowed ? "needs the same padding on every side" : "average pooling "
                    + "with padding is not supported") + ", got pads " + Arrays.toString(pads));
        }
        return (int) pads[0];
    }

    private static int stride(OnnxAttributes a, String where) {
        long[] s = a.integers("strides", new long[] {1, 1});
        if (s.length != 2 || s[0] != s[1]) {
            throw new ModelException(where + ": needs equal strides, got " + Arrays.toString(s));
        }
        return (int) s[0];
    }

    /** Symmetric, equal padding on both axes (pads or auto_pad SAME on an odd kernel). */
    private static int padding(OnnxAttributes a, int kernel, int stride, String where) {
        String auto = a.text("auto_pad", "NOTSET");
        if (auto.startsWith("SAME")) {
            if (stride != 1 || kernel % 2 == 0) {
                throw new ModelException(where + ": auto_pad " + auto + " is supported with stride 1 and an odd kernel");
            }
            return kernel / 2;
        }
        long[] pads = a.integers("pads", new long[4]);
        if (pads.length != 4 || Arrays.stream(pads).anyMatch(p -> p != pads[0])) {
            throw new ModelException(where + ": needs the same padding on every side, got " + Arrays.toString(pads));
        }
        return (int) pads[0];
    }

    private static float[] biasOf(OnnxConst c, int n, String where) {
        if (c.size() != n) {
            throw new ModelException(where + ": a bias of " + c.size() + " values for " + n + " outputs");
        }
        return c.floats();
    }

    private OnnxValue.Layer add(String onnxName, Op op, String where, OnnxValue.Layer... inputs) {
        String name = layerName(onnxName);
        List<Shape> shapes = Arrays.stream(inputs).map(OnnxValue.Layer::shape).toList();
        Shape out;
        try {
            out = op.outputShape(shapes);
        } catch (ModelException e) {
            throw new ModelException(where + ": " + e.getMessage(), e);
        }
        layers.put(name, new Pending(name, op, Arrays.stream(inputs).map(OnnxValue.Layer::name).toArray(String[]::new)));
        int rank = Arrays.stream(inputs).mapToInt(OnnxValue.Layer::rank).max().orElse(4);
        return new OnnxValue.Layer(name, out, rank);
    }

    /** A layer name from the ONNX tensor name: unique, never "input". */
    private String layerName(String onnxName) {
        String base = onnxName.isEmpty() || onnxName.equals("input") ? "layer" : onnxName;
        String name = base;
        for (int i = 2; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    private static OnnxValue.Layer layerIn(List<OnnxValue> in, int i, String where) {
        if (i >= in.size() || !(in.get(i) instanceof OnnxValue.Layer l)) {
            throw new ModelException(where + ": input " + i + " must be an activation (computed from the image), got "
                    + (i < in.size() ? in.get(i) : "nothing"));
        }
        return l;
    }

    private static OnnxConst constIn(List<OnnxValue> in, int i, String where) {
        if (i >= in.size() || !(in.get(i) instanceof OnnxConst c)) {
            throw new ModelException(where + ": input " + i + " must be a constant (a weight or folded shape), got "
                    + (i < in.size() ? in.get(i) : "nothing"));
        }
        return c;
    }

    Graph build(Shape input, String output) {
        OnnxValue out = values.get(output);
        if (!(out instanceof OnnxValue.Layer last) || last.name().equals("input")) {
            throw new ModelException("the graph output '" + output + "' is not computed by a layer");
        }
        Graph.Builder b = Graph.builder(input);
        for (Pending p : layers.values()) {
            b.add(p.name(), p.op(), p.inputs());
        }
        Graph g = b.build();
        if (!g.output().name().equals(last.name())) {
            throw new ModelException("the graph output '" + output + "' is not its last layer");
        }
        return g;
    }

    static List<String> supported() {
        Set<String> all = new TreeSet<>(LAYER_OPS);
        all.addAll(ConstantFolding.OPS);
        return List.copyOf(all);
    }
}
