package dev.sturdy.party.cli;

import dev.sturdy.model.approx.ActivationPlan;
import dev.sturdy.model.approx.AppRelu;
import dev.sturdy.model.approx.CompositeSign;
import dev.sturdy.model.approx.OddPolynomial;
import dev.sturdy.model.approx.SignCost;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code sturdy poly}: the shipped composite sign polynomials, their ReLU error, and what AppReLU
 * costs with them in the protocol (measured by running it) against the reference degrees
 * (approxCNN's, chosen for FHE: fewest multiplications at the least depth).
 */
@Command(name = "poly", mixinStandardHelpOptions = true,
        description = "Show the composite sign polynomials for AppReLU of precision 2^-B: degrees, eps, "
                + "measured ReLU error on [-1, 1], Lee et al.'s multiplications, and the rounds and bytes of one "
                + "secure AppReLU with them and with approxCNN's reference degrees (B = 6..14).")
public final class PolyCommand extends PrintingCommand {

    @Option(names = "--beta", defaultValue = "6..20",
            description = "Precision(s) B: 9, 6..20 or 6,8,10 (default: ${DEFAULT-VALUE}).")
    private String betas;

    @Option(names = "--json", description = "Print a JSON array, one object per B, with the coefficients.")
    private boolean json;

    @Override
    public Integer call() {
        int[] parsed;
        try {
            parsed = BetaRange.parse(betas);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid --beta: " + e.getMessage());
        }
        PrintWriter out = out();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int beta : parsed) {
            rows.add(describe(SignPolynomials.forBeta(beta)));
        }
        if (json) {
            out.println(Json.pretty(rows));
        } else {
            printTable(out, rows);
        }
        out.flush();
        return 0;
    }

    /** approxCNN's composite degrees for B = 6..14 (../shared/notes/polynomials.md): the reference. */
    private static final int[][] REFERENCE = {{3, 7}, {7, 7}, {7, 15}, {15, 15}, {7, 7, 13}, {7, 7, 27}, {7, 15, 27},
        {15, 15, 27}, {15, 27, 29}};

    private static Map<String, Object> describe(CompositeSign sign) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("beta", sign.beta());
        row.put("eps", sign.eps());
        row.put("degrees", sign.degrees());
        row.put("components", sign.components().stream().map(OddPolynomial::oddCoefficients).toList());
        row.put("reluError", AppRelu.measuredError(sign));
        row.put("mults", Arrays.stream(sign.degrees()).map(SignCost::bsgsMults).sum());
        row.put("secure", cost(ActivationCost.of(sign), sign));
        int b = sign.beta();
        if (b >= 6 && b <= 14) {
            int[] degrees = REFERENCE[b - 6];
            row.put("referenceDegrees", degrees);
            row.put("referenceMults", Arrays.stream(degrees).map(SignCost::bsgsMults).sum());
            CompositeSign reference = sameDegrees(degrees, sign);
            row.put("referenceSecure", cost(ActivationCost.of(reference), reference));
        }
        return row;
    }

    private static Map<String, Object> cost(ActivationCost c, CompositeSign sign) {
        Map<String, Object> m = new LinkedHashMap<>();
        // the fewest input bits a component gets: high degrees leave few in 128-bit arithmetic
        m.put("inputBits", ActivationPlan.of(sign, FixedPointPolicy.DEFAULT).stages().stream()
                .mapToInt(ActivationPlan.Stage::inputBits).min().orElseThrow());
        m.put("rounds", c.rounds());
        m.put("partyBytesPerActivation", c.partyBytes());
        m.put("dealerBytesPerActivation", c.dealerBytes());
        return m;
    }

    /**
     * A composite with the reference degrees for the cost comparison: the costs depend on the degrees
     * only, so any coefficients of those degrees do (ours, padded or cut, keep the values in range).
     */
    private static CompositeSign sameDegrees(int[] degrees, CompositeSign like) {
        List<OddPolynomial> components = new ArrayList<>();
        for (int d : degrees) {
            double[] c = new double[(d + 1) / 2];
            c[0] = 1;
            components.add(new OddPolynomial(c));
        }
        return new CompositeSign(like.beta(), like.eps(), components);
    }

    private static void printTable(PrintWriter out, List<Map<String, Object>> rows) {
        String format = "%3s  %-24s %9s  %9s  %5s  %4s  %6s  %7s  %8s  %-13s %4s  %6s  %7s  %8s%n";
        out.printf(format, "B", "degrees", "eps", "relu/2^-B", "mults", "bits", "rounds", "party B", "dealer B",
                "reference", "bits", "rounds", "party B", "dealer B");
        for (Map<String, Object> row : rows) {
            int beta = (Integer) row.get("beta");
            @SuppressWarnings("unchecked")
            Map<String, Object> sec = (Map<String, Object>) row.get("secure");
            @SuppressWarnings("unchecked")
            Map<String, Object> ref = (Map<String, Object>) row.get("referenceSecure");
            out.printf(format, beta, Arrays.toString((int[]) row.get("degrees")), String.format("%.4g", (Double) row.get("eps")),
                    String.format("%.4f", (Double) row.get("reluError") * Math.scalb(1.0, beta)), row.get("mults"),
                    sec.get("inputBits"), sec.get("rounds"), bytes(sec.get("partyBytesPerActivation")), bytes(sec.get("dealerBytesPerActivation")),
                    ref == null ? "" : Arrays.toString((int[]) row.get("referenceDegrees")),
                    ref == null ? "" : ref.get("inputBits"), ref == null ? "" : ref.get("rounds"),
                    ref == null ? "" : bytes(ref.get("partyBytesPerActivation")),
                    ref == null ? "" : bytes(ref.get("dealerBytesPerActivation")));
        }
        out.println("relu: max |x(1+p(x))/2 - ReLU(x)| on [-1,1]; mults: Lee et al.'s (FHE) multiplications of the sign;"
                + " bits: the fewest input bits a component gets in 128-bit arithmetic; rounds, party B, dealer B: one"
                + " secure AppReLU (2 parties, measured), bytes per activation a party and the dealer send; reference:"
                + " approxCNN's degrees in the same protocol.");
    }

    private static String bytes(Object v) {
        return String.format("%.1f", ((Number) v).doubleValue());
    }
}
