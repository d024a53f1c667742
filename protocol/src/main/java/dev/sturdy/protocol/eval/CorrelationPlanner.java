package dev.sturdy.protocol.eval;

import dev.sturdy.protocol.correlation.Correlation;
import dev.sturdy.protocol.correlation.PartyCorrelations;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.NetworkException;
import dev.sturdy.protocol.net.TrafficStats;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.wire.Session;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Derives the dealer's request sequence by running a secure program once on a dry-run network:
 * sizes and the order of operations are public, only values are secret, so running the same
 * program on all-zero shares, with every message answered by zeros, takes exactly the requests
 * the real parties will take. The dealer then serves the returned list. This keeps the dealer's
 * plan and the parties' program from drifting apart (a drift is still caught at run time by the
 * correction tags).
 */
public final class CorrelationPlanner {
    private CorrelationPlanner() {
    }

    /** Runs {@code program} as party 0 of {@code parties} on zeros and returns the requests it takes. */
    public static List<Correlation> plan(int parties, Consumer<Session> program) {
        DryRun net = new DryRun(parties);
        PartyCorrelations pc = new PartyCorrelations(net, Seed.ofBytes(new byte[Seed.BYTES]));
        List<Correlation> plan = new ArrayList<>();
        pc.onTake((c, v) -> plan.add(c));
        program.accept(new Session(net, parties, pc));
        return plan;
    }

    /** Party 0 of a network where nothing leaves and every expected message is zeros. */
    private static final class DryRun implements Network {
        private final int parties;
        private final TrafficStats stats;
        private long query = SETUP_QUERY;

        DryRun(int parties) {
            this.parties = parties;
            this.stats = new TrafficStats(parties + 1);
        }

        @Override
        public int id() {
            return 0;
        }

        @Override
        public int computeParties() {
            return parties;
        }

        @Override
        public void beginQuery(long queryId) {
            query = queryId;
        }

        @Override
        public long currentQuery() {
            return query;
        }

        @Override
        public void send(int peer, long tag, long[] data, int offset, int length) {
        }

        @Override
        public void receive(int peer, long tag, long[] into, int offset, int length) {
            Arrays.fill(into, offset, offset + length, 0L);
        }

        @Override
        public long[] receive(int peer, long tag) {
            throw new NetworkException("dry run: a message of unknown length cannot be simulated");
        }

        @Override
        public TrafficStats stats() {
            return stats;
        }

        @Override
        public void close() {
        }
    }
}
