package dev.sturdy.model.onnx;

import dev.sturdy.model.graph.ModelException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The shape arithmetic exporters write around a dynamic batch dimension (Shape, Gather, Unsqueeze,
 * Concat, Cast, Div, ...), evaluated once the input shape is known: every operand is a constant,
 * so each node becomes a constant. Only the small tensors such arithmetic uses are supported.
 */
final class ConstantFolding {
    static final Set<String> OPS = Set.of("Constant", "Shape", "Gather", "Unsqueeze", "Squeeze", "Concat", "Cast",
            "Div", "Mul", "Add", "Sub", "Slice", "ConstantOfShape", "Reshape", "Transpose", "Identity");

    private ConstantFolding() {
    }

    /** The shape of a layer's output as ONNX sees it, the batch dimension 1, sliced by Shape's start and end. */
    static OnnxConst shapeOf(OnnxValue.Layer x, long start, long end) {
        long[] full = x.rank() == 4
                ? new long[] {1, x.shape().channels(), x.shape().height(), x.shape().width()}
                : new long[] {1, x.shape().size()};
        int from = (int) clampIndex(start, full.length);
        int to = (int) clampIndex(end, full.length);
        return OnnxConst.ints(Arrays.copyOfRange(full, from, Math.max(from, to)));
    }

    /** One node on constants; {@code a} its attributes, {@code in} its inputs (null for an absent optional one). */
    static OnnxConst fold(String op, OnnxAttributes a, List<OnnxConst> in, String where) {
        return switch (op) {
            case "Identity" -> in.get(0);
            case "Gather" -> gather(in.get(0), in.get(1), (int) a.integer("axis", 0), where);
            case "Unsqueeze" -> unsqueeze(in.get(0), axes(a, in, where), where);
            case "Squeeze" -> squeeze(in.get(0), axes(a, in, where), where);
            case "Concat" -> concat(in, (int) a.integer("axis", 0), where);
            case "Cast" -> cast(in.get(0), (int) a.integer("to", OnnxTensors.FLOAT));
            case "Div", "Mul", "Add", "Sub" -> arithmetic(op, in.get(0), in.get(1), where);
            case "Slice" -> slice(in, a, where);
            case "ConstantOfShape" -> constantOfShape(in.get(0), a);
            case "Reshape" -> reshape(in.get(0), in.get(1), where);
            case "Transpose" -> transpose(in.get(0), a, where);
            default -> throw new ModelException(where + ": cannot evaluate " + op + " on constants");
        };
    }

    private static long[] axes(OnnxAttributes a, List<OnnxConst> in, String where) {
        if (in.size() > 1 && in.get(1) != null) {
            return in.get(1).longs();
        }
        long[] axes = a.integers("axes", null);
        if (axes == null) {
            throw new ModelException(where + ": needs axes");
        }
        return axes;
    }

    private static OnnxConst gather(OnnxConst data, OnnxConst indices, int axis, String where) {
        if (data.dims().length != 1 || axis != 0) {
            throw new ModelException(where + ": Gather on constants supports a vector along axis 0, got "
                    + data + " along axis " + axis);
        }
        double[] out = new double[indices.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.values()[(int) clampIndex(indices.longAt(i), data.size())];
        }
        return new OnnxConst(indices.dims(), out, data.integral());
    }

    private static OnnxConst unsqueeze(OnnxConst x, long[] axes, String where) {
        int rank = x.dims().length + axes.length;
        long[] dims = new long[rank];
        boolean[] inserted = new boolean[rank];
        for (long ax : axes) {
            int i = (int) (ax < 0 ? ax + rank : ax);
            if (i < 0 || i >= rank || inserted[i]) {
                throw new ModelException(where + ": Unsqueeze axes " + Arrays.toString(axes) + " for rank " + rank);
            }
            inserted[i] = true;
        }
        for (int i = 0, j = 0; i < rank; i++) {
            dims[i] = inserted[i] ? 1 : x.dims()[j++];
        }
        return new OnnxConst(dims, x.values(), x.integral());
    }

    private static OnnxConst squeeze(OnnxConst x, long[] axes, String where) {
        int rank = x.dims().length;
        boolean[] drop = new boolean[rank];
        for (long ax : axes) {
            int i = (int) (ax < 0 ? ax + rank : ax);
            if (i < 0 || i >= rank || x.dims()[i] != 1) {
                throw new ModelException(where + ": cannot squeeze axis " + ax + " of " + x);
            }
            drop[i] = true;
        }
        long[] dims = new long[rank - axes.length];
        for (int i = 0, j = 0; i < rank; i++) {
            if (!drop[i]) {
                dims[j++] = x.dims()[i];
            }
        }
        return new OnnxConst(dims, x.values(), x.integral());
    }

    private static OnnxConst concat(List<OnnxConst> in, int axis, String where) {
        int total = 0;
        for (OnnxConst c : in) {
            if (c.dims().length != 1 || (axis != 0 && axis != -1)) {
                throw new ModelException(where + ": Concat on constants supports vectors, got " + c);
            }
            total += c.size();
        }
        double[] out = new double[total];
        int at = 0;
        for (OnnxConst c : in) {
            System.arraycopy(c.values(), 0, out, at, c.size());
            at += c.size();
        }
        return new OnnxConst(new long[] {total}, out, in.stream().allMatch(OnnxConst::integral));
    }

