package dev.sturdy.deploy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The latency verdict on rows measured at 0 and 10 ms, where each mode's seconds per image lie on a
 * line t(L) = a + b L worked out by hand: exact ReLU 0.1 s + 8 s per s of latency.
 */
class CrossoverTest {
    private static final List<BenchRow> EXACT = List.of(row(0, 0, 0.10, 8), row(0, 10, 0.18, 8));

    private static BenchRow row(int beta, double latencyMillis, double seconds, long rounds) {
        return new BenchRow(latencyMillis, BenchJob.model("shares", beta, 1, 1, false), seconds, seconds, seconds, rounds, 0, 0,
                Map.of(), Map.of(), Double.NaN, Double.NaN, 1);
    }

    private static List<BenchRow> pann(int beta, double atZero, double atTen) {
        return List.of(row(beta, 0, atZero, 20), row(beta, 10, atTen, 20));
    }

    @Test
    void eachCaseOfTwoLinesGetsItsVerdict() {
        List<String> verdicts = Crossover.report(EXACT, List.of(
                pann(9, 0.30, 0.50),   // 0.3 + 20 L: slower and steeper
                pann(8, 0.05, 0.25),   // 0.05 + 20 L: faster at 0, equal at (0.1 - 0.05) / (20 - 8) s = 4.2 ms
                pann(10, 0.20, 0.24),  // 0.2 + 4 L: slower at 0, equal at (0.2 - 0.1) / (8 - 4) s = 25 ms
                pann(11, 0.05, 0.07))); // 0.05 + 2 L: faster and shallower
        assertEquals(List.of(
                "B=9 (20 rounds vs 8 exact): PANN slower than exact ReLU at every measured latency; "
                        + "the lines never cross: PANN pays 20.0 ms per ms of latency, exact ReLU 8.0",
                "B=8 (20 rounds vs 8 exact): PANN at least as fast as exact ReLU from 0 ms; "
                        + "the lines cross at 4 ms one way, beyond which exact ReLU is faster",
                "B=10 (20 rounds vs 8 exact): PANN slower than exact ReLU at every measured latency; "
                        + "the lines cross at 25 ms one way, beyond which PANN is faster",
                "B=11 (20 rounds vs 8 exact): PANN at least as fast as exact ReLU from 0 ms; "
                        + "the lines say PANN is faster at every latency"), verdicts);
    }

    @Test
    void oneLatencyGivesNoTrend() {
        assertEquals(List.of("B=9 (20 rounds vs 8 exact): PANN slower than exact ReLU at every measured latency; "
                + "one latency measured: no trend"), Crossover.report(EXACT.subList(0, 1), List.of(pann(9, 0.3, 0.5).subList(0, 1))));
    }
}
