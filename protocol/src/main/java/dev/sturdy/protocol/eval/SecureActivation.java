package dev.sturdy.protocol.eval;

import dev.sturdy.model.approx.ActivationPlan;
import dev.sturdy.model.approx.AppMax;
import dev.sturdy.model.approx.CompositeSign;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.protocol.ring.Wide;
import dev.sturdy.protocol.wire.ExactRelu;
import dev.sturdy.protocol.wire.Openings;
import dev.sturdy.protocol.wire.PannActivation;
import dev.sturdy.protocol.wire.Session;
import dev.sturdy.protocol.wire.Shared;

/**
 * What the secure evaluator puts where the network has ReLU and max: the PANN's AppReLU and AppMax
 * at a precision B, or exact ReLU by secure comparison (max(a, b) = b + ReLU(a - b)). Inputs are
 * additive shares of tensors scaled by 1 / bound; outputs are additive shares of the same scale,
 * in a ring that leaves room for what follows (an addition, a further max, a rewire).
 */
public interface SecureActivation {

    Shared relu(Session s, Shared x, SecureModel model);

    /** Elementwise max of two tensors for a pooling window of side {@code kernel}. */
    Shared max(Session s, Shared a, Shared b, int kernel, SecureModel model);

    /** A max-pooling input in a form {@link #max} can take: x itself, or x moved (one round) into a ring with room. */
    default Shared maxInput(Session s, Shared x, SecureModel model) {
        return x;
    }

    /** "B=9" or "exact". */
    String label();

    /** Network rounds of one relu. */
    int reluRounds(SecureModel model);

    static SecureActivation pann(CompositeSign sign, FixedPointPolicy policy) {
        return new Pann(new PannActivation(ActivationPlan.of(sign, policy)));
    }

    static SecureActivation exact() {
        return Exact.INSTANCE;
    }

    /** AppReLU and AppMax (approxCNN's max(a, b) = b + o((a - b) s) / s with o AppReLU's core). */
    final class Pann implements SecureActivation {
        /** Fractional bits of AppMax's public scale factors. */
        private static final int SCALE_BITS = 16;
        private final PannActivation chain;

        Pann(PannActivation chain) {
            this.chain = chain;
        }

        public PannActivation chain() {
            return chain;
        }

        /** Bits above an output's scale that a rewire into the linear ring, or one more max, needs. */
        private int headroom(SecureModel model) {
            return Math.max(model.linearRing() - model.activationBits(), SCALE_BITS + 3);
        }

        @Override
        public Shared relu(Session s, Shared x, SecureModel model) {
            int scale = chain.plan().outputScale();
            return chain.apply(s, x, scale + headroom(model));
        }

        /**
         * The differences AppMax scales need {@link #SCALE_BITS} + 3 bits above their scale. A sum of
         * an activation and a weighted layer's output (a residual before the pooling) can have fewer:
         * one opening re-shares it at the activations' bits, in a ring with that room.
         */
        @Override
        public Shared maxInput(Session s, Shared x, SecureModel model) {
            if (x.ring() - x.scale() >= SCALE_BITS + 3) {
                return x;
            }
            return Openings.rewire(s, x, model.activationBits() + headroom(model), model.activationBits()).toShared(s.first());
        }

        @Override
        public Shared max(Session s, Shared a, Shared b, int kernel, SecureModel model) {
            CompositeSign sign = chain.plan().sign();
            double c = new AppMax(sign, model.bound(), kernel).scale() * model.bound();
            Shared d = a.subtract(b);
            Shared u = times(d, Math.round(Math.scalb(c, SCALE_BITS)), SCALE_BITS);
            int scale = chain.plan().outputScale();
            Shared o = chain.apply(s, u, scale + SCALE_BITS + headroom(model));
            return times(o, Math.round(Math.scalb(1 / c, SCALE_BITS)), SCALE_BITS).add(b);
        }

        /** x times a positive public integer that carries {@code bits} fractional bits. */
        private static Shared times(Shared x, long factor, int bits) {
            if (x.ring() - x.scale() < bits + 3) {
                throw new IllegalStateException(x + " has no room for a scale factor of " + bits + " bits");
            }
            long[] lo = new long[x.size()];
            long[] hi = x.wide() ? new long[x.size()] : null;
            if (hi != null) {
                Wide.scaleAdd(lo, hi, factor, 0L, x.lo(), x.hi(), x.size());
            } else {
                long[] v = x.lo();
                for (int i = 0; i < lo.length; i++) {
                    lo[i] = v[i] * factor;
                }
            }
            return new Shared(lo, hi, x.ring(), x.scale() + bits, x.shape());
        }

        @Override
        public String label() {
            return "B=" + chain.plan().sign().beta();
        }

        @Override
        public int reluRounds(SecureModel model) {
            return chain.rounds();
        }
    }

    /** Exact ReLU by comparison; the output keeps the activations' fractional bits. */
    final class Exact implements SecureActivation {
        static final Exact INSTANCE = new Exact();

        @Override
        public Shared relu(Session s, Shared x, SecureModel model) {
            return ExactRelu.relu(s, x, model.activationBits());
        }

        @Override
        public Shared max(Session s, Shared a, Shared b, int kernel, SecureModel model) {
            Shared d = a.subtract(b);
            return ExactRelu.relu(s, d, d.scale()).add(b);
        }

        @Override
        public String label() {
            return "exact";
        }

        @Override
        public int reluRounds(SecureModel model) {
            int bits = model.linearRing() - 2 - model.weightBits()[0];
            return 2 + (32 - Integer.numberOfLeadingZeros(Math.max(1, bits - 1)));
        }
    }
}
