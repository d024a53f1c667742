package dev.sturdy.model.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fraction bits f that a precision B gets by default, and the f refused for it. */
class ActivationBitsTest {

    @Test
    void theDerivedFIsBPlusEightBitsAndNeverBelowTwentyTwo() {
        int[][] betaAndF = {{0, 22}, {8, 22}, {9, 22}, {12, 22}, {14, 22}, {15, 23}, {16, 24}};
        for (int[] c : betaAndF) {
            assertEquals(c[1], FixedPointPolicy.activationBitsFor(c[0]), "B = " + c[0]);
            assertEquals(c[1], FixedPointPolicy.activationBits(c[0], 0), "B = " + c[0] + ", no f given");
        }
        assertEquals(17, FixedPointPolicy.activationBits(9, 17), "a given f that is enough is kept");
        assertEquals(12, FixedPointPolicy.activationBits(0, 12), "exact ReLU takes any f in 8..24");
    }

    @Test
    void tooFewBitsForBAreRefusedWithTheReason() {
        String few = assertThrows(IllegalArgumentException.class, () -> FixedPointPolicy.activationBits(12, 16)).getMessage();
        assertEquals("B = 12 needs at least f = 20 fraction bits, not 16: the fixed-point error of f bits must stay 8 bits"
                + " below AppReLU's 2^-B", few);
        String beyond = assertThrows(IllegalArgumentException.class, () -> FixedPointPolicy.activationBitsFor(17)).getMessage();
        assertTrue(beyond.startsWith("B = 17 needs at least f = 25 fraction bits, more than the 24 the linear ring allows"),
                beyond);
        assertThrows(IllegalArgumentException.class, () -> FixedPointPolicy.activationBits(0, 25));
    }
}
