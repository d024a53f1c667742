package dev.sturdy.protocol.dealer;

import dev.sturdy.protocol.ring.BitPlanes;
import dev.sturdy.protocol.ring.Conv2dGeometry;
import java.util.Arrays;

/**
 * One request for correlated randomness: a kind and its sizes. The parties
 * ({@link PartyCorrelations#take}) and the dealer ({@link Dealer#serve}) must see the same
 * sequence of requests: each side consumes the PRG streams in that order, and party 0 checks
 * every correction message's tag (a hash of kind and sizes) against its own request.
 *
 * <p>A request describes a list of arrays (their sizes, {@link #arraySizes()}). The first
 * {@link #derivedArrays()} arrays are pure PRG output on every party; the remaining ones are
 * derived from the PRG by parties 1..N-1 and received as a correction by party 0.
 */
public final class CorrelationRequest {
    private final CorrelationKind kind;
    private final int[] dims;

    private CorrelationRequest(CorrelationKind kind, int... dims) {
        for (int d : dims) {
            if (d <= 0 && !(kind == CorrelationKind.CONV)) {
                throw new IllegalArgumentException(kind + " request with a non-positive size: " + Arrays.toString(dims));
            }
        }
        this.kind = kind;
        this.dims = dims;
        long total = 0;
        for (int s : arraySizes()) {
            total += s;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(kind + " request too large: " + Arrays.toString(dims));
        }
    }

    public static CorrelationRequest triple(int n) {
        return new CorrelationRequest(CorrelationKind.TRIPLE, n);
    }

    public static CorrelationRequest square(int n) {
        return new CorrelationRequest(CorrelationKind.SQUARE, n);
    }

    public static CorrelationRequest matmul(int m, int k, int n) {
        return new CorrelationRequest(CorrelationKind.MATMUL, m, k, n);
    }

    public static CorrelationRequest conv(Conv2dGeometry g, int batch) {
        if (batch <= 0) {
            throw new IllegalArgumentException("CONV request with batch " + batch);
        }
        return new CorrelationRequest(CorrelationKind.CONV, batch, g.inChannels(), g.height(), g.width(),
                g.outChannels(), g.kernel(), g.stride(), g.padding());
    }

    public static CorrelationRequest trunc(int n, int fractionalBits) {
        if (fractionalBits <= 0 || fractionalBits >= 63) {
            throw new IllegalArgumentException("truncation by " + fractionalBits + " bits");
        }
        return new CorrelationRequest(CorrelationKind.TRUNC, n, fractionalBits);
    }

    /** Bits of r an edaBit decomposes (0..62): enough for the sign of |x| &lt; 2^62 after a 2^62 offset. */
    public static final int EDABIT_BITS = 63;

    /** r (n ring elements) and bit planes of r's bits 0..62 (63 planes of ceil(n / 64) words). */
    public static CorrelationRequest edabit(int n) {
        return new CorrelationRequest(CorrelationKind.EDABIT, n);
    }

    /** Two ANDs a&amp;b and a&amp;c on {@code words} packed 64-bit words of XOR-shared bits. */
    public static CorrelationRequest bitAnd(int words) {
        return new CorrelationRequest(CorrelationKind.BIT_AND, words);
    }

    /** A bit plane rho (ceil(n / 64) words, XOR shared) and arithmetic a, rho, a*rho of n elements. */
    public static CorrelationRequest bitInject(int n) {
        return new CorrelationRequest(CorrelationKind.BIT_INJECT, n);
    }

    /** How many recent masks the dealer keeps for {@link #maskProduct}. */
    public static final int MASK_WINDOW = 64;

    /** A mask for a term of n elements (derived by every party, kept by the dealer). */
    public static CorrelationRequest mask(int n) {
        return new CorrelationRequest(CorrelationKind.MASK, n);
    }

