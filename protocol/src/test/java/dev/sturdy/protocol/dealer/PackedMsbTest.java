package dev.sturdy.protocol.dealer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Packed msb corrections: what party 0 unpacks, added to the other parties' scaled shares, is msb(r) 2^(64-f). */
class PackedMsbTest {

    @ParameterizedTest(name = "f={0}, n={1}")
    @CsvSource({"1,130", "16,9", "20,1", "20,1000", "24,7", "31,5", "33,4", "62,3"})
    void sharesSumToTheShiftedTopBitAndTheMessageHasTheStatedLength(int f, int n) {
        SplittableRandom rnd = new SplittableRandom(f * 1000L + n);
        long[] r = new long[n], others = new long[n], correction = new long[n];
        for (int j = 0; j < n; j++) {
            r[j] = rnd.nextLong();
            others[j] = rnd.nextLong(); // the other parties' unscaled PRG output, summed
            correction[j] = (r[j] >>> 63) - others[j];
        }
        int words = PackedMsb.words(n, f);
        assertEquals((n + 64 / f - 1) / (64 / f), words);
        long[] message = new long[words + 2];
        PackedMsb.pack(correction, n, f, message, 2);
        long[] party0 = new long[n];
        PackedMsb.unpack(message, 2, n, f, party0);
        PackedMsb.scale(others, n, f);
        for (int j = 0; j < n; j++) {
            assertEquals((r[j] >>> 63) << (64 - f), party0[j] + others[j], "element " + j);
        }
    }
}
