package dev.sturdy.protocol.prg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sturdy.protocol.net.LocalParties;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void setupGivesEachPartyTheDealersSeedAndPairwiseSeedsThatZeroShare() {
        AtomicReference<Seeds> dealerSeeds = new AtomicReference<>();
        List<Seeds> seeds = LocalParties.run(3, Duration.ofSeconds(5), net -> Seeds.setup(net, new SecureRandom()),
                net -> dealerSeeds.set(Seeds.setup(net, new SecureRandom())));
        for (int p = 0; p < 3; p++) {
            // same seed on both sides: the PRG streams agree
            assertArrayEquals(new Prg(dealerSeeds.get().dealerSeed(p)).next(4),
                    new Prg(seeds.get(p).dealerSeed()).next(4));
        }
        assertArrayEquals(new Prg(seeds.get(0).pairSeed(2)).next(4), new Prg(seeds.get(2).pairSeed(0)).next(4));
        long[][] z = new long[3][1000];
        for (int p = 0; p < 3; p++) {
            seeds.get(p).zeroSharing(7).next(z[p], 1000);
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals(0L, z[0][i] + z[1][i] + z[2][i]);
        }
        assertNotEquals(0L, z[0][0]);
    }
}
