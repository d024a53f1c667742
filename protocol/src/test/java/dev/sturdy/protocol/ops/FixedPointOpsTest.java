package dev.sturdy.protocol.ops;

import static dev.sturdy.protocol.ops.MpcKit.reconstruct;
import static dev.sturdy.protocol.ops.MpcKit.share;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sturdy.protocol.Plain;
import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.ring.Conv2dGeometry;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fixed-point products on shares vs the plain double computation, within the fixed-point error bound. */
class FixedPointOpsTest {
    static final int F = 16;
    static final FixedPoint FP = new FixedPoint(F);
    static final double ULP = FP.ulp();

    private static double[] uniform(SplittableRandom r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(lo, hi);
        }
        return v;
    }

    private static List<CorrelationRequest> withTrunc(TruncationMode mode, CorrelationRequest product, int outLen) {
        List<CorrelationRequest> plan = new ArrayList<>(List.of(product));
        if (mode == TruncationMode.DEALER) {
            plan.add(CorrelationRequest.trunc(outLen, F));
        }
        return plan;
    }

    /** The error of a sum of t products of encoded values: t*(|x|+|y|)*ulp/2 + t*ulp^2/4, plus one ulp of truncation. */
    private static double productBound(double sumAbsFactors, int terms) {
        return sumAbsFactors * ULP / 2 + terms * ULP * ULP / 4 + ULP + 1e-12;
    }

    @ParameterizedTest(name = "N={0} {1}")
    @CsvSource({"2, LOCAL", "2, DEALER", "3, DEALER"})
    void mulSquareAndPublicScaleMatchDoubles(int n, TruncationMode mode) {
        SplittableRandom r = new SplittableRandom(11);
        int len = 20_000;
        // LOCAL truncation fails with probability ~|raw product| / 2^63 per element (TruncationMode):
        // |x|, |y| <= 100 would give ~2^-18 per element, a wrong element in one run of three. At <= 2
        // it is below 2^-29, about 1e-4 per run over the 60,000 truncations; DEALER never fails.
        double range = mode == TruncationMode.LOCAL ? 2 : 100;
        double[] x = uniform(r, len, -range, range), y = uniform(r, len, -range, range);
        RingTensor[] xs = share(FP.encode(x, len), n), ys = share(FP.encode(y, len), n);
        List<CorrelationRequest> plan = new ArrayList<>(withTrunc(mode, CorrelationRequest.triple(len), len));
        plan.addAll(withTrunc(mode, CorrelationRequest.square(len), len));
        if (mode == TruncationMode.DEALER) {
            plan.add(CorrelationRequest.trunc(len, F));
        }
        double c = -0.7071;
        var res = MpcKit.run(n, mode, F, plan, ops -> {
            int id = ops.session().id();
            return List.of(ops.mulFixed(xs[id], ys[id]), ops.squareFixed(xs[id]), ops.scaleFixed(xs[id], c));
        });
        RingTensor[] got = new RingTensor[3];
        for (int k = 0; k < 3; k++) {
            List<RingTensor> s = new ArrayList<>();
            for (List<RingTensor> o : res.outputs()) {
                s.add(o.get(k));
            }
            got[k] = reconstruct(s);
        }
        double cEnc = FP.decode(FP.encode(c));
        for (int i = 0; i < len; i++) {
            assertEquals(x[i] * y[i], FP.decode(got[0].data()[i]), productBound(Math.abs(x[i]) + Math.abs(y[i]), 1));
            assertEquals(x[i] * x[i], FP.decode(got[1].data()[i]), productBound(2 * Math.abs(x[i]), 1));
            // public constant: encoded c times encoded x
            assertEquals(x[i] * c, FP.decode(got[2].data()[i]),
                    Math.abs(x[i]) * Math.abs(c - cEnc) + Math.abs(c) * ULP / 2 + ULP + 1e-12);
        }
    }

    @ParameterizedTest(name = "N={0} {1}")
    @CsvSource({"2, LOCAL", "3, DEALER"})
    void matmulAndConvMatchDoubles(int n, TruncationMode mode) {
        SplittableRandom r = new SplittableRandom(12);
        int m = 8, k = 64, c = 10;
        double[] a = uniform(r, m * k, -2, 2), b = uniform(r, k * c, -3, 3);
        Conv2dGeometry g = new Conv2dGeometry(4, 8, 8, 6, 3, 1, 1);
        int batch = 2;
        double[] w = uniform(r, g.weightSize(), -0.5, 0.5), x = uniform(r, batch * g.inputSizePerSample(), -4, 4);
        RingTensor[] as = share(FP.encode(a, m, k), n), bs = share(FP.encode(b, k, c), n);
        RingTensor[] ws = share(FP.encode(w, g.weightShape()), n), xs = share(FP.encode(x, g.inputShape(batch)), n);
        List<CorrelationRequest> plan = new ArrayList<>(withTrunc(mode, CorrelationRequest.matmul(m, k, c), m * c));
        plan.addAll(withTrunc(mode, CorrelationRequest.conv(g, batch), batch * g.outputSizePerSample()));
        var res = MpcKit.run(n, mode, F, plan, ops -> {
            int id = ops.session().id();
            return List.of(ops.matmulFixed(as[id], bs[id]), ops.conv2dFixed(ws[id], xs[id], g));
        });
        List<RingTensor> s0 = new ArrayList<>(), s1 = new ArrayList<>();
        for (List<RingTensor> o : res.outputs()) {
            s0.add(o.get(0));
            s1.add(o.get(1));
        }
        double[] mm = FP.decode(reconstruct(s0)), want = Plain.matmul(a, b, m, k, c);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], mm[i], productBound(k * (2 + 3), k), "matmul element " + i);
        }
        double[] cv = FP.decode(reconstruct(s1)), wantConv = Plain.conv(w, x, batch, g);
        int taps = g.patchSize();
        for (int i = 0; i < wantConv.length; i++) {
            assertEquals(wantConv[i], cv[i], productBound(taps * (0.5 + 4), taps), "conv element " + i);
        }
    }

    @ParameterizedTest(name = "N={0} {1}")
    @CsvSource({"2, LOCAL", "3, DEALER"})
    void publicLinearCombinationTruncatesOnceAndMatchesDoubles(int n, TruncationMode mode) {
        SplittableRandom r = new SplittableRandom(13);
        int len = 5000;
        double[] x1 = uniform(r, len, -1, 1), x2 = uniform(r, len, -1, 1), x3 = uniform(r, len, -1, 1);
        double[] c = {0.5, -1.25, 3.1415926};
        double c0 = -0.3;
        RingTensor[] s1 = share(FP.encode(x1, len), n), s2 = share(FP.encode(x2, len), n), s3 = share(FP.encode(x3, len), n);
        List<CorrelationRequest> plan = mode == TruncationMode.DEALER ? List.of(CorrelationRequest.trunc(len, F)) : List.of();
        var res = MpcKit.run(n, mode, F, plan, ops -> {
            int id = ops.session().id();
            return ops.linearFixed(c, new RingTensor[] {s1[id], s2[id], s3[id]}, c0);
        });
        double[] got = FP.decode(reconstruct(res.outputs()));
        for (int i = 0; i < len; i++) {
            double want = c[0] * x1[i] + c[1] * x2[i] + c[2] * x3[i] + c0;
            // per term: |c| ulp/2 (encoding of x) + |x| ulp/2 (encoding of c); constant ulp/2; truncation 1 ulp
            double bound = (0.5 + 1.25 + 3.1415926) * ULP / 2 + 3 * ULP / 2 + ULP / 2 + ULP + 1e-12;
            assertEquals(want, got[i], bound, "element " + i);
        }
    }

    @ParameterizedTest(name = "N={0} {1}")
    @CsvSource({"2, DEALER", "3, DEALER"})
    void productsCombinedAtTwoFBitsNeedOnlyOneTruncation(int n, TruncationMode mode) {
        // p(x) = 0.25 x^2 - 1.5 x*y + 0.125: products stay at 2f bits, one truncation by 2f at the end
        SplittableRandom r = new SplittableRandom(14);
        int len = 4000;
        double[] x = uniform(r, len, -1, 1), y = uniform(r, len, -1, 1);
        RingTensor[] xs = share(FP.encode(x, len), n), ys = share(FP.encode(y, len), n);
        List<CorrelationRequest> plan = List.of(CorrelationRequest.square(len), CorrelationRequest.triple(len),
                CorrelationRequest.trunc(len, 2 * F));
        var res = MpcKit.run(n, mode, F, plan, ops -> {
            int id = ops.session().id();
            Round round = ops.round();
            Round.Pending xx = round.square(xs[id]);
            Round.Pending xy = round.mul(xs[id], ys[id]);
            round.run();
            RingTensor out = ops.linearFixed(new double[] {0.25, -1.5}, new RingTensor[] {xx.get(), xy.get()}, 0.125,
                    2 * F);
            assertEquals(2, ops.session().cost().report().total().rounds());
            return out;
        });
        double[] got = FP.decode(reconstruct(res.outputs()));
        for (int i = 0; i < len; i++) {
            double want = 0.25 * x[i] * x[i] - 1.5 * x[i] * y[i] + 0.125;
            assertEquals(want, got[i], (0.25 * 2 + 1.5 * 2) * ULP / 2 + ULP + 1e-12, "element " + i);
        }
    }
}
