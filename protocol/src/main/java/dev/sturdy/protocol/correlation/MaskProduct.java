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
    private final int[] partsA;
    private final int[] partsB;
    private final int n;
    private final int[] index = {-1, -1, -1, -1};

    public static final int RHO_RHO = 0;
    public static final int RHO_WRAP = 1;
    public static final int WRAP_RHO = 2;
    public static final int WRAP_WRAP = 3;

    /** Products of truncation tA of request idA's mask and truncation tB of request idB's. */
    public MaskProduct(int idA, OpeningMask maskA, int tA, int idB, OpeningMask maskB, int tB, int ring) {
        super(parts(maskA, tA, maskB, tB, ring));
        this.a = idA;
        this.b = idB;
        this.partsA = new int[] {maskA.rho(tA), maskA.wrap(tA)};
        this.partsB = new int[] {maskB.rho(tB), maskB.wrap(tB)};
        this.n = maskA.parts().get(OpeningMask.R).count();
        if (maskB.parts().get(OpeningMask.R).count() != n) {
            throw new IllegalArgumentException("mask product of " + n + " and " + maskB.parts().get(0).count() + " elements");
        }
        int p = 0;
        for (String name : parts().stream().map(Part::name).toList()) {
            index[List.of("rho*rho", "rho*wrap", "wrap*rho", "wrap*wrap").indexOf(name)] = p++;
        }
    }

    private static List<Part> parts(OpeningMask ma, int ta, OpeningMask mb, int tb, int ring) {
        int n = ma.parts().get(OpeningMask.R).count();
        boolean wa = ma.wrap(ta) >= 0 && ma.wrapShift(ta) < ring;
        boolean wb = mb.wrap(tb) >= 0 && mb.wrapShift(tb) < ring;
        List<Part> parts = new ArrayList<>();
        parts.add(Part.dealt("rho*rho", n, ring, 0));
        if (wb) {
            parts.add(Part.dealt("rho*wrap", n, ring, mb.wrapShift(tb)));
        }
        if (wa) {
            parts.add(Part.dealt("wrap*rho", n, ring, ma.wrapShift(ta)));
        }
        if (wa && wb && ma.wrapShift(ta) + mb.wrapShift(tb) < ring) {
            parts.add(Part.dealt("wrap*wrap", n, ring, ma.wrapShift(ta) + mb.wrapShift(tb)));
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
        put(own, RHO_RHO, va, partsA[0], vb, partsB[0]);
        put(own, RHO_WRAP, va, partsA[0], vb, partsB[1]);
        put(own, WRAP_RHO, va, partsA[1], vb, partsB[0]);
        put(own, WRAP_WRAP, va, partsA[1], vb, partsB[1]);
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
