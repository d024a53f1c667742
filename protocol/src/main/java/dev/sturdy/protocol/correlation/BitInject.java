package dev.sturdy.protocol.correlation;

import dev.sturdy.protocol.ring.BitPlanes;
import java.util.ArrayList;
import java.util.List;

/**
 * A random bit rho_b per element in both sharings (an XOR-shared plane and additive shares mod
 * 2^ring), times the comparison's truncated mask (rho_u rho_b, and wrap rho_b where the comparison
 * truncates), so that x b = e x + (1 - 2e) x rho_b is local once e = b XOR rho_b is open.
 */
public final class BitInject extends Correlation {
    public static final int BIT_PLANE = 0;
    public static final int BIT = 1;
    public static final int RHO_BIT = 2;
    public static final int WRAP_BIT = 3;
    private final int source;
    private final int n;
    private final boolean truncates;

    /** @param source the id of the comparison's {@link EdaBit} */
    public BitInject(int source, EdaBit eda, int n, int ring) {
        super(parts(eda, n, ring));
        this.source = source;
        this.n = n;
        this.truncates = eda.shift() > 0;
    }

    private static List<Part> parts(EdaBit eda, int n, int ring) {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.randomBits("rho_b", BitPlanes.words(n)));
        parts.add(Part.dealt("bit", n, ring, 0));
        parts.add(Part.dealt("rho*bit", n, ring, 0));
        if (eda.shift() > 0) {
            parts.add(Part.dealt("wrap*bit", n, ring, ring - eda.shift()));
        }
        return parts;
    }

    @Override
    public int[] references() {
        return new int[] {source};
    }

    @Override
    public CorrelationKind kind() {
        return CorrelationKind.BIT_INJECT;
    }

    @Override
    public long elements() {
        return n;
    }

    @Override
    protected void deal(Values own, DealerMemory memory) {
        Values eda = memory.of(source);
        long[] rho = eda.lo(truncates ? EdaBit.RHO : EdaBit.R);
        long[] wrap = truncates ? eda.lo(EdaBit.WRAP) : null;
        long[] plane = own.lo(BIT_PLANE);
        long[] bit = own.lo(BIT);
        long[] rhoBit = own.lo(RHO_BIT);
        long[] wrapBit = truncates ? own.lo(WRAP_BIT) : null;
        for (int j = 0; j < n; j++) {
            long b = BitPlanes.bit(plane, 0, j);
            bit[j] = b;
            rhoBit[j] = rho[j] * b;
            if (truncates) {
                wrapBit[j] = wrap[j] * b;
            }
        }
    }
}
