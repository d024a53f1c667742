package dev.sturdy.model.approx;

import dev.sturdy.model.fixed.FixedPointPolicy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How the secure protocol evaluates AppReLU(z) / bound = u (1 + p(u)) / 2 for u = z / bound, with
 * p = pK o ... o p1 the composite sign: the integers it computes, which the protocol follows exactly.
 *
 * <p>Stage i evaluates p_i on an input U_i = floor(x 2^f_i) (f_i = {@link Stage#inputBits}) as the
 * integer P_i = sum_k C_k U_i^k with C_k = round(c_k 2^(S_i - k f_i)): P_i = p_i(x) 2^S_i up to the
 * coefficient rounding, S_i = coefficientBits + degree f_i, exact in Z_2^128 because |P_i| < 2^(S_i + 1)
 * (p_i stays below 2 on its input range). The next input is floor(P_i / 2^(S_i - f_{i+1})); after the
 * last stage the sign S = floor(P_K / 2^(S_K - signBits)), and the output is U (2^signBits + S) / 2
 * with {@link #outputScale()} fractional bits, U = floor(u 2^productInputBits) (from the same
 * opening as U_1, truncated less, so the product keeps the activation's precision). In the
 * protocol every floor is a truncation of a masked opening and may be up to N - 1 units lower (the
 * parties' dropped carries) or one higher; {@link #simulate} uses floor.
 */
public final class ActivationPlan {

    /** One component: its degree, input bits, scale and integer coefficients C_0..C_degree (even ones zero). */
    public record Stage(int degree, int inputBits, int scale, BigInteger[] coefficients) {
        /**
         * Bits that hold the stage's value P with room for the opening's offset: |P| &lt; 2^(scale + 1)
         * (p_i stays below 2 on its input range) and the opening needs |P| &lt; 2^(ring - 2).
         */
        public int ring() {
            return scale + 3;
        }
    }

    private final CompositeSign sign;
    private final FixedPointPolicy policy;
    private final List<Stage> stages;

    private ActivationPlan(CompositeSign sign, FixedPointPolicy policy, List<Stage> stages) {
        this.sign = sign;
        this.policy = policy;
        this.stages = Collections.unmodifiableList(stages);
    }

    public static ActivationPlan of(CompositeSign sign, FixedPointPolicy policy) {
        List<Stage> stages = new ArrayList<>();
        List<OddPolynomial> components = sign.components();
        for (int i = 0; i < components.size(); i++) {
            OddPolynomial p = components.get(i);
            int d = p.degree();
            int f = policy.inputBits(i, d);
            int scale = policy.coefficientBits() + d * f;
            double[] odd = p.oddCoefficients();
            BigInteger[] c = new BigInteger[d + 1];
            for (int k = 0; k <= d; k++) {
                c[k] = k % 2 == 1 ? round(odd[k / 2], scale - k * f) : BigInteger.ZERO;
            }
            stages.add(new Stage(d, f, scale, c));
        }
        return new ActivationPlan(sign, policy, stages);
    }

    /** round(v 2^bits) exactly. */
    private static BigInteger round(double v, int bits) {
        return new BigDecimal(v).multiply(new BigDecimal(BigInteger.ONE.shiftLeft(bits)))
                .setScale(0, java.math.RoundingMode.HALF_EVEN).toBigIntegerExact();
    }

    public CompositeSign sign() {
        return sign;
    }

    public FixedPointPolicy policy() {
        return policy;
    }

    public List<Stage> stages() {
        return stages;
    }

    public int signBits() {
        return policy.signBits();
    }

    /** Fractional bits of u in AppReLU's product. */
    public int productInputBits() {
        return policy.productInputBits();
    }

    /** Fractional bits of the output U (2^signBits + S) / 2. */
    public int outputScale() {
        return productInputBits() + signBits() + 1;
    }

    /** Shift from stage i's value to the next input (or to the sign after the last stage). */
    public int shiftAfter(int stage) {
        int next = stage + 1 < stages.size() ? stages.get(stage + 1).inputBits() : signBits();
        return stages.get(stage).scale() - next;
    }

    /** AppReLU(z) / bound for u = z / bound as the protocol computes it, with floor for every truncation. */
    public double simulate(double u) {
        BigInteger u1 = floorScaled(u, stages.get(0).inputBits());
        BigInteger x = u1;
        for (int i = 0; i < stages.size(); i++) {
            x = evaluate(stages.get(i), x).shiftRight(shiftAfter(i));
        }
        BigInteger out = floorScaled(u, productInputBits()).multiply(BigInteger.ONE.shiftLeft(signBits()).add(x));
        return new BigDecimal(out).divide(new BigDecimal(BigInteger.ONE.shiftLeft(outputScale()))).doubleValue();
    }

    /** P = sum_k C_k X^k, exactly. */
    public static BigInteger evaluate(Stage s, BigInteger x) {
        BigInteger acc = BigInteger.ZERO;
        for (int k = s.degree(); k >= 0; k--) {
            acc = acc.multiply(x).add(s.coefficients()[k]);
        }
        return acc;
    }

    private static BigInteger floorScaled(double v, int bits) {
        return new BigDecimal(v).multiply(new BigDecimal(BigInteger.ONE.shiftLeft(bits)))
                .setScale(0, java.math.RoundingMode.FLOOR).toBigIntegerExact();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ActivationPlan(B=" + sign.beta());
        for (Stage s : stages) {
            b.append(", p").append(stages.indexOf(s) + 1).append(": degree ").append(s.degree()).append(" in ")
                    .append(s.inputBits()).append(" bits, ring ").append(s.ring());
        }
        return b.append(", sign ").append(signBits()).append(" bits)").toString();
    }
}
