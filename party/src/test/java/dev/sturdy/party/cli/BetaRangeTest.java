package dev.sturdy.party.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BetaRangeTest {

    @Test
    void parsesValuesRangesAndLists() {
        assertArrayEquals(new int[] {9}, BetaRange.parse("9"));
        assertArrayEquals(new int[] {6, 7, 8, 9, 10}, BetaRange.parse("6..10"));
        assertArrayEquals(new int[] {6, 8, 10}, BetaRange.parse("10,6,8"));
        assertArrayEquals(new int[] {4, 5, 6, 12, 20}, BetaRange.parse(" 4..6 , 12,20,5"));
    }

    @Test
    void rejectsBadInputWithClearMessages() {
        assertEquals("B = 3 is out of range; polynomials exist for B = 4..20",
                assertThrows(IllegalArgumentException.class, () -> BetaRange.parse("3")).getMessage());
        assertEquals("'abc' is not a precision; expected e.g. 9, 6..20 or 6,8,10",
                assertThrows(IllegalArgumentException.class, () -> BetaRange.parse("abc")).getMessage());
        assertEquals("'10..6' is an empty range; write the smaller B first",
                assertThrows(IllegalArgumentException.class, () -> BetaRange.parse("10..6")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BetaRange.parse("6..21"));
        assertThrows(IllegalArgumentException.class, () -> BetaRange.parse("6,,8"));
        assertThrows(IllegalArgumentException.class, () -> BetaRange.parse(""));
    }
}