    private static OnnxConst cast(OnnxConst x, int to) {
        boolean integral = to != OnnxTensors.FLOAT && to != OnnxTensors.DOUBLE && to != 10 && to != 16;
        double[] out = x.values().clone();
        if (integral) {
            for (int i = 0; i < out.length; i++) {
                out[i] = out[i] < 0 ? Math.ceil(out[i]) : Math.floor(out[i]);
            }
        }
        return new OnnxConst(x.dims(), out, integral);
    }

    private static OnnxConst arithmetic(String op, OnnxConst a, OnnxConst b, String where) {
        OnnxConst big = a.size() >= b.size() ? a : b;
        if (a.size() != b.size() && Math.min(a.size(), b.size()) != 1) {
            throw new ModelException(where + ": " + op + " on constants of shapes " + a + " and " + b);
        }
        boolean integral = a.integral() && b.integral();
        double[] out = new double[big.size()];
        for (int i = 0; i < out.length; i++) {
            double x = a.values()[a.size() == 1 ? 0 : i];
            double y = b.values()[b.size() == 1 ? 0 : i];
            double r = switch (op) {
                case "Div" -> x / y;
                case "Mul" -> x * y;
                case "Add" -> x + y;
                default -> x - y;
            };
            out[i] = integral && op.equals("Div") ? (r < 0 ? Math.ceil(r) : Math.floor(r)) : r;
        }
        return new OnnxConst(big.dims(), out, integral);
    }

    /** Slice along one axis of a constant of any rank (the exporters' pad arithmetic reverses rows with step -1). */
    private static OnnxConst slice(List<OnnxConst> in, OnnxAttributes a, String where) {
        OnnxConst data = in.get(0);
        long[] starts = in.size() > 1 ? in.get(1).longs() : a.integers("starts", null);
        long[] ends = in.size() > 2 ? in.get(2).longs() : a.integers("ends", null);
        long[] axes = in.size() > 3 && in.get(3) != null ? in.get(3).longs() : a.integers("axes", new long[] {0});
        long step = in.size() > 4 && in.get(4) != null ? in.get(4).longAt(0) : 1;
        if (starts == null || ends == null || starts.length != 1 || axes.length != 1 || step == 0) {
            throw new ModelException(where + ": Slice on constants supports one axis with a non-zero step");
        }
        int rank = data.dims().length;
        int axis = (int) (axes[0] < 0 ? axes[0] + rank : axes[0]);
        int n = (int) data.dims()[axis];
        long s;
        long e;
        if (step > 0) {
            s = clampIndex(starts[0], n);
            e = clampIndex(ends[0], n);
        } else {
            s = Math.max(-1, Math.min(n - 1, starts[0] < 0 ? starts[0] + n : starts[0]));
            e = Math.max(-1, Math.min(n - 1, ends[0] < 0 ? ends[0] + n : ends[0]));
        }
        int count = (int) Math.max(0, step > 0 ? (e - s + step - 1) / step : (s - e - step - 1) / -step);
        int inner = 1;
        for (int i = axis + 1; i < rank; i++) {
            inner *= (int) data.dims()[i];
        }
        int outer = data.size() / (n * inner);
        double[] out = new double[outer * count * inner];
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < count; k++) {
                System.arraycopy(data.values(), (int) ((o * n + s + k * step) * inner), out, (o * count + k) * inner, inner);
            }
        }
        long[] dims = data.dims().clone();
        dims[axis] = count;
        return new OnnxConst(dims, out, data.integral());
    }

    private static OnnxConst transpose(OnnxConst x, OnnxAttributes a, String where) {
        long[] perm = a.integers("perm", new long[] {1, 0});
        if (x.dims().length != 2 || perm.length != 2) {
            throw new ModelException(where + ": Transpose on constants supports matrices, got " + x);
        }
        return perm[0] == 0 ? x : transposed(x);
    }

    /** A matrix's transpose (also how a Gemm or MatMul weight becomes out x in). */
    static OnnxConst transposed(OnnxConst x) {
        int rows = (int) x.dims()[0];
        int cols = (int) x.dims()[1];
        double[] out = new double[x.size()];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = x.values()[r * cols + c];
            }
        }
        return new OnnxConst(new long[] {cols, rows}, out, x.integral());
    }

    private static OnnxConst constantOfShape(OnnxConst shape, OnnxAttributes a) {
        OnnxConst fill = a.has("value") ? a.tensor("value") : OnnxConst.scalar(0, false);
        long[] dims = shape.longs();
        long n = Arrays.stream(dims).reduce(1, (x, y) -> x * y);
        double[] out = new double[Math.toIntExact(n)];
        Arrays.fill(out, fill.values()[0]);
        return new OnnxConst(dims, out, fill.integral());
    }

    private static OnnxConst reshape(OnnxConst x, OnnxConst shape, String where) {
        long[] dims = shape.longs();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 0) {
                dims[i] = x.dims()[i];
            }
            if (dims[i] == -1) {
                infer = i;
            } else {
                known *= dims[i];
            }
        }
        if (infer >= 0) {
            dims[infer] = x.size() / known;
        }
        if (Arrays.stream(dims).reduce(1, (p, q) -> p * q) != x.size()) {
            throw new ModelException(where + ": cannot reshape " + x + " to " + Arrays.toString(shape.longs()));
        }
        return new OnnxConst(dims, x.values(), x.integral());
    }

    /** An ONNX index (negative from the end, clamped to [0, n]) as Slice and Shape read it. */
    static long clampIndex(long i, int n) {
        long j = i < 0 ? i + n : i;
        return Math.max(0, Math.min(n, j));
    }
}
