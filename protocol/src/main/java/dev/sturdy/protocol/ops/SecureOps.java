package dev.sturdy.protocol.ops;

import dev.sturdy.protocol.ring.Conv2dGeometry;
import dev.sturdy.protocol.ring.RingTensor;

/**
 * Secure operations on whole secret-shared tensors. Every compute party runs the same calls with
 * its own shares; results are this party's shares. Linear operations are local; products take one
 * round each (use {@link #round()} to put independent products into one round); fixed-point
 * variants truncate by f afterwards (no extra round with LOCAL truncation, one with DEALER).
 *
 * <p>Correlations consumed, in order (the dealer must serve the same sequence):
 * mul: TRIPLE(n); square: SQUARE(n); matmul: MATMUL(m,k,n); conv2d: CONV(g, batch);
 * truncate with DEALER mode: TRUNC(n, f); the fixed-point variants: the product's, then TRUNC.
 */
public final class SecureOps {
    private final Session s;

    public SecureOps(Session s) {
        this.s = s;
    }

    public Session session() {
        return s;
    }

    /** A new round to batch independent openings into one message per peer. */
    public Round round() {
        return new Round(s);
    }

    public RingTensor add(RingTensor x, RingTensor y) {
        return x.add(y);
    }

    public RingTensor sub(RingTensor x, RingTensor y) {
        return x.sub(y);
    }

    public RingTensor neg(RingTensor x) {
        return x.neg();
    }

    /** x + c for a public ring constant c: party 0 adds it, the others keep their share. */
    public RingTensor addPublic(RingTensor x, long c) {
        RingTensor out = x.copy();
        if (s.id() == 0) {
            long[] d = out.data();
            for (int i = 0; i < d.length; i++) {
                d[i] += c;
            }
        }
        return out;
    }

    /** x + v for a public real v in fixed point. */
    public RingTensor addPublicFixed(RingTensor x, double v) {
        return addPublic(x, s.fixedPoint().encode(v));
    }

    /** x * c for a public ring constant (an integer, no truncation). */
    public RingTensor scalePublic(RingTensor x, long c) {
        return x.scale(c);
    }

    /** x * v for a public real v: encode v with f bits, multiply locally, truncate by f. */
    public RingTensor scaleFixed(RingTensor x, double v) {
        return truncate(x.scale(s.fixedPoint().encode(v)));
    }

    /**
     * sum_j c_j * x_j + c0 for public reals c_j, c0 and secret tensors x_j of one shape: the
     * products with the encoded coefficients are summed at 2f fractional bits and truncated once,
     * so the whole combination costs one truncation. This is the "public linear combination"
     * step between product rounds of a polynomial evaluation plan.
     */
    public RingTensor linearFixed(double[] coefficients, RingTensor[] terms, double constant) {
        return linearFixed(coefficients, terms, constant, s.fixedPoint().fractionalBits());
    }

    /**
     * As {@link #linearFixed(double[], RingTensor[], double)} for terms carrying {@code termBits}
     * fractional bits (e.g. 2f for untruncated products): the sum carries termBits + f bits and
     * is truncated once by termBits, giving f bits. Lets a polynomial level skip the truncation of
     * its products; mind the range (|value| * 2^(termBits + f) &lt; 2^62).
     */
    public RingTensor linearFixed(double[] coefficients, RingTensor[] terms, double constant, int termBits) {
        if (coefficients.length != terms.length || terms.length == 0) {
            throw new IllegalArgumentException("linearFixed: " + coefficients.length + " coefficients for "
                    + terms.length + " terms");
        }
        RingTensor acc = RingTensor.zeros(terms[0].shape());
        long[] a = acc.data();
        for (int j = 0; j < terms.length; j++) {
            RingTensor.requireSameShape(terms[0], terms[j], "linearFixed");
            long c = s.fixedPoint().encode(coefficients[j]);
            long[] t = terms[j].data();
            for (int i = 0; i < a.length; i++) {
                a[i] += c * t[i];
            }
        }
        return truncate(addPublic(acc, s.fixedPoint().encode(constant) << termBits), termBits);
    }

    /** Ring product (2f fractional bits if both inputs have f). One round. */
    public RingTensor mul(RingTensor x, RingTensor y) {
        Round r = round();
        Round.Pending p = r.mul(x, y);
        r.run();
        return p.get();
    }

    public RingTensor mulFixed(RingTensor x, RingTensor y) {
        return truncate(mul(x, y));
    }

    public RingTensor square(RingTensor x) {
        Round r = round();
        Round.Pending p = r.square(x);
        r.run();
        return p.get();
    }

    public RingTensor squareFixed(RingTensor x) {
        return truncate(square(x));
    }

    public RingTensor matmul(RingTensor x, RingTensor y) {
        Round r = round();
        Round.Pending p = r.matmul(x, y);
        r.run();
        return p.get();
    }

    public RingTensor matmulFixed(RingTensor x, RingTensor y) {
        return truncate(matmul(x, y));
    }

    public RingTensor conv2d(RingTensor weights, RingTensor x, Conv2dGeometry g) {
        Round r = round();
        Round.Pending p = r.conv2d(weights, x, g);
        r.run();
        return p.get();
    }

    public RingTensor conv2dFixed(RingTensor weights, RingTensor x, Conv2dGeometry g) {
        return truncate(conv2d(weights, x, g));
    }

    /** Truncation by f with the session's mode (LOCAL: no communication; DEALER: one round). */
    public RingTensor truncate(RingTensor x) {
        return truncate(x, s.fixedPoint().fractionalBits());
    }

    /** Truncation by {@code bits}; DEALER mode takes TRUNC(n, bits). */
    public RingTensor truncate(RingTensor x, int bits) {
        Round r = round();
        Round.Pending p = r.truncate(x, bits);
        r.run();
        return p.get();
    }

    /** Truncation by {@code bits} with an explicit mode (one round with DEALER). */
    public RingTensor truncate(RingTensor x, int bits, TruncationMode mode) {
        Round r = round();
        Round.Pending p = r.truncate(x, bits, mode);
        r.run();
        return p.get();
    }

    /** Reveals x to every compute party (one round). */
    public RingTensor open(RingTensor x) {
        Round r = round();
        Round.Pending p = r.open(x);
        r.run();
        return p.get();
    }
}
