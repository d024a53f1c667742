package dev.sturdy.model.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {

    private static List<String> texts(Axis axis) {
        return axis.labels.stream().map(l -> l.exponent() == null ? l.text() : l.text() + "^" + l.exponent()).toList();
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, Axis.niceStep(1.2), 0);
        assertEquals(2, Axis.niceStep(2.4), 0);
        assertEquals(5, Axis.niceStep(4.1), 0);
        assertEquals(10, Axis.niceStep(8), 0);
        assertEquals(0.05, Axis.niceStep(0.043), 1e-15);
        assertEquals(200, Axis.niceStep(170), 0);
    }

    @Test
    void integerDataGetsWholeNumberTicks() {
        Axis precision = Axis.linear(6, 14, null, true, 10);
        assertEquals(List.of("6", "7", "8", "9", "10", "11", "12", "13", "14"), texts(precision));
        assertTrue(precision.lo < 6 && precision.hi > 14, "a margin keeps edge markers off the frame");
        Axis few = Axis.linear(-1, 2, null, true, 10);
        assertEquals(List.of("\u22121", "0", "1", "2"), texts(few));
    }

    @Test
    void fractionalTicksCarryJustEnoughDecimals() {
        Axis accuracy = Axis.linear(0.6, 0.92, null, false, 8);
        assertEquals(List.of("0.60", "0.65", "0.70", "0.75", "0.80", "0.85", "0.90"), texts(accuracy));
        Axis fixed = Axis.linear(0.123, 0.9, new double[] {0, 100}, false, 6);
        assertEquals(List.of("0", "20", "40", "60", "80", "100"), texts(fixed));
        assertEquals(0, fixed.lo, 0);
        assertEquals(0.25, fixed.fraction(25), 1e-12);
    }

    @Test
    void logAxesUseDecadesOrOneTwoFive() {
        Axis bytes = Axis.log(1e2, 1e6, null);
        assertEquals(List.of("10^2", "10^3", "10^4", "10^5", "10^6"), texts(bytes));
        assertTrue(bytes.minorTicks.contains(2e3) && bytes.minorTicks.contains(9e5));
        assertEquals(0.5, Axis.log(1, 100, new double[] {1, 100}).fraction(10), 1e-12);
        assertEquals(List.of("2\u00d710^6", "5\u00d710^6", "10^7", "2\u00d710^7"), texts(Axis.log(2e6, 2e7, null)));
        assertEquals(List.of("1", "2", "5", "10", "20"), texts(Axis.log(1, 20, null)));
        assertEquals(List.of("0.02", "0.05", "0.1", "0.2"), texts(Axis.log(0.02, 0.2, null)));
    }

    @Test
    void aSingleValueStillGivesARange() {
        Axis one = Axis.linear(5, 5, null, false, 5);
        assertTrue(one.lo < 5 && one.hi > 5);
        assertTrue(one.ticks.size() >= 2);
    }
}
