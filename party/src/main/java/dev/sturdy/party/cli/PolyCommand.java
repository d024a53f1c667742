package dev.sturdy.party.cli;

import dev.sturdy.model.approx.AppRelu;
import dev.sturdy.model.approx.CompositeSign;
import dev.sturdy.model.approx.EvaluationPlan;
import dev.sturdy.model.approx.OddPolynomial;
import dev.sturdy.model.approx.SignCost;
import dev.sturdy.model.approx.SignPolynomials;
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

/** {@code sturdy poly}: the shipped composite sign polynomials, their ReLU error and MPC cost. */
@Command(name = "poly", mixinStandardHelpOptions = true,
        description = "Show the composite sign polynomials for AppReLU of precision 2^-B: degrees, eps, "
                + "measured ReLU error on [-1, 1], and the cost of the MPC evaluation plan.")
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

    private static Map<String, Object> describe(CompositeSign sign) {
        EvaluationPlan plan = EvaluationPlan.forAppRelu(sign);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("beta", sign.beta());
        row.put("eps", sign.eps());
        row.put("degrees", sign.degrees());
        row.put("components", sign.components().stream().map(OddPolynomial::oddCoefficients).toList());
        row.put("reluError", AppRelu.measuredError(sign));
        row.put("mults", plan.mults());
        row.put("rounds", plan.rounds());
        row.put("openings", plan.openings());
        return row;
    }

    private static void printTable(PrintWriter out, List<Map<String, Object>> rows) {
        String format = "%3s  %-22s %11s  %13s  %10s  %10s  %10s  %8s%n";
        out.printf(format, "B", "degrees", "eps", "reluErr/2^-B", "bsgsMults", "mpcMults", "openings", "rounds");
        for (Map<String, Object> row : rows) {
            int beta = (Integer) row.get("beta");
            int[] degrees = (int[]) row.get("degrees");
            int bsgs = Arrays.stream(degrees).map(SignCost::bsgsMults).sum();
            out.printf(format, beta, Arrays.toString(degrees), String.format("%.5g", (Double) row.get("eps")),
                    String.format("%.4f", (Double) row.get("reluError") * Math.scalb(1.0, beta)), bsgs,
                    row.get("mults"), row.get("openings"), row.get("rounds"));
        }
        out.println("reluErr: max |x(1+p(x))/2 - ReLU(x)| on [-1,1]; bsgsMults: sign only, Lee et al.'s cost model;"
                + " mpcMults/openings/rounds: AppReLU's MPC plan, final product included.");
    }
}
