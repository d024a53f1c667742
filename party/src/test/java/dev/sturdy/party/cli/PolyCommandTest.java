package dev.sturdy.party.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
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

    @Test
    void tableHasAHeaderAndOneLinePerBeta() {
        assertEquals(0, run("poly", "--beta", "8..10"));
        String[] lines = out.toString().split("\n");
        assertTrue(lines[0].trim().startsWith("B"));
        assertTrue(lines[1].trim().startsWith("8 "));
        assertTrue(lines[3].trim().startsWith("10 "));
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
