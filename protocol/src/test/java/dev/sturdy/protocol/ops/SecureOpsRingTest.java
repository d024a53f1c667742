package dev.sturdy.protocol.ops;

import static dev.sturdy.protocol.ops.MpcKit.randomLongs;
import static dev.sturdy.protocol.ops.MpcKit.reconstruct;
import static dev.sturdy.protocol.ops.MpcKit.share;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sturdy.protocol.Plain;
import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.ring.Conv2dGeometry;
import dev.sturdy.protocol.ring.RingTensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exact ring results (vs plain long arithmetic) and exact communication of each primitive. */
class SecureOpsRingTest {
    /** What a party returns: its output share plus its traffic and rounds. */
    record Out(RingTensor share, long[] sentTo, long[] receivedFrom, long rounds, List<RingTensor> more) {
    }

    private static Out out(SecureOps ops, RingTensor share, RingTensor... more) {
        var stats = ops.session().net().stats();
        int ids = stats.ids();
        long[] sent = new long[ids], recv = new long[ids];
        for (int p = 0; p < ids; p++) {
            sent[p] = stats.bytesSent(p);
            recv[p] = stats.bytesReceived(p);
        }
        return new Out(share, sent, recv, ops.session().cost().report().total().rounds(), List.of(more));
    }

    private static RingTensor rec(List<Out> outs) {
        List<RingTensor> s = new ArrayList<>();
        outs.forEach(o -> s.add(o.share));
        return reconstruct(s);
    }

