package dev.sturdy.model.graph;

import java.util.List;

/**
 * 2-D convolution with a square kernel, equal stride and zero padding on both axes.
 * weight is outChannels x inChannels x kernel x kernel, row-major; bias may be null.
 */
public record Conv2d(int outChannels, int inChannels, int kernel, int stride, int padding,
                     float[] weight, float[] bias) implements Op {

    public Conv2d {
        if (outChannels <= 0 || inChannels <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
            throw new ModelException("conv2d: invalid geometry out=" + outChannels + " in=" + inChannels
                    + " kernel=" + kernel + " stride=" + stride + " padding=" + padding);
        }
        Weights.requireLength("conv2d weight", weight, outChannels * inChannels * kernel * kernel);
        if (bias != null) {
            Weights.requireLength("conv2d bias", bias, outChannels);
        }
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (in.channels() != inChannels) {
            throw new ModelException("conv2d expects " + inChannels + " input channels, got shape " + in);
        }
        int h = (in.height() + 2 * padding - kernel) / stride + 1;
        int w = (in.width() + 2 * padding - kernel) / stride + 1;
        if (h <= 0 || w <= 0) {
            throw new ModelException("conv2d kernel " + kernel + " does not fit input " + in);
        }
        return new Shape(outChannels, h, w);
    }

    @Override
    public String kind() {
        return "conv2d";
    }
}
