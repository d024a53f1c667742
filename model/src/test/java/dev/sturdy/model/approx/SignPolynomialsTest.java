package dev.sturdy.model.approx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignPolynomialsTest {

    /** max |x (1 + p(x)) / 2 - ReLU(x)| on [-1, 1]: uniform grid plus log-spaced points near 0 on both sides. */
    static double reluError(CompositeSign sign) {
        double max = 0;
        int uniform = 400_000;
        for (int i = -uniform; i <= uniform; i++) {
            max = Math.max(max, pointError(sign, (double) i / uniform));
        }
        int logCount = 100_000;
        for (int i = 0; i <= logCount; i++) {
            double x = Math.pow(10, -12 + 12.0 * i / logCount);
            max = Math.max(max, Math.max(pointError(sign, x), pointError(sign, -x)));
        }
        return max;
    }

    private static double pointError(CompositeSign sign, double x) {
        return Math.abs(x * (1 + sign.evaluate(x)) / 2 - Math.max(x, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void shippedPolynomialsMeetTheReluGuarantee(int beta) {
        CompositeSign sign = SignPolynomials.forBeta(beta);
        assertEquals(beta, sign.beta());
        double error = reluError(sign);
        assertTrue(error <= Math.scalb(1.0, -beta), "B=" + beta + ": ReLU error " + error * Math.scalb(1.0, beta) + " x 2^-B");
        assertTrue(sign.eps() > 0 && sign.eps() < 0.5, "eps " + sign.eps());
    }

    /**
     * The shipped composites are what the search chooses today (the resource is not stale), every
     * degree within the protocol's limit, and, p1 being minimax past 1, an input error moves
     * AppReLU little anywhere on [-1, 1]: max x |p'(x)| stays below 3 (with p1 minimax on [eps, 1]
     * it was 8 to 74 for B = 9 composites; protocol/NOTES.md).
     */
    @ParameterizedTest
    @ValueSource(ints = {6, 8, 9, 12})
    void shippedCompositesAreTheSearchsChoiceAndInsensitiveToInputErrors(int beta) {
        CompositeSign shipped = SignPolynomials.forBeta(beta);
        assertArrayEquals(SignPolynomialSearch.best(beta).degrees(), shipped.degrees(), "B=" + beta);
        assertTrue(Arrays.stream(shipped.degrees()).allMatch(d -> d <= SignPolynomialSearch.MAX_DEGREE));
        double worst = 0;
        double h = 1e-7;
        for (int i = 1; i <= 200_000; i++) {
            double x = i / 200_000.0;
            worst = Math.max(worst, x * Math.abs(shipped.evaluate(x + h) - shipped.evaluate(x - h)) / (2 * h));
        }
        assertTrue(worst < 3, "B=" + beta + ": max x |p'(x)| = " + worst);
    }

    @Test
    void outOfRangeBetaIsRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SignPolynomials.forBeta(3));
        assertEquals("precision B must be in 4..20, got 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SignPolynomials.forBeta(21));
    }

    @Test
    void resourceRoundTripsExactly() {
        List<CompositeSign> all = new ArrayList<>();
        for (int b = SignPolynomials.MIN_BETA; b <= SignPolynomials.MAX_BETA; b++) {
            all.add(SignPolynomials.forBeta(b));
        }
        List<CompositeSign> again = SignPolynomials.fromJson(SignPolynomials.toJson(all));
        for (int i = 0; i < all.size(); i++) {
            assertEquals(all.get(i).eps(), again.get(i).eps());
            for (int k = 0; k < all.get(i).components().size(); k++) {
                assertArrayEquals(all.get(i).components().get(k).oddCoefficients(),
                        again.get(i).components().get(k).oddCoefficients());
            }
        }
    }

    /** The shipped resource is what the generator computes today (B = 7 as a sample; the table build dominates). */
    @Test
    void resourceMatchesTheSearch() {
        CompositeSign shipped = SignPolynomials.forBeta(7);
        CompositeSign computed = SignPolynomialSearch.best(7);
        assertArrayEquals(shipped.degrees(), computed.degrees());
        assertEquals(shipped.eps(), computed.eps(), 1e-12);
        for (int k = 0; k < shipped.components().size(); k++) {
            assertArrayEquals(shipped.components().get(k).oddCoefficients(),
                    computed.components().get(k).oddCoefficients(), 1e-9);
        }
    }

    /** The loader against an independent reading of the files: odd-index lines of coeff_B.txt, split by deg_B.txt. */
    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14})
    void loadsApproxCnnFiles(int beta) throws IOException {
        Path dir = TestData.shared("reference/approxcnn-sign-polys");
        CompositeSign loaded = SignPolynomials.loadApproxCnn(dir, beta);
        int[] degrees = Arrays.stream(Files.readString(dir.resolve("deg_" + beta + ".txt")).trim().split("\\s+"))
                .mapToInt(Integer::parseInt).toArray();
        List<String> lines = Files.readAllLines(dir.resolve("coeff_" + beta + ".txt"));
        assertArrayEquals(degrees, loaded.degrees());
        assertTrue(Double.isNaN(loaded.eps()));
        int at = 0;
        for (int k = 0; k < degrees.length; k++) {
            double[] odd = loaded.components().get(k).oddCoefficients();
            for (int i = 0; i <= degrees[k]; i++) {
                double v = Double.parseDouble(lines.get(at + i).trim());
                if (i % 2 == 1) {
                    assertEquals(v, odd[i / 2]);
                } else {
                    assertTrue(Math.abs(v) < 1e-20);
                }
            }
            at += degrees[k] + 1;
        }
        if (beta >= 6) {
            assertTrue(reluError(loaded) <= Math.scalb(1.0, -beta), "reference B=" + beta);
        }
    }

    @Test
    void loaderRejectsBadFilesWithOneLineMessages(@TempDir Path dir) throws IOException {
        assertLoadFails(dir, 9, "missing approxCNN file");

        Files.writeString(dir.resolve("deg_9.txt"), "3\n");
        assertLoadFails(dir, 9, "missing approxCNN file");

        Files.writeString(dir.resolve("coeff_9.txt"), "0\n1.5\n0\n");
        assertLoadFails(dir, 9, "3 coefficients, but degrees [3] in deg_9.txt need 4");

        Files.writeString(dir.resolve("coeff_9.txt"), "0\n1.5\n0.25\n-0.5\n");
        assertLoadFails(dir, 9, "component 1 is not odd: c2 = 0.25 (line 3)");

        Files.writeString(dir.resolve("coeff_9.txt"), "0\n1.5\nabc\n-0.5\n");
        assertLoadFails(dir, 9, "coefficient 3 is not a number: 'abc'");

        Files.writeString(dir.resolve("deg_9.txt"), "4\n");
        assertLoadFails(dir, 9, "degree 4 is not odd and positive");

        Files.writeString(dir.resolve("deg_9.txt"), "3\n");
        Files.writeString(dir.resolve("coeff_9.txt"), "1e-31\n1.5\n-2e-30\n-0.5\n");
        CompositeSign ok = SignPolynomials.loadApproxCnn(dir, 9);
        assertArrayEquals(new double[] {1.5, -0.5}, ok.components().get(0).oddCoefficients());
    }

    private static void assertLoadFails(Path dir, int beta, String expected) {
        IOException e = assertThrows(IOException.class, () -> SignPolynomials.loadApproxCnn(dir, beta));
        assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
