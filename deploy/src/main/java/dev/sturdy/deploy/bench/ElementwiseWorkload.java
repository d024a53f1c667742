package dev.sturdy.deploy.bench;

import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.protocol.ring.RingTensor;
import dev.sturdy.protocol.wire.ExactRelu;
import dev.sturdy.protocol.wire.Openings;
import dev.sturdy.protocol.wire.PannActivation;
import dev.sturdy.protocol.wire.Round;
import dev.sturdy.protocol.wire.Session;
import dev.sturdy.protocol.wire.Shared;
import dev.sturdy.protocol.wire.TruncatedWire;
import dev.sturdy.protocol.wire.WireProduct;

/**
 * The side-by-side workloads on secret vectors: {@code mul} the truncated product of two vectors
 * (both opened as wires in one round, multiplied locally, the product truncated in a second
 * opening), {@code poly} AppReLU at precision {@link #POLY_BETA} with the shipped composite sign,
 * {@code relu} exact ReLU by comparison. Inputs are shares of values in [-{@link #RANGE},
 * {@link #RANGE}) with f fractional bits, modulo 2^64.
 */
public final class ElementwiseWorkload {
    /** Real inputs lie in [-RANGE, RANGE): within AppReLU's bound, and products stay small. */
    static final int RANGE_BITS = 5;
    static final double RANGE = 1 << RANGE_BITS;
    /** AppReLU's bound in the poly workload (as the CIFAR models use). */
    public static final double BOUND = 50;
    /** The poly workload's precision: the shipped composite for B = 10 (an error near 2^-10, as the earlier 7, 15, 27). */
    public static final int POLY_BETA = 10;
    /** Fractional bits of 1 / BOUND when the poly workload scales its input. */
    private static final int SCALE_BITS = 24;

    private final BenchJob job;
    private final PannActivation appRelu;

    ElementwiseWorkload(BenchJob job) {
        this.job = job;
        this.appRelu = job.kind() == BenchJob.Kind.POLY
                ? new PannActivation(dev.sturdy.model.approx.ActivationPlan.of(SignPolynomials.forBeta(POLY_BETA),
                        FixedPointPolicy.DEFAULT))
                : null;
    }

    /** How many secret inputs the program takes (y is used by mul only). */
    int inputs() {
        return job.kind() == BenchJob.Kind.MUL ? 2 : 1;
    }

    /** Runs the workload on shares x (and y) mod 2^64 with f fractional bits. */
    void run(Session s, RingTensor x, RingTensor y) {
        int f = job.fractionalBits();
        int n = x.size();
        Shared xs = new Shared(x.data(), null, 64, f, n);
        switch (job.kind()) {
            case MUL -> {
                Shared ys = new Shared(y.data(), null, 64, f, n);
                int[] bits = {f};
                int[] rings = {64};
                Round round = new Round(s);
                Openings.Truncation ox = Openings.truncation(s, round, xs, bits, rings);
                Openings.Truncation oy = Openings.truncation(s, round, ys, bits, rings);
                round.run();
                TruncatedWire u = ox.wires()[0];
                TruncatedWire v = oy.wires()[0];
                // the product's truncation rides on whatever opening reads it next
                WireProduct.times(s, u, 0, v, 64);
            }
            case POLY -> {
                long inverse = Math.round(Math.scalb(1 / BOUND, SCALE_BITS));
                long[] scaled = new long[n];
                for (int i = 0; i < n; i++) {
                    scaled[i] = x.data()[i] * inverse;
                }
                Shared u = new Shared(scaled, null, 64, f + SCALE_BITS, n);
                appRelu.apply(s, u, appRelu.plan().outputScale() + 8);
            }
            case RELU -> ExactRelu.relu(s, xs.reduce(f + RANGE_BITS + 3), f);
            case MODEL -> throw new IllegalArgumentException("a model job is not an elementwise workload");
        }
    }
}
