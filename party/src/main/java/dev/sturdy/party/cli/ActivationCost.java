package dev.sturdy.party.cli;

import dev.sturdy.model.approx.ActivationPlan;
import dev.sturdy.model.approx.CompositeSign;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.protocol.correlation.Correlation;
import dev.sturdy.protocol.correlation.Dealer;
import dev.sturdy.protocol.correlation.PartyCorrelations;
import dev.sturdy.protocol.cost.CostReport;
import dev.sturdy.protocol.eval.CorrelationPlanner;
import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.wire.PannActivation;
import dev.sturdy.protocol.wire.Session;
import dev.sturdy.protocol.wire.Shared;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/**
 * What one AppReLU costs in the protocol, measured by running it: 2 in-memory parties and the
 * dealer on a vector of inputs shared as a layer's raw output would be; rounds, bytes a party
 * sends per activation, bytes the dealer sends per activation (the rewire into the next layer's
 * wire, one more round, not included).
 */
record ActivationCost(long rounds, double partyBytes, double dealerBytes) {
    private static final int N = 512;
    private static final int RING = 46;
    private static final int SCALE = 38;

    static ActivationCost of(CompositeSign sign) {
        PannActivation chain = new PannActivation(ActivationPlan.of(sign, FixedPointPolicy.DEFAULT));
        int out = chain.plan().outputScale() + 24;
        List<Correlation> plan = CorrelationPlanner.plan(2, s -> chain.apply(s, input(new long[N]), out));
        Seeds[] seeds = Seeds.local(2, new SecureRandom());
        long[] dealer = new long[1];
        List<CostReport> costs = LocalParties.run(2, Duration.ofMinutes(1), net -> {
            Session s = new Session(net, 2, new PartyCorrelations(net, seeds[net.id()].dealerSeed()));
            s.beginQuery(1);
            chain.apply(s, input(new long[N]), out);
            return s.cost().report();
        }, net -> {
            net.beginQuery(1);
            new Dealer(net, seeds[2], Dealer.WeightMasks.NONE).serve(plan);
            dealer[0] = net.stats().totalBytesSent();
        });
        CostReport c = costs.get(0);
        return new ActivationCost(c.total().rounds(), (double) c.total().bytesSent() / N, (double) dealer[0] / N);
    }

    private static Shared input(long[] shares) {
        return new Shared(shares, null, RING, SCALE, shares.length);
    }
}
