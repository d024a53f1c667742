package dev.sturdy.model.approx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EvaluationPlanTest {

    /** The recommended fractional bits (EvaluationPlan's javadoc): simulate stays within 2^-(B+2) bound. */
    @ParameterizedTest
    @CsvSource({"6, 16", "7, 16", "8, 16", "9, 20", "10, 20", "11, 24", "12, 24", "13, 24", "14, 24", "15, 24", "16, 24"})
    void fixedPointSimulationStaysWithinBudget(int beta, int fractionalBits) {
        CompositeSign sign = SignPolynomials.forBeta(beta);
        EvaluationPlan plan = EvaluationPlan.forAppRelu(sign);
        for (double bound : new double[] {50, 100, 37.5}) {
            double worst = 0;
            int n = 10_000;
            for (int i = -n; i <= n; i++) {
                double z = bound * i / n;
                worst = Math.max(worst, Math.abs(plan.simulate(z, bound, fractionalBits) - AppRelu.apply(z, bound, sign)));
            }
            double budget = Math.scalb(bound, -(beta + 2));
            assertTrue(worst <= budget, "B=" + beta + " f=" + fractionalBits + " bound=" + bound + ": "
                    + worst / budget + " of the budget");
        }
    }

    /** Independent count: all odd powers of each component (squares T2, T4, ... and one product per odd term), plus z * sign. */
    @ParameterizedTest
    @ValueSource(ints = {4, 6, 9, 10, 14, 20})
    void countsMatchAnIndependentCount(int beta) {
        CompositeSign sign = SignPolynomials.forBeta(beta);
        int mults = 1;
        int rounds = 1;
        int openings = 2;
        for (int d : sign.degrees()) {
            int squares = 0;
            for (int power = 2; power < d; power *= 2) {
                squares++;
            }
            int depth = 0;
            while ((1 << depth) < d + 1) {
                depth++;
            }
            mults += squares + (d - 1) / 2;
            openings += squares + 2 * ((d - 1) / 2);
            rounds += depth;
        }
        EvaluationPlan plan = EvaluationPlan.forAppRelu(sign);
        assertEquals(mults, plan.mults());
        assertEquals(rounds, plan.rounds());
        assertEquals(openings, plan.openings());
    }

    /**
     * Walking the plan in doubles as the protocol would (every product's operands defined in an
     * earlier round or before) gives AppReLU(z) / bound.
     */
    @ParameterizedTest
    @ValueSource(ints = {6, 9, 12, 14, 17, 20})
    void walkingThePlanComputesAppRelu(int beta) {
        CompositeSign sign = SignPolynomials.forBeta(beta);
        EvaluationPlan plan = EvaluationPlan.forAppRelu(sign);
        for (double x : new double[] {-1, -0.7, -0.01, -1e-4, 0, 3e-5, 0.002, 0.3, 0.999, 1}) {
            double[] terms = new double[plan.termCount()];
            int[] definedIn = new int[plan.termCount()];
            Arrays.fill(definedIn, Integer.MAX_VALUE);
            terms[plan.input()] = x;
            definedIn[plan.input()] = -1;
            walk(plan.prologue(), terms, definedIn, -1);
            List<EvaluationPlan.Round> rounds = plan.roundList();
            for (int r = 0; r < rounds.size(); r++) {
                for (EvaluationPlan.Product p : rounds.get(r).products()) {
                    assertTrue(definedIn[p.left()] < r && definedIn[p.right()] < r, "operands of " + plan.termName(p.result()));
                    terms[p.result()] = terms[p.left()] * terms[p.right()];
                    definedIn[p.result()] = r;
                }
                walk(rounds.get(r).linear(), terms, definedIn, r);
            }
            // AppRelu.apply's power-basis Horner carries rounding up to ~1e-8 (B = 14: p1 coefficients ~ 1e9).
            double expected = AppRelu.apply(x, 1, sign);
            assertEquals(expected, terms[plan.output()], 1e-7, "x=" + x);
        }
    }

    private static void walk(List<EvaluationPlan.Linear> steps, double[] terms, int[] definedIn, int round) {
        for (EvaluationPlan.Linear step : steps) {
            double v = step.constant();
            for (int i = 0; i < step.inputs().length; i++) {
                assertTrue(definedIn[step.inputs()[i]] <= round);
                v += step.coefficients()[i] * terms[step.inputs()[i]];
            }
            terms[step.result()] = v;
            definedIn[step.result()] = round;
        }
    }
}
