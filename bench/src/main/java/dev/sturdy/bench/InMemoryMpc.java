package dev.sturdy.bench;

import dev.sturdy.protocol.correlation.Correlation;
import dev.sturdy.protocol.correlation.Dealer;
import dev.sturdy.protocol.correlation.PartyCorrelations;
import dev.sturdy.protocol.eval.CorrelationPlanner;
import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.prg.Seeds;
import dev.sturdy.protocol.sharing.AdditiveSharing;
import dev.sturdy.protocol.wire.Session;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One secure program run by N compute-party threads and a dealer thread on the in-memory
 * network, as a benchmark operation: every {@link #run()} draws fresh seeds, and the dealer
 * serves the program's correlation plan (made once by a dry run) concurrently, so the time
 * includes the dealer's work.
 */
final class InMemoryMpc {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int parties;
    private final Function<Session, Object> program;
    private final List<Correlation> plan;

    /** {@code program} finds its party's inputs by {@code session.id()}. */
    InMemoryMpc(int parties, Function<Session, Object> program) {
        this.parties = parties;
        this.program = program;
        this.plan = CorrelationPlanner.plan(parties, program::apply);
    }

    /** Party 0's result. */
    Object run() {
        Seeds[] seeds = Seeds.local(parties, RANDOM);
        return LocalParties.run(parties, TIMEOUT, net -> {
            Session s = new Session(net, parties, new PartyCorrelations(net, seeds[net.id()].dealerSeed()));
            s.beginQuery(1);
            return program.apply(s);
        }, net -> {
            net.beginQuery(1);
            new Dealer(net, seeds[parties], Dealer.WeightMasks.NONE).serve(plan);
        }).get(0);
    }

    /** Additive shares of a secret vector, one per party. */
    static long[][] share(long[] secret, int parties) {
        return AdditiveSharing.split(secret, parties, new Prg(Seed.random(RANDOM)));
    }

    /** n ring values uniform in [-2^bits, 2^bits). */
    static long[] uniform(int n, int bits) {
        long[] v = new Prg(Seed.random(RANDOM)).next(n);
        for (int i = 0; i < n; i++) {
            v[i] >>= 63 - bits;
        }
        return v;
    }
}