    /**
     * c = a_left * a_right for two earlier masks of n elements, given by how many masks back they
     * were taken (1 = the latest); equal positions make a square.
     */
    public static CorrelationRequest maskProduct(int n, int leftBack, int rightBack) {
        if (leftBack > MASK_WINDOW || rightBack > MASK_WINDOW) {
            throw new IllegalArgumentException("mask product of masks " + leftBack + " and " + rightBack
                    + " back; the dealer keeps " + MASK_WINDOW);
        }
        return new CorrelationRequest(CorrelationKind.MASK_PRODUCT, n, leftBack, rightBack);
    }

    public CorrelationKind kind() {
        return kind;
    }

    public int[] dims() {
        return dims.clone();
    }

    public Conv2dGeometry geometry() {
        if (kind != CorrelationKind.CONV) {
            throw new IllegalStateException(kind + " has no convolution geometry");
        }
        return new Conv2dGeometry(dims[1], dims[2], dims[3], dims[4], dims[5], dims[6], dims[7]);
    }

    /** Sizes of the arrays of one party's share, in PRG consumption order. */
    public int[] arraySizes() {
        return switch (kind) {
            case TRIPLE -> new int[] {dims[0], dims[0], dims[0]};
            case SQUARE -> new int[] {dims[0], dims[0]};
            case MATMUL -> new int[] {dims[0] * dims[1], dims[1] * dims[2], dims[0] * dims[2]};
            case CONV -> {
                Conv2dGeometry g = geometry();
                int b = dims[0];
                yield new int[] {g.weightSize(), b * g.inputSizePerSample(), b * g.outputSizePerSample()};
            }
            case TRUNC -> new int[] {dims[0], dims[0], dims[0]};
            case EDABIT -> new int[] {dims[0], EDABIT_BITS * BitPlanes.words(dims[0])};
            case BIT_AND -> new int[] {dims[0], dims[0], dims[0], dims[0], dims[0]};
            case BIT_INJECT -> new int[] {BitPlanes.words(dims[0]), dims[0], dims[0], dims[0]};
            case MASK, MASK_PRODUCT -> new int[] {dims[0]};
        };
    }

    /** Whether array i is XOR shared (bit-packed words) rather than additively shared. */
    public boolean isBoolean(int array) {
        return switch (kind) {
            case EDABIT -> array == 1;
            case BIT_AND -> true;
            case BIT_INJECT -> array == 0;
            default -> false;
        };
    }

    /** How many leading arrays are plain PRG output on every party (the rest are corrected on party 0). */
    public int derivedArrays() {
        return switch (kind) {
            case TRIPLE, MATMUL, CONV -> 2;
            case SQUARE, TRUNC, EDABIT, MASK -> 1;
            case MASK_PRODUCT -> 0;
            case BIT_AND -> 3;
            case BIT_INJECT -> 2;
        };
    }

    /** Ring elements the dealer sends to party 0 for this request (TRUNC: msb corrections packed, {@link PackedMsb}). */
    public int correctionLength() {
        if (kind == CorrelationKind.TRUNC) {
            return dims[0] + PackedMsb.words(dims[0], dims[1]);
        }
        int[] s = arraySizes();
        int total = 0;
        for (int i = derivedArrays(); i < s.length; i++) {
            total += s[i];
        }
        return total;
    }

    /** Size of the correlated value for accounting: products, squares, truncations, edaBits, bit injections, or AND gates. */
    public long elements() {
        return switch (kind) {
            case EDABIT, BIT_INJECT, MASK, MASK_PRODUCT -> dims[0];
            case BIT_AND -> 128L * dims[0];
            default -> arraySizes()[derivedArrays()];
        };
    }

    /** A 64-bit label of kind and sizes carried by the correction message. */
    public long tag() {
        long h = 0xC0AA_0000_0000_0000L ^ (kind.ordinal() + 1L);
        for (int d : dims) {
            h = (h ^ d) * 0x100000001B3L;
            h ^= h >>> 29;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CorrelationRequest r && r.kind == kind && Arrays.equals(r.dims, dims);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return kind + Arrays.toString(dims);
    }
}
