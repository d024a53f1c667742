package dev.sturdy.party.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks the printed coefficients of `sturdy poly --json` independently: a naive power-basis
 * evaluation (not the project's evaluator) of the composite polynomial on a dense grid must meet
 * the ReLU guarantee max |x(1+p(x))/2 - ReLU(x)| <= 2^-B, and the degrees must cost no more
 * multiplications than approxCNN's reference degrees.
 */
class PolyGuaranteeTest {

    /** Non-scalar multiplications of odd degree d = 1, 3, ..., 63 under odd baby-step giant-step (../shared/notes/polynomials.md). */
    static final int[] BSGS_MULTS = {0, 2, 3, 5, 5, 6, 7, 8, 8, 8, 9, 9, 10, 10, 11, 12, 11, 11, 11, 11, 12, 12, 13,
        13, 14, 14, 14, 14, 15, 15, 16, 17};
    private static final Map<Integer, int[]> REFERENCE_DEGREES = Map.of(6, new int[] {3, 7}, 7, new int[] {7, 7},
            8, new int[] {7, 15}, 9, new int[] {15, 15}, 10, new int[] {7, 7, 13}, 11, new int[] {7, 7, 27},
            12, new int[] {7, 15, 27}, 13, new int[] {15, 15, 27}, 14, new int[] {15, 27, 29});

    @Test
    @SuppressWarnings("unchecked")
    void printedPolynomialsMeetTheReluGuaranteeForEveryPrecision() {
        CliRun run = CliRun.of("poly", "--beta", "6..20", "--json");
        assertEquals(0, run.exitCode(), run.err());
        List<Object> table = (List<Object>) Json.parse(run.out());
        assertEquals(15, table.size());
        double[] grid = grid();
        for (Object row : table) {
            Map<String, Object> r = (Map<String, Object>) row;
            int beta = ((Number) r.get("beta")).intValue();
            List<List<Number>> components = (List<List<Number>>) r.get("components");
            double worst = 0;
            for (double x : grid) {
                double p = x;
                for (List<Number> c : components) {
                    p = naive(c, p);
                }
                worst = Math.max(worst, Math.abs(x * (1 + p) / 2 - Math.max(x, 0)));
            }
            assertTrue(worst <= Math.scalb(1.0, -beta), "B = " + beta + ": ReLU error " + worst / Math.scalb(1.0, -beta)
                    + " x 2^-B");
            assertEquals(worst, ((Number) r.get("reluError")).doubleValue(), 0.02 * worst, "printed reluError, B = " + beta);
            if (REFERENCE_DEGREES.containsKey(beta)) {
                List<Number> degrees = (List<Number>) r.get("degrees");
                int ours = degrees.stream().mapToInt(d -> BSGS_MULTS[(d.intValue() - 1) / 2]).sum();
                int reference = java.util.Arrays.stream(REFERENCE_DEGREES.get(beta)).map(d -> BSGS_MULTS[(d - 1) / 2]).sum();
                assertTrue(ours <= reference, "B = " + beta + ": " + degrees + " costs " + ours + " > " + reference);
            }
        }
    }

    /** sum_i c_i x^(2i+1) term by term, with each power computed by Math.pow. */
    private static double naive(List<Number> oddCoefficients, double x) {
        double sum = 0;
        for (int i = 0; i < oddCoefficients.size(); i++) {
            sum += oddCoefficients.get(i).doubleValue() * Math.pow(x, 2 * i + 1);
        }
        return sum;
    }

    /** Uniform points on [-1, 1] plus log-spaced points down to 1e-12 on both sides of 0. */
    private static double[] grid() {
        int uniform = 200_001;
        int logPoints = 20_000;
        double[] g = new double[uniform + 2 * logPoints];
        for (int i = 0; i < uniform; i++) {
            g[i] = -1 + 2.0 * i / (uniform - 1);
        }
        for (int i = 0; i < logPoints; i++) {
            double v = Math.pow(10, -12 + 12.0 * i / (logPoints - 1));
            g[uniform + 2 * i] = v;
            g[uniform + 2 * i + 1] = -v;
        }
        return g;
    }
}
