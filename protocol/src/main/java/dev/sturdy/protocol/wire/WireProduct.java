package dev.sturdy.protocol.wire;

import dev.sturdy.protocol.correlation.MaskProduct;
import dev.sturdy.protocol.correlation.Values;
import dev.sturdy.protocol.ring.Wide;

/**
 * The product of two truncated wires without a round, U (c + S) for a public constant c (AppReLU's
 * u (1 + sign) with c = 2^signBits, or a plain product with c = 0). With U = P - Lambda_u and
 * c + S = Q - Lambda_s (P, Q public): P Q - P Lambda_s - Q Lambda_u + Lambda_u Lambda_s, the last
 * term from the dealer ({@link MaskProduct}).
 */
public final class WireProduct {
    private WireProduct() {
    }

    /** Shares of U (c + S) in Z_2^ring, scale u.bits + s.bits, for c = {@code plus} units of S. */
    public static Shared times(Session s, TruncatedWire u, long plus, TruncatedWire sign, int ring) {
        int n = u.size();
        MaskProduct mp = new MaskProduct(u.id(), u.mask(), u.truncation(), sign.id(), sign.mask(), sign.truncation(), ring);
        Values v = s.take(mp);
        boolean first = s.first();
        long[] outLo = new long[n];
        long[] outHi = new long[n];
        int rr = mp.index(MaskProduct.RHO_RHO);
        int rw = mp.index(MaskProduct.RHO_WRAP);
        int wr = mp.index(MaskProduct.WRAP_RHO);
        int ww = mp.index(MaskProduct.WRAP_WRAP);
        for (int j = 0; j < n; j++) {
            long p = u.pub()[j];
            long q = plus + sign.pub()[j];
            boolean tu = u.wrapped()[j] != 0;
            boolean ts = sign.wrapped()[j] != 0;
            // shares of Lambda_u and Lambda_s
            long[] lu = lambda(u, j, tu);
            long[] ls = lambda(sign, j, ts);
            // acc = Lambda_u Lambda_s = rr - ts rw - tu wr + tu ts ww
            long accLo = v.lo(rr)[j];
            long accHi = v.hi(rr)[j];
            if (ts && rw >= 0) {
                long l = accLo - v.lo(rw)[j];
                accHi = accHi - v.hi(rw)[j] - (Long.compareUnsigned(accLo, v.lo(rw)[j]) < 0 ? 1 : 0);
                accLo = l;
            }
            if (tu && wr >= 0) {
                long l = accLo - v.lo(wr)[j];
                accHi = accHi - v.hi(wr)[j] - (Long.compareUnsigned(accLo, v.lo(wr)[j]) < 0 ? 1 : 0);
                accLo = l;
            }
            if (tu && ts && ww >= 0) {
                long l = accLo + v.lo(ww)[j];
                accHi += v.hi(ww)[j] + Wide.carry(accLo, l);
                accLo = l;
            }
            // - P Lambda_s - Q Lambda_u
            long[] t1 = mulSmall(ls, p);
            long[] t2 = mulSmall(lu, q);
            long l = accLo - t1[0];
            accHi = accHi - t1[1] - (Long.compareUnsigned(accLo, t1[0]) < 0 ? 1 : 0);
            accLo = l;
            l = accLo - t2[0];
            accHi = accHi - t2[1] - (Long.compareUnsigned(accLo, t2[0]) < 0 ? 1 : 0);
            accLo = l;
            if (first) {
                long pqLo = p * q;
                long pqHi = Math.multiplyHigh(p, q);
                l = accLo + pqLo;
                accHi += pqHi + Wide.carry(accLo, l);
                accLo = l;
            }
            outLo[j] = accLo;
            outHi[j] = accHi;
        }
        return new Shared(outLo, outHi, ring, u.bits() + sign.bits(), n);
    }

    /** This party's share of rho - t M at element j, as (lo, hi). */
    static long[] lambda(TruncatedWire w, int j, boolean t) {
        long lo = w.rhoLo()[j];
        long hi = w.rhoHi()[j];
        if (t && w.hasWrap()) {
            long l = lo - w.wrapLo()[j];
            hi = hi - w.wrapHi()[j] - (Long.compareUnsigned(lo, w.wrapLo()[j]) < 0 ? 1 : 0);
            lo = l;
        }
        return new long[] {lo, hi};
    }

    /** (lo, hi) times a signed 64-bit integer, mod 2^128. */
    private static long[] mulSmall(long[] a, long c) {
        return new long[] {a[0] * c, Wide.mulHi(a[0], a[1], c, c >> 63)};
    }
}