    /** Every party sent {@code perPeer} bytes to every other party and nothing to the dealer; party 0 got {@code dealer} bytes. */
    private static void assertTraffic(List<Out> outs, int n, long perPeer, long dealer, long rounds,
                                      MpcKit.Result<Out> r) {
        for (int p = 0; p < n; p++) {
            Out o = outs.get(p);
            for (int q = 0; q < n; q++) {
                assertEquals(q == p ? 0 : perPeer, o.sentTo[q], "party " + p + " -> " + q);
                assertEquals(q == p ? 0 : perPeer, o.receivedFrom[q], "party " + p + " <- " + q);
            }
            assertEquals(0, o.sentTo[n], "parties never send to the dealer");
            assertEquals(p == 0 ? dealer : 0, o.receivedFrom[n], "dealer -> party " + p);
            assertEquals(rounds, o.rounds, "rounds of party " + p);
        }
        assertEquals(dealer, r.dealerTraffic().totalBytesSent());
        assertEquals(dealer, r.dealerTraffic().bytesSent(0));
        assertEquals(0, r.dealerTraffic().totalBytesReceived(), "the dealer receives nothing");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void mulIsExactAndCostsTwoNPerPeerInOneRound(int n) {
        int len = 5000;
        RingTensor x = new RingTensor(randomLongs(len), 50, 100), y = new RingTensor(randomLongs(len), 50, 100);
        RingTensor[] xs = share(x, n), ys = share(y, n);
        var r = MpcKit.run(n, TruncationMode.DEALER, 16, List.of(CorrelationRequest.triple(len)),
                ops -> out(ops, ops.mul(xs[ops.session().id()], ys[ops.session().id()])));
        RingTensor z = rec(r.outputs());
        for (int i = 0; i < len; i++) {
            assertEquals(x.data()[i] * y.data()[i], z.data()[i]);
        }
        assertArrayEquals(new int[] {50, 100}, z.shape());
        assertTraffic(r.outputs(), n, 2L * len * 8, len * 8L, 1, r);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void squareIsExactAndOpensOnlyOneValue(int n) {
        int len = 3001;
        RingTensor x = new RingTensor(randomLongs(len), len);
        RingTensor[] xs = share(x, n);
        var r = MpcKit.run(n, TruncationMode.DEALER, 16, List.of(CorrelationRequest.square(len)),
                ops -> out(ops, ops.square(xs[ops.session().id()])));
        RingTensor z = rec(r.outputs());
        for (int i = 0; i < len; i++) {
            assertEquals(x.data()[i] * x.data()[i], z.data()[i]);
        }
        assertTraffic(r.outputs(), n, len * 8L, len * 8L, 1, r);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void matmulIsExact(int n) {
        int m = 9, k = 70, c = 33;
        RingTensor x = new RingTensor(randomLongs(m * k), m, k), y = new RingTensor(randomLongs(k * c), k, c);
        RingTensor[] xs = share(x, n), ys = share(y, n);
        var r = MpcKit.run(n, TruncationMode.DEALER, 16, List.of(CorrelationRequest.matmul(m, k, c)),
                ops -> out(ops, ops.matmul(xs[ops.session().id()], ys[ops.session().id()])));
        assertArrayEquals(Plain.matmul(x.data(), y.data(), m, k, c), rec(r.outputs()).data());
        assertTraffic(r.outputs(), n, (m * k + k * c) * 8L, m * c * 8L, 1, r);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void conv2dWithSecretWeightsAndInputsIsExact(int n) {
        Conv2dGeometry g = new Conv2dGeometry(3, 10, 9, 4, 3, 2, 1);
        int batch = 3;
        RingTensor w = new RingTensor(randomLongs(g.weightSize()), g.weightShape());
        RingTensor x = new RingTensor(randomLongs(batch * g.inputSizePerSample()), g.inputShape(batch));
        RingTensor[] ws = share(w, n), xs = share(x, n);
        var r = MpcKit.run(n, TruncationMode.DEALER, 16, List.of(CorrelationRequest.conv(g, batch)),
                ops -> out(ops, ops.conv2d(ws[ops.session().id()], xs[ops.session().id()], g)));
        RingTensor z = rec(r.outputs());
        assertArrayEquals(g.outputShape(batch), z.shape());
        assertArrayEquals(Plain.conv(w.data(), x.data(), batch, g), z.data());
        assertTraffic(r.outputs(), n, (long) (w.size() + x.size()) * 8, batch * g.outputSizePerSample() * 8L, 1, r);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void independentProductsShareOneRoundAndOneMessagePerPeer(int n) {
        int n1 = 1000, n2 = 700, m = 4, k = 5, c = 6;
        RingTensor a = new RingTensor(randomLongs(n1), n1);
        RingTensor x = new RingTensor(randomLongs(n2), n2), y = new RingTensor(randomLongs(n2), n2);
        RingTensor p = new RingTensor(randomLongs(m * k), m, k), q = new RingTensor(randomLongs(k * c), k, c);
        RingTensor[] as = share(a, n), xs = share(x, n), ys = share(y, n), ps = share(p, n), qs = share(q, n);
        List<CorrelationRequest> plan = List.of(CorrelationRequest.square(n1), CorrelationRequest.triple(n2),
                CorrelationRequest.matmul(m, k, c));
        var r = MpcKit.run(n, TruncationMode.DEALER, 16, plan, ops -> {
            int id = ops.session().id();
            Round round = ops.round();
            Round.Pending sq = round.square(as[id]);
            Round.Pending xy = round.mul(xs[id], ys[id]);
            Round.Pending pq = round.matmul(ps[id], qs[id]);
            round.run();
            Out o = out(ops, sq.get(), xy.get(), pq.get());
            assertEquals(1, ops.session().net().stats().messagesSent((id + 1) % n), "one message per peer");
            return o;
        });
        RingTensor sq = rec(r.outputs());
        List<RingTensor> xyS = new ArrayList<>(), pqS = new ArrayList<>();
        r.outputs().forEach(o -> {
            xyS.add(o.more.get(0));
            pqS.add(o.more.get(1));
        });
        RingTensor xy = reconstruct(xyS), pq = reconstruct(pqS);
        for (int i = 0; i < n1; i++) {
            assertEquals(a.data()[i] * a.data()[i], sq.data()[i]);
        }
        for (int i = 0; i < n2; i++) {
            assertEquals(x.data()[i] * y.data()[i], xy.data()[i]);
        }
        assertArrayEquals(Plain.matmul(p.data(), q.data(), m, k, c), pq.data());
        assertTraffic(r.outputs(), n, (n1 + 2L * n2 + m * k + k * c) * 8, (n1 + n2 + m * c) * 8L, 1, r);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void linearOpsAndOpenAreExact(int n) {
        int len = 100;
        RingTensor x = new RingTensor(randomLongs(len), len), y = new RingTensor(randomLongs(len), len);
        RingTensor[] xs = share(x, n), ys = share(y, n);
        var r = MpcKit.run(n, TruncationMode.DEALER, 16, List.of(), ops -> {
            int id = ops.session().id();
            RingTensor lin = ops.addPublic(ops.sub(ops.scalePublic(ops.add(xs[id], ys[id]), 3), ys[id]), 42);
            return ops.open(lin);
        });
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < len; i++) {
                assertEquals((x.data()[i] + y.data()[i]) * 3 - y.data()[i] + 42, r.outputs().get(p).data()[i]);
            }
        }
    }
}
