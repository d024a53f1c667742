package dev.sturdy.model.approx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes the shipped sign polynomials (B = 4..20) with {@link SignPolynomialSearch} and writes
 * the resource that {@link SignPolynomials#forBeta} loads. From the repository root:
 *
 * <pre>
 * mvn -q -o -pl model compile
 * java -cp model/target/classes dev.sturdy.model.approx.SignPolynomialGenerator \
 *     model/src/main/resources/dev/sturdy/model/approx/sign-polynomials.json
 * </pre>
 */
public final class SignPolynomialGenerator {

    private SignPolynomialGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SignPolynomialGenerator OUTPUT.json");
            System.exit(2);
        }
        List<CompositeSign> signs = new ArrayList<>();
        for (int beta = SignPolynomials.MIN_BETA; beta <= SignPolynomials.MAX_BETA; beta++) {
            long start = System.nanoTime();
            CompositeSign sign = SignPolynomialSearch.best(beta);
            signs.add(sign);
            System.err.printf("B=%2d degrees %-22s eps=%.6g (M=%.3f) ReLU error %.4f x 2^-B  %.1f s%n", beta,
                    java.util.Arrays.toString(sign.degrees()), sign.eps(), sign.eps() * Math.scalb(1.0, beta),
                    AppRelu.measuredError(sign) * Math.scalb(1.0, beta), (System.nanoTime() - start) / 1e9);
        }
        Files.writeString(Path.of(args[0]), SignPolynomials.toJson(signs));
    }
}
