package dev.sturdy.protocol.dealer;

import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.ring.BitPlanes;
import dev.sturdy.protocol.ring.Conv2dGeometry;
import dev.sturdy.protocol.ring.RingOps;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The dealer: for each request it derives every party's PRG shares exactly as the parties do,
 * sums them into the masks (a, b or r), computes the correlated value (a*b, a^2, A.B, conv(A, B),
 * r >>> f and msb(r) 2^(64-f)) and sends party 0 only the correction: value minus the shares parties
 * 1..N-1 derive themselves. So it sends |c| ring elements per request, not N*3|a|.
 *
 * <p>The dealer sees only its own randomness: it never receives anything from the parties.
 * Buffers are reused across requests; not thread safe.
 */
public final class Dealer {
    private final Network net;
    private final int parties;
    private final Prg[] prgs;
    private final long[] usage = new long[CorrelationKind.values().length];
    private long[][] sums = new long[0][];
    private long[] tmp = new long[0];
    private long[] correction = new long[0];
    private long[] col = new long[0];
    private final ArrayList<long[]> masks = new ArrayList<>();

    public Dealer(Network net, Seeds seeds) {
        if (!net.isDealer() || !seeds.isDealer()) {
            throw new IllegalArgumentException("Dealer needs the dealer's endpoint and seeds, got id " + net.id());
        }
        if (seeds.parties() != net.computeParties()) {
            throw new IllegalArgumentException("seeds for " + seeds.parties() + " parties but the network has "
                    + net.computeParties());
        }
        this.net = net;
        this.parties = net.computeParties();
        this.prgs = new Prg[parties];
        for (int p = 0; p < parties; p++) {
            prgs[p] = new Prg(seeds.dealerSeed(p));
        }
    }

    public void serveAll(Iterable<CorrelationRequest> requests) {
        for (CorrelationRequest r : requests) {
            serve(r);
        }
    }

    public void serve(CorrelationRequest req) {
        int[] sizes = req.arraySizes();
        int derived = req.derivedArrays();
        if (sums.length < sizes.length) {
            sums = Arrays.copyOf(sums, sizes.length);
        }
        int maxSize = 0;
        for (int i = 0; i < sizes.length; i++) {
            maxSize = Math.max(maxSize, sizes[i]);
            if (sums[i] == null || sums[i].length < sizes[i]) {
                sums[i] = new long[sizes[i]];
            } else {
                Arrays.fill(sums[i], 0, sizes[i], 0L);
            }
        }
        if (tmp.length < maxSize) {
            tmp = new long[maxSize];
        }
        // Same consumption order as PartyCorrelations.take on each party.
        for (int p = 0; p < parties; p++) {
            int upTo = p == 0 ? derived : sizes.length;
            for (int i = 0; i < upTo; i++) {
                prgs[p].fill(tmp, 0, sizes[i]);
                long[] s = sums[i];
                if (req.isBoolean(i)) {
                    for (int j = 0; j < sizes[i]; j++) {
                        s[j] ^= tmp[j];
                    }
                } else {
                    for (int j = 0; j < sizes[i]; j++) {
                        s[j] += tmp[j];
                    }
                }
            }
        }
        int len = req.correctionLength();
        if (correction.length < len) {
            correction = new long[len];
        }
        // correction = value - (sum of parties 1..N-1's derived shares of the value)
        switch (req.kind()) {
            case TRIPLE -> {
                long[] a = sums[0], b = sums[1], c = sums[2];
                for (int j = 0; j < sizes[2]; j++) {
                    correction[j] = a[j] * b[j] - c[j];
                }
            }
            case SQUARE -> {
                long[] a = sums[0], c = sums[1];
                for (int j = 0; j < sizes[1]; j++) {
                    correction[j] = a[j] * a[j] - c[j];
                }
            }
            case MATMUL -> {
                int[] d = req.dims();
                RingOps.matmul(sums[0], 0, sums[1], 0, correction, 0, d[0], d[1], d[2], false);
                RingOps.subInto(correction, sums[2], sizes[2]);
            }
            case CONV -> {
                Conv2dGeometry g = req.geometry();
                int batch = req.dims()[0];
                if (col.length < RingOps.colBufferSize(g)) {
                    col = new long[RingOps.colBufferSize(g)];
                }
                RingOps.conv2d(sums[0], sums[1], batch, g, correction, false, col);
                RingOps.subInto(correction, sums[2], sizes[2]);
            }
            case TRUNC -> {
                int n = sizes[0];
                int f = req.dims()[1];
                long[] r = sums[0], rs = sums[1], msb = sums[2];
                for (int j = 0; j < n; j++) {
                    correction[j] = (r[j] >>> f) - rs[j];
                    tmp[j] = (r[j] >>> 63) - msb[j];
                }
                // msb[] sums the parties' unscaled PRG output: the low f bits of tmp, shifted up, are
                // party 0's share of msb(r) 2^(64-f)
                PackedMsb.pack(tmp, n, f, correction, n);
            }
            case EDABIT -> {
                // correction = bit planes of r XOR the planes parties 1..N-1 derive
                BitPlanes.transpose(sums[0], sizes[0], CorrelationRequest.EDABIT_BITS, correction);
                for (int j = 0; j < sizes[1]; j++) {
                    correction[j] ^= sums[1][j];
                }
            }
            case BIT_AND -> {
                int w = sizes[0];
                long[] a = sums[0], b = sums[1], c = sums[2];
                for (int j = 0; j < w; j++) {
                    correction[j] = (a[j] & b[j]) ^ sums[3][j];
                    correction[w + j] = (a[j] & c[j]) ^ sums[4][j];
                }
            }
            case BIT_INJECT -> {
                int n = sizes[1];
                long[] rho = sums[0], a = sums[1];
                for (int j = 0; j < n; j++) {
                    long bit = BitPlanes.bit(rho, 0, j);
                    correction[j] = bit - sums[2][j];
                    correction[n + j] = a[j] * bit - sums[3][j];
                }
            }
            case MASK -> {
                masks.add(Arrays.copyOf(sums[0], sizes[0]));
                if (masks.size() > CorrelationRequest.MASK_WINDOW) {
                    masks.remove(0);
                }
            }
            case MASK_PRODUCT -> {
                int[] d = req.dims();
                long[] a = maskBack(d[1], d[0]), b = maskBack(d[2], d[0]);
                for (int j = 0; j < d[0]; j++) {
                    correction[j] = a[j] * b[j] - sums[0][j];
                }
            }
            default -> throw new IllegalStateException("unknown kind " + req.kind());
        }
        if (len > 0) {
            net.send(0, req.tag(), correction, 0, len);
        }
        usage[req.kind().ordinal()] += req.elements();
    }

    private long[] maskBack(int back, int n) {
        if (back < 1 || back > masks.size()) {
            throw new IllegalStateException("mask product refers to mask " + back + " back, the dealer holds "
                    + masks.size());
        }
        long[] m = masks.get(masks.size() - back);
        if (m.length != n) {
            throw new IllegalStateException("mask product of " + n + " elements refers to a mask of " + m.length);
        }
        return m;
    }

    /** Cumulative elements served per kind, indexed by {@link CorrelationKind#ordinal()}. */
    public long[] usage() {
        return usage.clone();
    }

    /** Position in party p's PRG stream, equal to that party's {@link PartyCorrelations#prgPosition()}. */
    public long prgPosition(int party) {
        return prgs[party].produced();
    }
}
