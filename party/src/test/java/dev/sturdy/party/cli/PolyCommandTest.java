package dev.sturdy.party.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PolyCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SturdyCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void jsonHasOneObjectPerBetaWithTheDocumentedFields() {
        assertEquals(0, run("poly", "--beta", "6,9", "--json"));
        List<?> rows = (List<?>) Json.parse(out.toString());
        assertEquals(2, rows.size());
        Map<?, ?> row = (Map<?, ?>) rows.get(1);
        assertEquals(9L, row.get("beta"));
        for (String field : List.of("eps", "degrees", "components", "reluError", "mults", "secure", "referenceSecure")) {
            assertTrue(row.containsKey(field), field);
        }
        // one round per component and one for the sign wire
        assertEquals(((List<?>) row.get("degrees")).size() + 1L, ((Map<?, ?>) row.get("secure")).get("rounds"));
        List<?> degrees = (List<?>) row.get("degrees");
        List<?> components = (List<?>) row.get("components");
        assertEquals(degrees.size(), components.size());
        assertEquals(((Long) degrees.get(0) + 1) / 2, ((List<?>) components.get(0)).size());
        assertTrue(((Number) row.get("reluError")).doubleValue() <= Math.scalb(1.0, -9));
    }

    /**
     * One line per B under the header, each showing what --json says for that B (degrees, eps, the
     * ReLU error in units of 2^-B, at most 1 by the guarantee), and secure costs that follow from the
     * protocol's definition: one round per component plus the sign wire's, and per activation the
     * bits a party opens, 32 for the first opening (the 46-bit input ring above p1's 38 - 24 bit
     * shift; see ActivationCost), then each next component's input bits + 3, the last the sign's
     * 20 + 3.
     */
    @Test
    void tableShowsForEachBetaWhatTheJsonSays() {
        assertEquals(0, run("poly", "--beta", "8..10", "--json"));
        List<?> rows = (List<?>) Json.parse(out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("poly", "--beta", "8..10"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(List.of("B", "degrees", "eps", "relu/2^-B", "mults", "bits", "rounds", "party", "B", "dealer", "B",
                "reference", "bits", "rounds", "party", "B", "dealer", "B"), List.of(lines.get(0).trim().split("\\s+")));
        assertEquals(rows.size() + 2, lines.size(), "header, one line per B, legend");
        String degrees = "(\\[[\\d, ]+])";
        Pattern row = Pattern.compile("\\s*(\\d+)\\s+" + degrees + "\\s+(\\S+)\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+"
                + degrees + "\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s*");
        for (int i = 0; i < rows.size(); i++) {
            Map<?, ?> json = (Map<?, ?>) rows.get(i);
            Matcher line = row.matcher(lines.get(i + 1));
            assertTrue(line.matches(), lines.get(i + 1));
            long beta = (Long) json.get("beta");
            assertEquals(beta, Long.parseLong(line.group(1)));
            List<?> degreeList = (List<?>) json.get("degrees");
            assertEquals(degreeList.toString(), line.group(2));
            assertEquals(((Number) json.get("eps")).doubleValue(), Double.parseDouble(line.group(3)),
                    1e-3 * ((Number) json.get("eps")).doubleValue());
            double errorInUnits = ((Number) json.get("reluError")).doubleValue() * Math.scalb(1.0, (int) beta);
            assertEquals(errorInUnits, Double.parseDouble(line.group(4)), 5e-5);
            assertTrue(Double.parseDouble(line.group(4)) <= 1, "the guarantee, B = " + beta);
            assertEquals(json.get("mults"), Long.parseLong(line.group(5)));
            assertSecureCost(degreeList, line.group(6), line.group(7), line.group(8));
            assertEquals(((List<?>) json.get("referenceDegrees")).toString(), line.group(10));
            assertSecureCost((List<?>) json.get("referenceDegrees"), line.group(11), line.group(12), line.group(13));
        }
    }

    private static void assertSecureCost(List<?> degrees, String bits, String rounds, String partyBytes) {
        FixedPointPolicy policy = FixedPointPolicy.DEFAULT;
        int fewest = Integer.MAX_VALUE;
        int opened = 32;
        for (int k = 0; k < degrees.size(); k++) {
            int in = policy.inputBits(k, ((Number) degrees.get(k)).intValue());
            fewest = Math.min(fewest, in);
            opened += k == 0 ? 0 : in + 3;
        }
        opened += policy.signBits() + 3;
        assertEquals(fewest, Integer.parseInt(bits), "input bits of " + degrees);
        assertEquals(degrees.size() + 1, Integer.parseInt(rounds), "rounds of " + degrees);
        assertEquals(opened / 8.0, Double.parseDouble(partyBytes), 0.05, "bytes a party sends per activation, " + degrees);
    }

    @Test
    void badBetaGivesOneErrorLineAndExitCode2() {
        assertEquals(2, run("poly", "--beta", "3"));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("B = 3 is out of range"));
        assertEquals("", out.toString());

        err.getBuffer().setLength(0);
        assertEquals(2, run("poly", "--beta", "abc"));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("'abc' is not a precision"));
    }
}
