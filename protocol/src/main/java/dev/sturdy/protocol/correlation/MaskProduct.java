package dev.sturdy.protocol.correlation;

import dev.sturdy.protocol.ring.Wide;
import java.util.ArrayList;
import java.util.List;

/**
 * The products of two truncating openings' masks, so the product of two opened wires is local:
 * with Lambda_a = rho_a - t_a M_a and Lambda_b likewise, Lambda_a Lambda_b = rho_a rho_b
 * - t_b rho_a M_b - t_a M_a rho_b + t_a t_b M_a M_b. The dealer deals the four products mod
 * 2^ring, each wrap product only where it is not 0 in that ring.
 */
public final class MaskProduct extends Correlation {
    private final int a;
    private final int b;
    private final int n;
    private final int[] index = {-1, -1, -1, -1};

    public static final int RHO_RHO = 0;
    public static final int RHO_WRAP = 1;
    public static final int WRAP_RHO = 2;
    public static final int WRAP_WRAP = 3;

    public MaskProduct(int idA, OpeningMask maskA, int idB, OpeningMask maskB, int ring) {
        super(parts(maskA, maskB, ring));
        this.a = idA;
        this.b = idB;
        this.n = maskA.parts().get(OpeningMask.R).count();
        if (maskB.parts().get(OpeningMask.R).count() != n) {
            throw new IllegalArgumentException("mask product of " + n + " and " + maskB.parts().get(0).count() + " elements");
        }
        int p = 0;
        for (String name : parts().stream().map(Part::name).toList()) {
            index[List.of("rho*rho", "rho*wrap", "wrap*rho", "wrap*wrap").indexOf(name)] = p++;
        }
    }

    private static List<Part> parts(OpeningMask ma, OpeningMask mb, int ring) {
        int n = ma.parts().get(OpeningMask.R).count();
        boolean wa = ma.hasWrap() && ma.wrapShift() < ring;
        boolean wb = mb.hasWrap() && mb.wrapShift() < ring;
        List<Part> parts = new ArrayList<>();
        parts.add(Part.dealt("rho*rho", n, ring, 0));
        if (wb) {
            parts.add(Part.dealt("rho*wrap", n, ring, mb.wrapShift()));
        }
        if (wa) {
            parts.add(Part.dealt("wrap*rho", n, ring, ma.wrapShift()));
        }
        if (wa && wb && ma.wrapShift() + mb.wrapShift() < ring) {
            parts.add(Part.dealt("wrap*wrap", n, ring, ma.wrapShift() + mb.wrapShift()));
        }
        return parts;
    }

    /** Part index of a product (RHO_RHO, RHO_WRAP, WRAP_RHO, WRAP_WRAP), or -1 when it is 0 in this ring. */
    public int index(int product) {
        return index[product];
    }

    @Override
    public int[] references() {
        return new int[] {a, b};
    }

    @Override
    public CorrelationKind kind() {
        return CorrelationKind.MASK_PRODUCT;
    }

    @Override
    public long elements() {
        return n;
    }

    @Override
    protected void deal(Values own, DealerMemory memory) {
        Values va = memory.of(a);
        Values vb = memory.of(b);
        put(own, RHO_RHO, va, OpeningMask.RHO, vb, OpeningMask.RHO);
        put(own, RHO_WRAP, va, OpeningMask.RHO, vb, OpeningMask.WRAP);
        put(own, WRAP_RHO, va, OpeningMask.WRAP, vb, OpeningMask.RHO);
        put(own, WRAP_WRAP, va, OpeningMask.WRAP, vb, OpeningMask.WRAP);
    }

    private void put(Values own, int product, Values va, int pa, Values vb, int pb) {
        int p = index[product];
        if (p < 0) {
            return;
        }
        long[] aLo = va.lo(pa);
        long[] aHi = va.hi(pa);
        long[] bLo = vb.lo(pb);
        long[] bHi = vb.hi(pb);
        long[] lo = own.lo(p);
        long[] hi = own.hi(p);
        for (int j = 0; j < n; j++) {
            lo[j] = aLo[j] * bLo[j];
            hi[j] = Wide.mulHi(aLo[j], aHi[j], bLo[j], bHi[j]);
        }
    }
}
