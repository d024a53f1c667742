package dev.sturdy.model.graph;

import java.util.List;

/** Inference-mode batch normalisation over channels: (x - mean) / sqrt(var + eps) * gamma + beta. */
public record BatchNorm(float[] gamma, float[] beta, float[] runningMean, float[] runningVar, double eps)
        implements Op {

    public BatchNorm {
        int c = gamma.length;
        Weights.requireLength("batch_norm beta", beta, c);
        Weights.requireLength("batch_norm running_mean", runningMean, c);
        Weights.requireLength("batch_norm running_var", runningVar, c);
        if (!(eps >= 0)) {
            throw new ModelException("batch_norm eps must be >= 0, got " + eps);
        }
    }

    public int channels() {
        return gamma.length;
    }

    /** Per-channel scale of the equivalent affine map y = scale * x + shift. */
    public double scale(int channel) {
        return gamma[channel] / Math.sqrt(runningVar[channel] + eps);
    }

    public double shift(int channel) {
        return beta[channel] - runningMean[channel] * scale(channel);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (in.channels() != channels()) {
            throw new ModelException("batch_norm has " + channels() + " channels, input is " + in);
        }
        return in;
    }

    @Override
    public String kind() {
        return "batch_norm";
    }
}
