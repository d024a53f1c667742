package dev.sturdy.protocol.correlation;

import dev.sturdy.protocol.ring.BitPlanes;
import dev.sturdy.protocol.ring.Wide;
import java.util.ArrayList;
import java.util.List;

/**
 * The mask of a comparison: a uniform r mod 2^ring (every party derives its share) that masks
 * c = x + 2^(ring-2) + r, the XOR-shared bit planes of r's bits [fromBit, ring - 1) for comparing
 * the opened c with r, and, when the comparison also truncates its input by shift, the truncated
 * mask rho = r >>> shift and its wrap term msb(r) 2^(ring - shift) as in {@link OpeningMask}.
 */
public final class EdaBit extends Correlation {
    public static final int R = 0;
    public static final int BITS = 1;
    public static final int RHO = 2;
    public static final int WRAP = 3;
    private final int n;
    private final int ring;
    private final int fromBit;
    private final int shift;

    public EdaBit(int n, int ring, int fromBit, int shift) {
        super(parts(n, ring, fromBit, shift));
        this.n = n;
        this.ring = ring;
        this.fromBit = fromBit;
        this.shift = shift;
    }

    private static List<Part> parts(int n, int ring, int fromBit, int shift) {
        if (ring > 64 || fromBit < 0 || fromBit > ring - 2 || shift < 0 || shift >= ring) {
            throw new IllegalArgumentException("edaBit for ring " + ring + " from bit " + fromBit + " shift " + shift);
        }
        List<Part> parts = new ArrayList<>();
        parts.add(Part.random("r", n, ring));
        parts.add(Part.dealtBits("bits", planes(ring, fromBit) * BitPlanes.words(n)));
        if (shift > 0) {
            parts.add(Part.dealt("rho", n, ring, 0));
            parts.add(Part.dealt("wrap", n, ring, ring - shift));
        }
        return parts;
    }

    /** Bit planes of r: bits fromBit .. ring - 2. */
    public static int planes(int ring, int fromBit) {
        return ring - 1 - fromBit;
    }

    public int shift() {
        return shift;
    }

    @Override
    public CorrelationKind kind() {
        return CorrelationKind.EDABIT;
    }

    @Override
    public long elements() {
        return n;
    }

    @Override
    protected void deal(Values own, DealerMemory memory) {
        long[] r = own.lo(R);
        long[] masked = new long[n];
        for (int j = 0; j < n; j++) {
            masked[j] = Wide.maskLo(r[j], ring);
        }
        BitPlanes.transpose(masked, n, fromBit, planes(ring, fromBit), own.lo(BITS));
        if (shift > 0) {
            long[] rho = own.lo(RHO);
            long[] wrap = own.lo(WRAP);
            for (int j = 0; j < n; j++) {
                rho[j] = masked[j] >>> shift;
                wrap[j] = ((masked[j] >>> (ring - 1)) & 1L) << (ring - shift);
            }
        }
    }
}
