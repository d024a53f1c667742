package dev.sturdy.protocol.wire;

import dev.sturdy.model.approx.ActivationPlan;
import dev.sturdy.protocol.correlation.MaskPowers;
import dev.sturdy.protocol.correlation.Values;
import dev.sturdy.protocol.ring.Wide;
import java.math.BigInteger;

/**
 * One component of the composite sign on a truncated wire, with no round: for U = pub - Lambda,
 * sum_k C_k U^k = sum_i beta_i(pub) Lambda^i with beta_i(p) = (-1)^i sum_k C_k binom(k, i) p^(k-i)
 * public, and Lambda^i = rho^i + t delta_i from the dealer ({@link MaskPowers}; Lambda = rho - t M
 * for i = 1). Everything is exact in Z_2^128; the value needs the stage's ring.
 */
public final class PolynomialStage {
    private final ActivationPlan.Stage stage;
    /** d[i][m]: (-1)^i C_(i+m) binom(i+m, i) as (lo, hi), so beta_i(p) = sum_m d[i][m] p^m. */
    private final long[][] dLo;
    private final long[][] dHi;

    public PolynomialStage(ActivationPlan.Stage stage) {
        this.stage = stage;
        int deg = stage.degree();
        dLo = new long[deg + 1][];
        dHi = new long[deg + 1][];
        for (int i = 0; i <= deg; i++) {
            dLo[i] = new long[deg - i + 1];
            dHi[i] = new long[deg - i + 1];
            for (int m = 0; m <= deg - i; m++) {
                BigInteger v = stage.coefficients()[i + m].multiply(binomial(i + m, i));
                if (i % 2 == 1) {
                    v = v.negate();
                }
                dLo[i][m] = v.longValue();
                dHi[i][m] = v.shiftRight(64).longValue();
            }
        }
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger b = BigInteger.ONE;
        for (int j = 1; j <= k; j++) {
            b = b.multiply(BigInteger.valueOf(n - k + j)).divide(BigInteger.valueOf(j));
        }
        return b;
    }

    public ActivationPlan.Stage stage() {
        return stage;
    }

    /** Takes the mask powers and returns this party's shares of P = sum_k C_k U^k (ring and scale of the stage). */
    public Shared evaluate(Session s, TruncatedWire u) {
        int deg = stage.degree();
        int n = u.size();
        MaskPowers powers = new MaskPowers(u.id(), u.mask(), u.truncation(), deg, stage.ring());
        Values pw = s.take(powers);
        long[] outLo = new long[n];
        long[] outHi = new long[n];
        boolean first = s.first();
        long[] lamLo = new long[deg + 1];
        long[] lamHi = new long[deg + 1];
        for (int j = 0; j < n; j++) {
            long p = u.pub()[j];
            long pHi = p >> 63;
            boolean t = u.wrapped()[j] != 0;
            // this party's share of Lambda^i, i = 1..deg
            lamLo[1] = u.rhoLo()[j];
            lamHi[1] = u.rhoHi()[j];
            if (t && u.hasWrap()) {
                long l = lamLo[1] - u.wrapLo()[j];
                lamHi[1] = lamHi[1] - u.wrapHi()[j] - (Long.compareUnsigned(lamLo[1], u.wrapLo()[j]) < 0 ? 1 : 0);
                lamLo[1] = l;
            }
            for (int i = 2; i <= deg; i++) {
                lamLo[i] = pw.lo(powers.power(i))[j];
                lamHi[i] = pw.hi(powers.power(i))[j];
                int d = powers.delta(i);
                if (t && d >= 0) {
                    long dl = pw.lo(d)[j];
                    long l = lamLo[i] + dl;
                    lamHi[i] += pw.hi(d)[j] + Wide.carry(lamLo[i], l);
                    lamLo[i] = l;
                }
            }
            long accLo = 0;
            long accHi = 0;
            for (int i = first ? 0 : 1; i <= deg; i++) {
                // beta_i(p) by Horner in p
                long[] cLo = dLo[i];
                long[] cHi = dHi[i];
                long bLo = cLo[cLo.length - 1];
                long bHi = cHi[cHi.length - 1];
                for (int m = cLo.length - 2; m >= 0; m--) {
                    long lo = bLo * p;
                    long hi = Wide.mulHi(bLo, bHi, p, pHi);
                    long s2 = lo + cLo[m];
                    bHi = hi + cHi[m] + Wide.carry(lo, s2);
                    bLo = s2;
                }
                if (i == 0) {
                    long s2 = accLo + bLo;
                    accHi += bHi + Wide.carry(accLo, s2);
                    accLo = s2;
                } else {
                    long lo = bLo * lamLo[i];
                    long hi = Wide.mulHi(bLo, bHi, lamLo[i], lamHi[i]);
                    long s2 = accLo + lo;
                    accHi += hi + Wide.carry(accLo, s2);
                    accLo = s2;
                }
            }
            outLo[j] = accLo;
            outHi[j] = accHi;
        }
        return new Shared(outLo, outHi, stage.ring(), stage.scale(), n);
    }
}
