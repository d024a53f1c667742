package dev.sturdy.protocol.ops;

import dev.sturdy.model.approx.AppMax;
import dev.sturdy.model.approx.CompositeSign;
import dev.sturdy.model.approx.EvaluationPlan;
import dev.sturdy.protocol.ring.RingTensor;

/**
 * AppMax(a, b) on shares, elementwise over whole tensors. With s the scale of {@link AppMax}
 * and o(x) = (x + x p(x)) / 2 the plan's output, approxCNN's
 * ((a' + b' + d p(d)) / 2 - 1/2) / s with a' = a s + 1/2, d = a' - b' equals b + o((a - b) s) / s:
 * one exact scaling truncation in, the AppReLU plan, one exact truncation out.
 */
public final class SecureAppMax {
    private final SecurePlan plan;
    private final double scale;

    /** @param kernel the pooling window side (sets AppMax's margin) */
    public SecureAppMax(CompositeSign sign, double bound, int kernel) {
        this.plan = new SecurePlan(EvaluationPlan.forAppRelu(sign));
        this.scale = new AppMax(sign, bound, kernel).scale();
    }

    public RingTensor max(SecureOps ops, RingTensor a, RingTensor b, TruncationMode mode) {
        RingTensor x = SecureAppRelu.scaleDown(ops, a.sub(b), scale);
        RingTensor o = plan.evaluate(ops, x, mode);
        int f = ops.session().fixedPoint().fractionalBits();
        RingTensor up = ops.truncate(o.scale(ops.session().fixedPoint().encode(1 / scale)), f, TruncationMode.DEALER);
        return up.addInPlace(b);
    }

    /** Network rounds of one {@link #max}. */
    public int rounds(TruncationMode mode) {
        return 2 + plan.rounds(mode);
    }

    /** Ring elements one party sends to each peer per element. */
    public int openingsPerElement(TruncationMode mode) {
        return 2 + plan.openingsPerElement(mode);
    }
}
