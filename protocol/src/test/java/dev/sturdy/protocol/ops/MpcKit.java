package dev.sturdy.protocol.ops;

import dev.sturdy.protocol.dealer.CorrelationRequest;
import dev.sturdy.protocol.dealer.Dealer;
import dev.sturdy.protocol.dealer.PartyCorrelations;
import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.TrafficStats;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.ring.RingTensor;
import dev.sturdy.protocol.sharing.AdditiveSharing;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Runs secure programs on N party threads plus a dealer thread for tests. */
final class MpcKit {
    static final Prg TEST_PRG = new Prg(Seed.random(new SecureRandom()));

    record Result<T>(List<T> outputs, TrafficStats dealerTraffic) {
    }

    private MpcKit() {
    }

    static <T> Result<T> run(int n, TruncationMode mode, int f, List<CorrelationRequest> plan,
                             Function<SecureOps, T> program) {
        return run(n, mode, f, plan, program, UnaryOperator.identity(), Duration.ofSeconds(30));
    }

    static <T> Result<T> run(int n, TruncationMode mode, int f, List<CorrelationRequest> plan,
                             Function<SecureOps, T> program, UnaryOperator<Network> wrap, Duration timeout) {
        Seeds[] seeds = Seeds.local(n, new SecureRandom());
        TrafficStats[] dealerTraffic = new TrafficStats[1];
        List<T> out = LocalParties.run(n, timeout, net -> {
            Network w = wrap.apply(net);
            Session s = new Session(w, n, new PartyCorrelations(w, seeds[w.id()].dealerSeed()), new FixedPoint(f), mode);
            s.beginQuery(1);
            return program.apply(new SecureOps(s));
        }, net -> {
            net.beginQuery(1);
            new Dealer(net, seeds[n]).serveAll(plan);
            dealerTraffic[0] = net.stats().snapshot();
        });
        return new Result<>(out, dealerTraffic[0]);
    }

    static synchronized RingTensor[] share(RingTensor secret, int n) {
        return AdditiveSharing.split(secret, n, TEST_PRG);
    }

    static RingTensor reconstruct(List<RingTensor> shares) {
        return AdditiveSharing.reconstruct(shares.toArray(new RingTensor[0]));
    }

    static synchronized long[] randomLongs(int n) {
        return TEST_PRG.next(n);
    }
}
