package dev.sturdy.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Creates DJL layers and remembers their parameters under the PyTorch state_dict names the
 * model zoo's graph builders read (conv1.weight, bn1.running_mean, ...), so export needs no
 * knowledge of DJL's internal block names.
 */
final class NamedLayers {

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final NgnvSettings ngnv;
    private final Random noise;

    NamedLayers(NgnvSettings ngnv, Random noise) {
        this.ngnv = ngnv;
        this.noise = noise;
    }

    /** Square convolution without bias, padding kernel / 2. */
    Block conv(String name, int out, int kernel, int stride) {
        return conv(name, out, kernel, stride, 1);
    }

    /** As {@link #conv(String, int, int, int)} in groups (groups = channels: depthwise). */
    Block conv(String name, int out, int kernel, int stride, int groups) {
        Conv2d conv = Conv2d.builder().setFilters(out).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(kernel / 2, kernel / 2)).optGroups(groups)
                .optBias(false).build();
        register(name + ".weight", conv, "weight");
        return conv;
    }

    Block batchNorm(String name) {
        BatchNorm bn = BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
        register(name + ".weight", bn, "gamma");
        register(name + ".bias", bn, "beta");
        register(name + ".running_mean", bn, "runningMean");
        register(name + ".running_var", bn, "runningVar");
        return bn;
    }

    Block linear(String name, int out) {
        Linear linear = Linear.builder().setUnits(out).build();
        register(name + ".weight", linear, "weight");
        register(name + ".bias", linear, "bias");
        return linear;
    }

    /** A ReLU, with NGNV noise in training when the network has NGNV settings. */
    Block relu() {
        return new NgnvRelu(ngnv, noise);
    }

    /** state_dict name to parameter, in the order the layers were made. */
    Map<String, Parameter> parameters() {
        return parameters;
    }

    private void register(String stateName, Block block, String djlName) {
        Parameter p = block.getParameters().get(djlName);
        if (p == null) {
            throw new IllegalStateException(block.getClass().getSimpleName() + " has no parameter '" + djlName + "'");
        }
        parameters.put(stateName, p);
    }
}
