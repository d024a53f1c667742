package dev.sturdy.model.graph;

import java.util.List;

/**
 * 2-D convolution with a square kernel, equal stride, dilation and zero padding on both axes, in
 * groups: output channel o reads the input channels of its group only (groups == inChannels:
 * depthwise); tap (ky, kx) reads the input dilation * (ky, kx) away from the window's corner.
 * weight is outChannels x (inChannels / groups) x kernel x kernel, row-major; bias may be null.
 */
public record Conv2d(int outChannels, int inChannels, int kernel, int stride, int padding, int groups, int dilation,
                     float[] weight, float[] bias) implements Op {

    public Conv2d {
        if (outChannels <= 0 || inChannels <= 0 || kernel <= 0 || stride <= 0 || padding < 0 || groups <= 0
                || dilation <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new ModelException("conv2d: invalid geometry out=" + outChannels + " in=" + inChannels
                    + " kernel=" + kernel + " stride=" + stride + " padding=" + padding + " groups=" + groups
                    + " dilation=" + dilation);
        }
        Weights.requireLength("conv2d weight", weight, outChannels * (inChannels / groups) * kernel * kernel);
        if (bias != null) {
            Weights.requireLength("conv2d bias", bias, outChannels);
        }
    }

    /** An ungrouped convolution without dilation. */
    public Conv2d(int outChannels, int inChannels, int kernel, int stride, int padding, float[] weight, float[] bias) {
        this(outChannels, inChannels, kernel, stride, padding, 1, 1, weight, bias);
    }

    /** The input extent one output reads along each axis: dilation * (kernel - 1) + 1. */
    public int span() {
        return dilation * (kernel - 1) + 1;
    }

    /** Input channels each output channel reads. */
    public int groupChannels() {
        return inChannels / groups;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (in.channels() != inChannels) {
            throw new ModelException("conv2d expects " + inChannels + " input channels, got shape " + in);
        }
        if (in.height() + 2 * padding < span() || in.width() + 2 * padding < span()) {
            throw new ModelException("conv2d kernel " + kernel + (dilation > 1 ? " dilated " + dilation : "")
                    + " does not fit input " + in);
        }
        return new Shape(outChannels, (in.height() + 2 * padding - span()) / stride + 1,
                (in.width() + 2 * padding - span()) / stride + 1);
    }

    @Override
    public String kind() {
        return "conv2d";
    }
}
