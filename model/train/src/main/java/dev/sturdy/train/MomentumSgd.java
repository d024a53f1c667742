package dev.sturdy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import java.util.HashMap;
import java.util.Map;

/**
 * SGD with momentum and plain L2 weight decay as PyTorch does it: v = mu * v + g + wd * w,
 * w -= lr * v. The learning rate is set from outside before each step (the schedule), and the
 * velocities can be read and restored so a checkpoint resumes exactly.
 */
final class MomentumSgd extends Optimizer {

    private final float momentum;
    private final float weightDecay;
    private final Map<String, NDArray> velocity = new HashMap<>();
    private float learningRate;

    MomentumSgd(float momentum, float weightDecay) {
        super(new Builder());
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    void setLearningRate(double rate) {
        learningRate = (float) rate;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        NDArray v = velocity.get(parameterId);
        if (v == null) {
            v = weight.zerosLike();
            velocity.put(parameterId, v);
        }
        v.muli(momentum).addi(grad);
        if (weightDecay != 0) {
            try (NDArray decay = weight.mul(weightDecay)) {
                v.addi(decay);
            }
        }
        try (NDArray delta = v.mul(learningRate)) {
            weight.subi(delta);
        }
    }

    /** The velocity of a parameter, or null before its first update. */
    float[] velocityOf(String parameterId) {
        NDArray v = velocity.get(parameterId);
        return v == null ? null : v.toFloatArray();
    }

    void restoreVelocity(String parameterId, NDArray weight, float[] values) {
        NDArray v = weight.zerosLike();
        v.set(values);
        velocity.put(parameterId, v);
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
