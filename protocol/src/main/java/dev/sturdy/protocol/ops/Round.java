package dev.sturdy.protocol.ops;

import dev.sturdy.protocol.dealer.CorrelatedShares;
import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.ring.Conv2dGeometry;
import dev.sturdy.protocol.ring.LongArrayPool;
import dev.sturdy.protocol.ring.RingOps;
import dev.sturdy.protocol.ring.RingTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One communication round: any number of independent secure operations whose openings travel
 * together, packed into ONE message per peer. Add operations (each takes its correlation from the
 * dealer stream at once, so the order of adds is the order of requests), call {@link #run()}, then
 * read each {@link Pending#get()}. Inputs must not be modified between add and run.
 *
 * <p>Openings: every party sends its share of the packed masked values to every other party and
 * adds up what it receives, so a party sends (N-1) * (sum of opened lengths) ring elements per
 * round. Operations with nothing to open (local truncation) finish in run() without traffic; a
 * round with no opening at all sends nothing and is not counted as a round.
 */
public final class Round {
    private final Session s;
    private final List<Pending> ops = new ArrayList<>();
    private boolean ran;

    Round(Session s) {
        this.s = s;
    }

    /** The result of one operation of a round, available after {@link Round#run()}. */
    public abstract static class Pending {
        private final Round round;
        final int openLength;
        RingTensor result;

        Pending(Round round, int openLength) {
            this.round = round;
            this.openLength = openLength;
        }

        abstract long code();

        abstract void writeMasked(long[] buf, int off);

        abstract void finish(long[] opened, int off);

        public RingTensor get() {
            if (!round.ran) {
                throw new IllegalStateException("the round has not run yet: call Round.run() before get()");
            }
            return result;
        }
    }

    private <P extends Pending> P add(P p) {
        if (ran) {
            throw new IllegalStateException("this round already ran; start a new one");
        }
        ops.add(p);
        return p;
    }

    private boolean party0() {
        return s.id() == 0;
    }

    private LongArrayPool pool() {
        return s.pool();
    }

    /** Elementwise ring product x*y (no truncation) with a Beaver triple: opens x - a and y - b. */
    public Pending mul(RingTensor x, RingTensor y) {
        RingTensor.requireSameShape(x, y, "mul");
        return add(new Mul(x, y));
    }

    /** Elementwise ring square x^2 with a square pair: opens x - a only. */
    public Pending square(RingTensor x) {
        return add(new Square(x));
    }

    /** Ring matrix product of secret [m x k] and secret [k x n] with a matrix triple. */
    public Pending matmul(RingTensor x, RingTensor y) {
        if (x.rank() != 2 || y.rank() != 2 || x.dim(1) != y.dim(0)) {
            throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(x.shape()) + " and "
                    + Arrays.toString(y.shape()) + " do not chain");
        }
        return add(new MatMul(x, y));
    }

    /** Ring convolution of secret weights and secret inputs with a convolution triple. */
    public Pending conv2d(RingTensor weights, RingTensor x, Conv2dGeometry g) {
        RingOps.checkConvShapes(weights, x, g);
        return add(new Conv(weights, x, g));
    }

    /** Truncation by the session's f fractional bits, with the session's mode. */
    public Pending truncate(RingTensor x) {
        return truncate(x, s.fixedPoint().fractionalBits());
    }

    /**
     * Truncation by {@code bits} (e.g. 2f after a product of products, to keep one truncation per
     * level), with the session's mode. LOCAL: the failure rate grows with the range, see
     * {@link TruncationMode#LOCAL}.
     */
    public Pending truncate(RingTensor x, int bits) {
        return truncate(x, bits, s.truncation());
    }

    /**
     * Truncation by {@code bits} with an explicit mode, e.g. DEALER for values whose range makes
     * LOCAL fail too often (conv outputs, scalings with many extra bits) in a LOCAL session.
     */
    public Pending truncate(RingTensor x, int bits, TruncationMode mode) {
        if (bits < 0 || bits > 62) {
            throw new IllegalArgumentException("truncation by " + bits + " bits");
        }
        if (mode == TruncationMode.LOCAL && s.parties() != 2) {
            throw new IllegalArgumentException("local (SecureML) truncation works for 2 parties only, not " + s.parties());
        }
        int f = bits;
        if (f == 0) {
            return add(new Identity(x));
        }
        return add(mode == TruncationMode.LOCAL ? new LocalTrunc(x, f) : new DealerTrunc(x, f));
    }

    /** Reveals x to every compute party. */
    public Pending open(RingTensor x) {
        return add(new Open(x));
    }

    /** Performs the round: one message per peer carrying every opening, then finishes each operation. */
    public void run() {
        if (ran) {
            throw new IllegalStateException("this round already ran");
        }
        int total = 0;
        long tag = 0x0BE4_0000_0000_0000L;
        for (Pending p : ops) {
            total = Math.addExact(total, p.openLength);
            tag = (tag ^ p.code()) * 0x100000001B3L;
            tag = (tag ^ p.openLength) * 0x100000001B3L;
        }
        long[] buf = s.sendBuffer(total);
        if (total > 0) {
            int off = 0;
            for (Pending p : ops) {
                p.writeMasked(buf, off);
                off += p.openLength;
            }
            long[][] in = s.receiveBuffers(total);
            s.net().exchange(tag, buf, total, in);
            for (int peer = 0; peer < s.parties(); peer++) {
                if (peer != s.id()) {
                    RingOps.addInto(buf, in[peer], total);
                }
            }
            s.cost().round();
        }
        ran = true;
        int off = 0;
        for (Pending p : ops) {
            p.finish(buf, off);
            off += p.openLength;
        }
    }

    private final class Mul extends Pending {
        private final RingTensor x, y;
        private final CorrelatedShares t;

        Mul(RingTensor x, RingTensor y) {
            super(Round.this, 2 * x.size());
            this.x = x;
            this.y = y;
            this.t = s.correlations().take(CorrelationRequest.triple(x.size()), pool());
        }

        @Override
        long code() {
            return 1;
        }

        @Override
        void writeMasked(long[] buf, int off) {
            int n = x.size();
            RingOps.sub(x.data(), t.a(), buf, off, n);
            RingOps.sub(y.data(), t.b(), buf, off + n, n);
        }

        @Override
        void finish(long[] o, int off) {
            int n = x.size();
            long[] a = t.a(), b = t.b(), c = t.c();
            int e0 = off + n;
            if (party0()) {
                for (int i = 0; i < n; i++) {
                    long d = o[off + i], e = o[e0 + i];
                    c[i] += d * b[i] + e * a[i] + d * e;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    c[i] += o[off + i] * b[i] + o[e0 + i] * a[i];
                }
            }
            pool().release(a);
            pool().release(b);
            result = new RingTensor(c, x.shape());
        }
    }

    private final class Square extends Pending {
        private final RingTensor x;
        private final CorrelatedShares t;

        Square(RingTensor x) {
            super(Round.this, x.size());
            this.x = x;
            this.t = s.correlations().take(CorrelationRequest.square(x.size()), pool());
        }

        @Override
        long code() {
            return 2;
        }

        @Override
        void writeMasked(long[] buf, int off) {
            RingOps.sub(x.data(), t.a(), buf, off, x.size());
        }

        @Override
        void finish(long[] o, int off) {
            int n = x.size();
            long[] a = t.a(), c = t.c();
            // x^2 = (d + a)^2 = d^2 + 2da + a^2
            if (party0()) {
                for (int i = 0; i < n; i++) {
                    long d = o[off + i];
                    c[i] += d * (2 * a[i] + d);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    c[i] += 2 * o[off + i] * a[i];
                }
            }
            pool().release(a);
            result = new RingTensor(c, x.shape());
        }
    }

    private final class MatMul extends Pending {
        private final RingTensor x, y;
        private final int m, k, n;
        private final CorrelatedShares t;

        MatMul(RingTensor x, RingTensor y) {
            super(Round.this, x.size() + y.size());
            this.x = x;
            this.y = y;
            this.m = x.dim(0);
            this.k = x.dim(1);
            this.n = y.dim(1);
            this.t = s.correlations().take(CorrelationRequest.matmul(m, k, n), pool());
        }

        @Override
        long code() {
            return 3L ^ ((long) m << 8) ^ ((long) k << 24) ^ ((long) n << 40);
        }

        @Override
        void writeMasked(long[] buf, int off) {
            RingOps.sub(x.data(), t.a(), buf, off, m * k);
            RingOps.sub(y.data(), t.b(), buf, off + m * k, k * n);
        }

        @Override
        void finish(long[] o, int off) {
            long[] a = t.a(), b = t.b(), c = t.c();
            int eOff = off + m * k;
            // Z = C + D.(B + [party 0] E) + A.E
            if (party0()) {
                for (int i = 0; i < k * n; i++) {
                    b[i] += o[eOff + i];
                }
            }
            RingOps.matmul(o, off, b, 0, c, 0, m, k, n, true);
            RingOps.matmul(a, 0, o, eOff, c, 0, m, k, n, true);
            pool().release(a);
            pool().release(b);
            result = new RingTensor(c, m, n);
        }
    }

    private final class Conv extends Pending {
        private final RingTensor w, x;
        private final Conv2dGeometry g;
        private final int batch;
        private final CorrelatedShares t;

        Conv(RingTensor w, RingTensor x, Conv2dGeometry g) {
            super(Round.this, w.size() + x.size());
            this.w = w;
            this.x = x;
            this.g = g;
            this.batch = x.dim(0);
            this.t = s.correlations().take(CorrelationRequest.conv(g, batch), pool());
        }

        @Override
        long code() {
            long h = 4L;
            for (int v : new int[] {g.inChannels(), g.height(), g.width(), g.outChannels(), g.kernel(), g.stride(),
                    g.padding(), batch}) {
                h = (h ^ v) * 0x100000001B3L;
            }
            return h;
        }

        @Override
        void writeMasked(long[] buf, int off) {
            RingOps.sub(w.data(), t.a(), buf, off, w.size());
            RingOps.sub(x.data(), t.b(), buf, off + w.size(), x.size());
        }

        @Override
        void finish(long[] o, int off) {
            long[] a = t.a(), b = t.b(), c = t.c();
            int eOff = off + w.size();
            int nx = x.size();
            // Z = C + conv(D, B + [party 0] E) + conv(A, E): convolution is bilinear
            if (party0()) {
                for (int i = 0; i < nx; i++) {
                    b[i] += o[eOff + i];
                }
            }
            long[] col = s.colBuffer(RingOps.colBufferSize(g));
            RingOps.conv2d(o, off, b, 0, batch, g, c, 0, true, col);
            RingOps.conv2d(a, 0, o, eOff, batch, g, c, 0, true, col);
            pool().release(a);
            pool().release(b);
            result = new RingTensor(c, g.outputShape(batch));
        }
    }

    private final class LocalTrunc extends Pending {
        private final RingTensor x;
        private final int f;

        LocalTrunc(RingTensor x, int f) {
            super(Round.this, 0);
            this.x = x;
            this.f = f;
        }

        @Override
        long code() {
            return 5;
        }

        @Override
        void writeMasked(long[] buf, int off) {
        }

        @Override
        void finish(long[] o, int off) {
            long[] v = x.data();
            long[] out = new long[v.length];
            if (party0()) {
                for (int i = 0; i < v.length; i++) {
                    out[i] = v[i] >> f;
                }
            } else {
                for (int i = 0; i < v.length; i++) {
                    out[i] = -((-v[i]) >> f);
                }
            }
            result = new RingTensor(out, x.shape());
        }
    }

    private final class DealerTrunc extends Pending {
        private static final long OFFSET = 1L << 62;
        private final RingTensor x;
        private final int f;
        private final CorrelatedShares t;

        DealerTrunc(RingTensor x, int f) {
            super(Round.this, x.size());
            this.x = x;
            this.f = f;
            this.t = s.correlations().take(CorrelationRequest.trunc(x.size(), f), pool());
        }

        @Override
        long code() {
            return 6;
        }

        @Override
        void writeMasked(long[] buf, int off) {
            long[] v = x.data(), r = t.r();
            long shift = party0() ? OFFSET : 0L;
            for (int i = 0; i < v.length; i++) {
                buf[off + i] = v[i] + r[i] + shift;
            }
        }

        @Override
        void finish(long[] o, int off) {
            // y = x + 2^62 + r (mod 2^64), with x + 2^62 in [0, 2^63) for |x| < 2^62.
            // The sum wrapped past 2^64 iff msb(r) = 1 and msb(y) = 0, so
            // floor(x / 2^f) + carry = (y >>> f) - (r >>> f) + msb(r) (1 - msb(y)) 2^(64-f) - 2^(62-f).
            long[] rs = t.rShifted(), msbUp = t.rMsbShifted();
            int n = x.size();
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                long y = o[off + i];
                long notTop = 1L - (y >>> 63);
                out[i] = notTop * msbUp[i] - rs[i];
            }
            if (party0()) {
                long unshift = OFFSET >>> f;
                for (int i = 0; i < n; i++) {
                    out[i] += (o[off + i] >>> f) - unshift;
                }
            }
            pool().release(t.r());
            result = new RingTensor(out, x.shape());
        }
    }

    private final class Open extends Pending {
        private final RingTensor x;

        Open(RingTensor x) {
            super(Round.this, x.size());
            this.x = x;
        }

        @Override
        long code() {
            return 7;
        }

        @Override
        void writeMasked(long[] buf, int off) {
            System.arraycopy(x.data(), 0, buf, off, x.size());
        }

        @Override
        void finish(long[] o, int off) {
            result = new RingTensor(Arrays.copyOfRange(o, off, off + x.size()), x.shape());
        }
    }

    private final class Identity extends Pending {
        private final RingTensor x;

        Identity(RingTensor x) {
            super(Round.this, 0);
            this.x = x;
        }

        @Override
        long code() {
            return 8;
        }

        @Override
        void writeMasked(long[] buf, int off) {
        }

        @Override
        void finish(long[] o, int off) {
            result = x.copy();
        }
    }
}
