package dev.sturdy.model.file;

import dev.sturdy.model.Model;
import dev.sturdy.model.Normalization;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.file.proto.Layer;
import dev.sturdy.model.file.proto.ModelFile;
import dev.sturdy.model.file.proto.Tensor;
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
import java.util.Arrays;

/** Protobuf message to Model, checking every tensor's shape against its layer. */
final class ModelProtoReader {

    private ModelProtoReader() {
    }

    static Model read(ModelFile file) {
        if (file.getInputShapeCount() != 3) {
            throw new ModelException("input shape must be channels,height,width; got " + file.getInputShapeList());
        }
        Shape input = new Shape(file.getInputShape(0), file.getInputShape(1), file.getInputShape(2));
        Graph.Builder graph = Graph.builder(input);
        for (Layer layer : file.getLayersList()) {
            graph.add(layer.getName(), op(layer), layer.getInputsList().toArray(String[]::new));
        }
        Normalization norm = file.hasNormalization()
                ? new Normalization(toArray(file.getNormalization().getMeanList()),
                        toArray(file.getNormalization().getStdList()))
                : Normalization.identity(input.channels());
        PannSettings pann = file.hasPann()
                ? new PannSettings(file.getPann().getBound(), file.getPann().getBeta())
                : new PannSettings(PannSettings.DEFAULT_BOUND, 0);
        return new Model(file.getName(), file.getArchitecture(), graph.build(), file.getClassesList(), norm, pann,
                file.getMetadataMap());
    }

    private static Op op(Layer layer) {
        String name = layer.getName();
        return switch (layer.getOpCase()) {
            case CONV2D -> {
                var c = layer.getConv2D();
                int[] s = shape(name + " weight", c.getWeight(), 4);
                if (s[2] != s[3]) {
                    throw new ModelException("layer '" + name + "': only square kernels are supported, got "
                            + s[2] + "x" + s[3]);
                }
                // format 1 has no groups and dilation fields: 0 reads as 1
                int groups = Math.max(1, c.getGroups());
                yield new Conv2d(s[0], s[1] * groups, s[2], c.getStride(), c.getPadding(), groups,
                        Math.max(1, c.getDilation()), values(c.getWeight()), optional(name + " bias", c.getBias(), s[0]));
            }
            case BATCH_NORM -> {
                var b = layer.getBatchNorm();
                yield new BatchNorm(values(b.getGamma()), values(b.getBeta()), values(b.getRunningMean()),
                        values(b.getRunningVar()), b.getEps());
            }
            case LINEAR -> {
                var l = layer.getLinear();
                int[] s = shape(name + " weight", l.getWeight(), 2);
                yield new Linear(s[0], s[1], values(l.getWeight()), optional(name + " bias", l.getBias(), s[0]));
            }
            case AVG_POOL -> new AvgPool(layer.getAvgPool().getKernel(), layer.getAvgPool().getStride());
            case MAX_POOL -> new MaxPool(layer.getMaxPool().getKernel(), layer.getMaxPool().getStride(),
                    layer.getMaxPool().getPadding());
            case RELU -> new Relu();
            case CLIPPED_RELU -> new ClippedRelu(layer.getClippedRelu().getCeiling());
            case ADD -> new Add();
            case CONCAT -> new Concat(layer.getInputsCount());
            case CHANNEL_SHUFFLE -> new ChannelShuffle(layer.getChannelShuffle().getGroups());
            case CHANNEL_SLICE -> new ChannelSlice(layer.getChannelSlice().getStart(), layer.getChannelSlice().getCount());
            case FLATTEN -> new Flatten();
            case SHORTCUT_PAD -> new ShortcutPad(layer.getShortcutPad().getStride(),
                    layer.getShortcutPad().getPadBefore(), layer.getShortcutPad().getPadAfter());
            case OP_NOT_SET -> throw new ModelException("layer '" + name + "' has no operation");
        };
    }

    private static int[] shape(String what, Tensor t, int rank) {
        if (t.getShapeCount() != rank) {
            throw new ModelException(what + " must have rank " + rank + ", got shape " + t.getShapeList());
        }
        int[] s = t.getShapeList().stream().mapToInt(Integer::intValue).toArray();
        long size = Arrays.stream(s).asLongStream().reduce(1, (a, b) -> a * b);
        if (size != t.getValuesCount()) {
            throw new ModelException(what + " has shape " + t.getShapeList() + " but " + t.getValuesCount() + " values");
        }
        return s;
    }

    private static float[] optional(String what, Tensor t, int length) {
        if (t.getValuesCount() == 0) {
            return null;
        }
        shape(what, t, 1);
        return values(t);
    }

    private static float[] values(Tensor t) {
        float[] v = new float[t.getValuesCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getValues(i);
        }
        return v;
    }

    private static double[] toArray(java.util.List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
