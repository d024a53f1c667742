package dev.sturdy.model.file;

import dev.sturdy.model.Model;
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
import dev.sturdy.model.graph.Node;
import dev.sturdy.model.graph.Op;
import dev.sturdy.model.graph.Relu;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.graph.ShortcutPad;

/** Model to its protobuf message. */
final class ModelProtoWriter {

    private ModelProtoWriter() {
    }

    static ModelFile write(Model model, int version) {
        Graph graph = model.graph();
        Shape in = graph.input();
        ModelFile.Builder file = ModelFile.newBuilder()
                .setFormatVersion(version)
                .setName(model.name())
                .setArchitecture(model.architecture())
                .addInputShape(in.channels()).addInputShape(in.height()).addInputShape(in.width())
                .addAllClasses(model.classes())
                .setNormalization(dev.sturdy.model.file.proto.Normalization.newBuilder()
                        .addAllMean(java.util.Arrays.stream(model.normalization().mean()).boxed().toList())
                        .addAllStd(java.util.Arrays.stream(model.normalization().std()).boxed().toList()))
                .setPann(dev.sturdy.model.file.proto.PannSettings.newBuilder()
                        .setBound(model.pann().bound()).setBeta(model.pann().beta()))
                .putAllMetadata(model.metadata());
        for (Node node : graph.nodes()) {
            Layer.Builder layer = Layer.newBuilder().setName(node.name());
            for (int input : node.inputs()) {
                layer.addInputs(input == Graph.INPUT ? "input" : graph.nodes().get(input).name());
            }
            setOp(layer, node);
            file.addLayers(layer);
        }
        return file.build();
    }

    private static void setOp(Layer.Builder layer, Node node) {
        Op op = node.op();
        if (op instanceof Conv2d c) {
            layer.setConv2D(dev.sturdy.model.file.proto.Conv2d.newBuilder()
                    .setWeight(tensor(c.weight(), c.outChannels(), c.groupChannels(), c.kernel(), c.kernel()))
                    .setBias(c.bias() == null ? Tensor.getDefaultInstance() : tensor(c.bias(), c.outChannels()))
                    .setStride(c.stride()).setPadding(c.padding()).setGroups(c.groups())
                    .setDilation(c.dilation()));
        } else if (op instanceof BatchNorm b) {
            layer.setBatchNorm(dev.sturdy.model.file.proto.BatchNorm.newBuilder()
                    .setGamma(tensor(b.gamma(), b.channels()))
                    .setBeta(tensor(b.beta(), b.channels()))
                    .setRunningMean(tensor(b.runningMean(), b.channels()))
                    .setRunningVar(tensor(b.runningVar(), b.channels()))
                    .setEps(b.eps()));
        } else if (op instanceof Linear l) {
            layer.setLinear(dev.sturdy.model.file.proto.Linear.newBuilder()
                    .setWeight(tensor(l.weight(), l.outFeatures(), l.inFeatures()))
                    .setBias(l.bias() == null ? Tensor.getDefaultInstance() : tensor(l.bias(), l.outFeatures())));
        } else if (op instanceof AvgPool p) {
            layer.setAvgPool(dev.sturdy.model.file.proto.AvgPool.newBuilder().setKernel(p.kernel()).setStride(p.stride()));
        } else if (op instanceof MaxPool p) {
            layer.setMaxPool(dev.sturdy.model.file.proto.MaxPool.newBuilder().setKernel(p.kernel()).setStride(p.stride())
                    .setPadding(p.padding()));
        } else if (op instanceof Relu) {
            layer.setRelu(dev.sturdy.model.file.proto.Relu.getDefaultInstance());
        } else if (op instanceof ClippedRelu c) {
            layer.setClippedRelu(dev.sturdy.model.file.proto.ClippedRelu.newBuilder().setCeiling(c.ceiling()));
        } else if (op instanceof Add) {
            layer.setAdd(dev.sturdy.model.file.proto.Add.getDefaultInstance());
        } else if (op instanceof Concat) {
            layer.setConcat(dev.sturdy.model.file.proto.Concat.getDefaultInstance());
        } else if (op instanceof ChannelShuffle s) {
            layer.setChannelShuffle(dev.sturdy.model.file.proto.ChannelShuffle.newBuilder().setGroups(s.groups()));
        } else if (op instanceof ChannelSlice s) {
            layer.setChannelSlice(dev.sturdy.model.file.proto.ChannelSlice.newBuilder()
                    .setStart(s.start()).setCount(s.count()));
        } else if (op instanceof Flatten) {
            layer.setFlatten(dev.sturdy.model.file.proto.Flatten.getDefaultInstance());
        } else if (op instanceof ShortcutPad s) {
            layer.setShortcutPad(dev.sturdy.model.file.proto.ShortcutPad.newBuilder()
                    .setStride(s.stride()).setPadBefore(s.padBefore()).setPadAfter(s.padAfter()));
        } else {
            throw new IllegalStateException("no file form for " + op.kind());
        }
    }

    private static Tensor tensor(float[] values, int... shape) {
        Tensor.Builder t = Tensor.newBuilder();
        for (int d : shape) {
            t.addShape(d);
        }
        for (float v : values) {
            t.addValues(v);
        }
        return t.build();
    }
}
