package dev.sturdy.party.compute;

import dev.sturdy.protocol.cost.CostReport;
import dev.sturdy.protocol.dealer.Dealer;
import dev.sturdy.protocol.dealer.PartyCorrelations;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.NetworkException;
import dev.sturdy.protocol.ops.CorrelationPlanner;
import dev.sturdy.protocol.ops.SecureOps;
import dev.sturdy.protocol.ops.Session;
import dev.sturdy.protocol.ops.TruncationMode;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import java.security.SecureRandom;

/**
 * One secure query of the stand-in linear model, on one stream of the transport: party 0 tells
 * the dealer the public sizes, all roles draw fresh PRG seeds for this query (so concurrent
 * queries share no PRG state), then the parties compute y = trunc(x W) + b on shares while the
 * dealer serves the Beaver matrix triple and truncation pairs it planned from the same program.
 */
public final class SecureLinearQuery {
    static final long START_TAG = 0x5354_4152_5400_0001L;

    private SecureLinearQuery() {
    }

    /** The program every role agrees on: the parties run it on shares, the dealer dry-runs it on zeros. */
    static RingTensor program(SecureOps ops, RingTensor x, LinearModelShare model) {
        RingTensor y = ops.matmulFixed(x, model.weights());
        long[] out = y.data();
        long[] b = model.bias().data();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i % b.length]; // each party adds its share of b: the shares sum to b
        }
        return y;
    }

    /** Output share and cost of one compute party. */
    public record Result(RingTensor output, CostReport cost) {
    }

    /** Runs a compute party's side; {@code input} is its share, batch x inputs. */
    public static Result party(Network net, long queryId, LinearModelShare model, RingTensor input, SecureRandom rnd) {
        int batch = input.dim(0);
        if (net.id() == 0) {
            net.send(net.dealerId(), START_TAG, new long[] {batch, model.inputs(), model.classes(), model.fractionalBits()});
        }
        Seeds seeds = Seeds.setup(net, rnd);
        FixedPoint fp = new FixedPoint(model.fractionalBits());
        Session s = new Session(net, net.computeParties(), new PartyCorrelations(net, seeds.dealerSeed()), fp);
        s.beginQuery(queryId);
        RingTensor y = program(new SecureOps(s), input, model);
        return new Result(y, s.cost().report());
    }

    /** Runs the dealer's side of the query party 0 started on this stream. */
    public static void dealer(Network net, long queryId, int parties, SecureRandom rnd) {
        long[] sizes = net.receive(0, START_TAG);
        if (sizes.length != 4 || sizes[0] < 1 || sizes[1] < 1 || sizes[2] < 1 || sizes[0] * sizes[1] > (1 << 28)) {
            throw new NetworkException("the dealer got a malformed start message from party 0");
        }
        int batch = (int) sizes[0], inputs = (int) sizes[1], classes = (int) sizes[2], f = (int) sizes[3];
        Seeds seeds = Seeds.setup(net, rnd);
        net.beginQuery(queryId);
        LinearModelShare zeros = new LinearModelShare(0, parties, f, new int[] {inputs}, classes,
                RingTensor.zeros(inputs, classes), RingTensor.zeros(classes));
        FixedPoint fp = new FixedPoint(f);
        new Dealer(net, seeds).serveAll(CorrelationPlanner.plan(parties, fp, TruncationMode.defaultFor(parties),
                ops -> program(ops, RingTensor.zeros(batch, inputs), zeros)));
    }
}
