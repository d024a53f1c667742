package dev.sturdy.model.graph;

import java.util.List;

/**
 * 2-D convolution with a square kernel, equal stride and zero padding on both axes, in groups:
 * output channel o reads the input channels of its group only (groups == inChannels: depthwise).
 * weight is outChannels x (inChannels / groups) x kernel x kernel, row-major; bias may be null.
 */
public record Conv2d(int outChannels, int inChannels, int kernel, int stride, int padding, int groups,
                     float[] weight, float[] bias) implements Op {

    public Conv2d {
        if (outChannels <= 0 || inChannels <= 0 || kernel <= 0 || stride <= 0 || padding < 0 || groups <= 0
                || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new ModelException("conv2d: invalid geometry out=" + outChannels + " in=" + inChannels
                    + " kernel=" + kernel + " stride=" + stride + " padding=" + padding + " groups=" + groups);
        }
        Weights.requireLength("conv2d weight", weight, outChannels * (inChannels / groups) * kernel * kernel);
        if (bias != null) {
            Weights.requireLength("conv2d bias", bias, outChannels);
        }
    }

    /** An ungrouped convolution. */
    public Conv2d(int outChannels, int inChannels, int kernel, int stride, int padding, float[] weight, float[] bias) {
        this(outChannels, inChannels, kernel, stride, padding, 1, weight, bias);
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
