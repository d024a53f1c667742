package dev.sturdy.protocol.bench;

import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.dealer.Dealer;
import dev.sturdy.protocol.dealer.PartyCorrelations;
import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.ops.SecureOps;
import dev.sturdy.protocol.ops.Session;
import dev.sturdy.protocol.ops.TruncationMode;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.ring.Conv2dGeometry;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingOps;
import dev.sturdy.protocol.ring.RingTensor;
import dev.sturdy.protocol.sharing.AdditiveSharing;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Throughput numbers for the notes (not a test): PRG MB/s, ring GEMM and conv GOPS, Beaver
 * multiplication of 1,000,000 elements between 2 in-memory parties. Prints sizes and timings
 * only, never values. Run: java -cp protocol/target/classes:protocol/target/test-classes
 * dev.sturdy.protocol.bench.ProtocolBench [quick]
 */
public final class ProtocolBench {
    private static long sink;

    public static void main(String[] args) {
        boolean quick = args.length > 0 && args[0].equals("quick");
        prg(quick);
        gemm(quick);
        conv(quick);
        if (args.length > 0 && args[0].equals("ring")) {
            return;
        }
        beaver(2, quick ? 3 : 8, false);
        beaver(2, quick ? 3 : 8, true);
        beaver(3, quick ? 2 : 5, false);
        beaver(3, quick ? 2 : 5, true);
        System.out.println("(sink " + (sink & 1) + ")");
    }

    private static void prg(boolean quick) {
        Prg prg = new Prg(Seed.random(new SecureRandom()));
        long[] buf = new long[1 << 20];
        int reps = quick ? 32 : 128;
        double best = 0;
        for (int trial = 0; trial < 4; trial++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                prg.fill(buf, 0, buf.length);
                sink += buf[i];
            }
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, reps * 8.0 * buf.length / 1e6 / s);
        }
        System.out.printf("PRG AES-128-CTR (JDK, AES-NI): %.0f MB/s (best of 4 x %d MB)%n", best, reps * 8);
    }

    private static long[] random(int n) {
        return new Prg(Seed.random(new SecureRandom())).next(n);
    }

    private static void gemm(boolean quick) {
        for (int size : quick ? new int[] {256} : new int[] {128, 256, 512}) {
            long[] a = random(size * size), b = random(size * size), c = new long[size * size];
            int reps = Math.max(1, (int) (4e8 / ((double) size * size * size)));
            double best = Double.MAX_VALUE;
            for (int trial = 0; trial < 5; trial++) {
                long t0 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    RingOps.matmul(a, 0, b, 0, c, 0, size, size, size, false);
                }
                best = Math.min(best, (System.nanoTime() - t0) / 1e9 / reps);
                sink += c[trial];
            }
            System.out.printf("ring GEMM %dx%dx%d: %.2f ms, %.2f G ring-ops/s (2mkn per product)%n", size, size, size,
                    best * 1e3, 2.0 * size * size * size / best / 1e9);
        }
    }

    private static void conv(boolean quick) {
        // a ResNet-20 CIFAR layer: 16 -> 16 channels, 32x32, 3x3, batch 8
        Conv2dGeometry g = new Conv2dGeometry(16, 32, 32, 16, 3, 1, 1);
        int batch = quick ? 2 : 8;
        RingTensor w = new RingTensor(random(g.weightSize()), g.weightShape());
        RingTensor x = new RingTensor(random(batch * g.inputSizePerSample()), g.inputShape(batch));
        long[] out = new long[batch * g.outputSizePerSample()], col = new long[RingOps.colBufferSize(g)];
        double best = Double.MAX_VALUE;
        for (int trial = 0; trial < 5; trial++) {
            long t0 = System.nanoTime();
            RingOps.conv2d(w.data(), x.data(), batch, g, out, false, col);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            sink += out[trial];
        }
        double ops = 2.0 * batch * g.outputSizePerSample() * g.patchSize();
        System.out.printf("ring conv2d 16x32x32 -> 16, 3x3, batch %d (im2col): %.2f ms, %.2f G ring-ops/s%n", batch,
                best * 1e3, ops / best / 1e9);
    }

    /** @param offline the dealer serves every query before the parties start, so times are online-only */
    private static void beaver(int n, int reps, boolean offline) {
        java.util.concurrent.CountDownLatch dealt = new java.util.concurrent.CountDownLatch(offline ? 1 : 0);
        int len = 1_000_000;
        Prg prg = new Prg(Seed.random(new SecureRandom()));
        RingTensor[] xs = AdditiveSharing.split(new RingTensor(prg.next(len), len), n, prg);
        RingTensor[] ys = AdditiveSharing.split(new RingTensor(prg.next(len), len), n, prg);
        Seeds[] seeds = Seeds.local(n, new SecureRandom());
        List<double[]> times = LocalParties.run(n, Duration.ofSeconds(120), net -> {
            Session s = new Session(net, n, new PartyCorrelations(net, seeds[net.id()].dealerSeed()), new FixedPoint(16),
                    TruncationMode.defaultFor(n));
            SecureOps ops = new SecureOps(s);
            double[] t = new double[reps + 2];
            try {
                dealt.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            for (int q = 0; q < reps; q++) {
                s.beginQuery(q);
                long t0 = System.nanoTime();
                RingTensor z = ops.mul(xs[net.id()], ys[net.id()]);
                t[q] = (System.nanoTime() - t0) / 1e6;
                sink += z.data()[q];
            }
            t[reps] = s.cost().report().total().bytesSent();
            t[reps + 1] = s.cost().report().dealerBytes();
            return t;
        }, net -> {
            Dealer d = new Dealer(net, seeds[n]);
            for (int q = 0; q < reps; q++) {
                net.beginQuery(q);
                d.serve(CorrelationRequest.triple(len));
            }
            dealt.countDown();
        });
        double[] t0 = times.get(0);
        double[] sorted = Arrays.copyOf(t0, reps);
        Arrays.sort(sorted);
        System.out.printf("Beaver mul of %,d elements, %d parties in memory (%s): best %.0f ms,"
                        + " median %.0f ms, first %.0f ms; party 0 sent %,.0f B in 1 round, received %,.0f B from the dealer%n",
                len, n, offline ? "dealer ran before: online only" : "dealer thread concurrent", sorted[0],
                sorted[reps / 2], t0[0], t0[reps], t0[reps + 1]);
    }
}
