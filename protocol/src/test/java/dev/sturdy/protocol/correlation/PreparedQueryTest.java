package dev.sturdy.protocol.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sturdy.protocol.net.LocalParties;
import dev.sturdy.protocol.prg.Seeds;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A query the dealer prepared ahead: the parties' shares are correlated as the plan says, the
 * corrections are spread over the parties, and it serves once.
 */
class PreparedQueryTest {
    private static final int WORDS = 500;

    @ParameterizedTest(name = "{0} parties")
    @ValueSource(ints = {2, 3})
    void preparedTriplesAreCorrelatedAndServeOneQueryOnly(int parties) {
        SecureRandom rnd = new SecureRandom();
        List<Correlation> plan = List.of(new BitAnd(WORDS), new BitAnd(WORDS));
        PreparedQuery q = PreparedQuery.prepare(parties, plan, Dealer.WeightMasks.NONE, rnd);
        assertEquals(2L * 2 * WORDS * 8, q.bytes(), "two dealt parts per request");
        long[] fromDealer = new long[parties];
        List<Values[]> shares = LocalParties.run(parties, Duration.ofSeconds(30), net -> {
            PartyCorrelations c = new PartyCorrelations(net, Seeds.setup(net, rnd).dealerSeed());
            net.beginQuery(7);
            Values[] mine = {c.take(plan.get(0)), c.take(plan.get(1))};
            fromDealer[net.id()] = net.stats().bytesReceived(net.dealerId());
            return mine;
        }, net -> q.serve(net, 7));
        // each party got its seed (16 bytes); parties 0 and 1 one correction each, a third party none
        long correction = 2L * WORDS * 8;
        assertEquals(16 + correction, fromDealer[0]);
        assertEquals(16 + correction, fromDealer[1]);
        if (parties == 3) {
            assertEquals(16, fromDealer[2]);
        }
        for (int r = 0; r < plan.size(); r++) {
            for (int j = 0; j < WORDS; j++) {
                long[] v = new long[5];
                for (Values[] mine : shares) {
                    for (int part = 0; part < 5; part++) {
                        v[part] ^= mine[r].lo(part)[j];
                    }
                }
                assertEquals(v[BitAnd.A] & v[BitAnd.B], v[BitAnd.AB], "request " + r + ", word " + j);
                assertEquals(v[BitAnd.A] & v[BitAnd.C], v[BitAnd.AC], "request " + r + ", word " + j);
            }
        }
        assertThrows(IllegalStateException.class, () -> q.serve(null, 8), "its masks serve one query only");
    }
}
