package dev.sturdy.deploy.bench;

import dev.sturdy.model.approx.CompositeSign;
import dev.sturdy.model.approx.OddPolynomial;
import dev.sturdy.model.approx.Remez;
import dev.sturdy.protocol.ops.ExactRelu;
import dev.sturdy.protocol.ops.SecureAppRelu;
import dev.sturdy.protocol.ops.SecureOps;
import dev.sturdy.protocol.ring.RingTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The side-by-side workloads on secret vectors (issue 6): {@code mul} the truncated product of two
 * vectors, {@code poly} AppReLU with the composite sign polynomial of degrees 7, 15, 27, {@code relu}
 * exact ReLU by comparison. Inputs are shares of values in [-{@link #RANGE}, {@link #RANGE}).
 */
public final class ElementwiseWorkload {
    /** Real inputs lie in [-RANGE, RANGE): within AppReLU's bound, and products stay small. */
    static final int RANGE_BITS = 5;
    static final double RANGE = 1 << RANGE_BITS;
    /** AppReLU's bound in the poly workload (as the CIFAR models use). */
    public static final double BOUND = 50;
    /** The composite degrees the workload prescribes, and where p1 starts (2^-10: an error near 2^-9). */
    static final int[] POLY_DEGREES = {7, 15, 27};
    private static final double POLY_EPS = Math.scalb(1.0, -10);

    private final BenchJob job;
    private final SecureAppRelu appRelu;

    ElementwiseWorkload(BenchJob job) {
        this.job = job;
        this.appRelu = job.kind() == BenchJob.Kind.POLY ? new SecureAppRelu(polySign(), BOUND) : null;
    }

    /** The composite sign with {@link #POLY_DEGREES}: p1 minimax on [eps, 1], each next on the previous image. */
    public static CompositeSign polySign() {
        List<OddPolynomial> components = new ArrayList<>();
        double lo = POLY_EPS, hi = 1;
        for (int degree : POLY_DEGREES) {
            Remez.Result r = Remez.sign(degree, lo, hi);
            components.add(r.polynomial());
            lo = 1 - r.error();
            hi = 1 + r.error();
        }
        return new CompositeSign(0, POLY_EPS, components);
    }

    /** How many secret inputs the program takes (y is used by mul only). */
    int inputs() {
        return job.kind() == BenchJob.Kind.MUL ? 2 : 1;
    }

    SecureAppRelu appRelu() {
        return appRelu;
    }

    RingTensor run(SecureOps ops, RingTensor x, RingTensor y) {
        return switch (job.kind()) {
            case MUL -> ops.truncate(ops.mul(x, y), job.fractionalBits(), job.truncation());
            case POLY -> appRelu.apply(ops, x, job.truncation());
            case RELU -> ExactRelu.relu(ops, x);
            case MODEL -> throw new IllegalArgumentException("a model job is not an elementwise workload");
        };
    }
}
