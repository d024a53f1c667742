package dev.sturdy.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.deploy.DeploymentWriter;
import dev.sturdy.deploy.FreePorts;
import dev.sturdy.deploy.InProcessRoles;
import dev.sturdy.model.Model;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.json.Json;
import dev.sturdy.party.cli.CliRun;
import dev.sturdy.party.compute.ModelShareFile;
import dev.sturdy.party.samples.DemoModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model owner's and the client's commands on a deployment that {@code sturdy certs} wrote:
 * {@code sturdy share} splits a model file for the roles, the roles refuse a share file made for
 * another deployment, and {@code sturdy query} classifies images as the plaintext PANN does, with
 * {@code --check-plain} failing (exit 1) when the model file it is given is another.
 */
class ShareAndQueryCommandsTest {
    private static final int PARTIES = 2;
    private static final int B = 9;

    @TempDir
    Path dir;

    private static CliRun sturdy(String... args) {
        return CliRun.with(Sturdy.commandLine(), args);
    }

    private static Path config(Path deployment, int id) {
        return DeploymentWriter.roleDir(deployment, id, PARTIES).resolve(DeploymentWriter.CONFIG);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shareThenQueryClassifiesAsThePlaintextPannAndCheckPlainFailsOnAnotherModel() throws Exception {
        Model model = DemoModel.load();
        Path modelFile = dir.resolve("m.model");
        ModelFiles.write(model, modelFile);
        Path deployment = dir.resolve("deployment");
        int base = FreePorts.range(2 * (PARTIES + 1));
        CliRun certs = sturdy("certs", "--hosts", "127.0.0.1", "--parties", "2", "--out", deployment.toString(),
                "--mpc-port", Integer.toString(base), "--grpc-port", Integer.toString(base + PARTIES + 1), "--timeout", "10");
        assertEquals(0, certs.exitCode(), certs.err());
        CliRun share = sturdy("share", "--model", modelFile.toString(), "--parties", "2", "--beta", Integer.toString(B),
                "--out", deployment.toString());
        assertEquals(0, share.exitCode(), share.err());
        for (int id = 0; id <= PARTIES; id++) {
            ModelShareFile f = ModelShareFile.load(DeploymentWriter.roleDir(deployment, id, PARTIES).resolve(ModelShareFile.FILE_NAME));
            assertEquals(List.of(id, PARTIES, FixedPointPolicy.DEFAULT_ACTIVATION_BITS, B),
                    List.of(f.role(), f.parties(), f.fractionalBits(), f.precisionB()));
            assertEquals(id == PARTIES, f.isDealer());
        }
        assertNull(ModelShareFile.load(DeploymentWriter.roleDir(deployment, PARTIES, PARTIES).resolve(ModelShareFile.FILE_NAME))
                .shares(), "the dealer's file holds no weight share");

        SamplePngs samples = SamplePngs.write(dir, 4);
        Model other = DemoModel.untrained(new Shape(1, 28, 28), 10, 5);
        Path otherFile = dir.resolve("other.model");
        ModelFiles.write(other, otherFile);
        List<Integer> expected = new ArrayList<>();
        List<Integer> otherClasses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            expected.add(samples.plainClass(model, B, i));
            otherClasses.add(samples.plainClass(other, B, i));
        }
        assertTrue(!expected.equals(otherClasses), "the other model must classify some sample differently");

        List<Path> configs = List.of(config(deployment, 0), config(deployment, 1), config(deployment, 2));
        String parties = "127.0.0.1:" + (base + PARTIES + 1) + ",127.0.0.1:" + (base + PARTIES + 2);
        String client = deployment.resolve("client").toString();
        try (InProcessRoles roles = InProcessRoles.start(configs)) {
            CliRun query = sturdy("query", "--parties", parties, "--client-dir", client, "--image", samples.argument(),
                    "--json", "--check-plain", modelFile.toString());
            assertEquals(0, query.exitCode(), query.err() + query.out());
            List<Map<String, Object>> rows = (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(query.out())).get("results");
            assertEquals(expected, rows.stream().map(r -> ((Number) r.get("class")).intValue()).toList());
            assertEquals(List.of(true, true, true, true), rows.stream().map(r -> r.get("agrees")).toList());

            CliRun mismatch = sturdy("query", "--parties", parties, "--client-dir", client, "--image", samples.argument(),
                    "--json", "--check-plain", otherFile.toString());
            assertEquals(1, mismatch.exitCode(), mismatch.err() + mismatch.out());
            rows = (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(mismatch.out())).get("results");
            assertEquals(otherClasses, rows.stream().map(r -> ((Number) r.get("plainClass")).intValue()).toList());
            assertEquals(expected, rows.stream().map(r -> ((Number) r.get("class")).intValue()).toList());
        }
    }

    /** Each role checks its share file's role, N, f and B against its configuration before serving. */
    @Test
    void aRoleRefusesAShareFileMadeForAnotherRoleNFOrB() throws Exception {
        Path deployment = dir.resolve("deployment");
        int base = FreePorts.range(2 * (PARTIES + 1));
        DeploymentWriter.write(new DeploymentWriter.Layout(PARTIES, List.of("127.0.0.1"), base, base + PARTIES + 1, B, 18, 4,
                Duration.ofSeconds(5), Duration.ofSeconds(5)), deployment, new SecureRandom());
        Model model = DemoModel.untrained(new Shape(1, 6, 6), 3, 5);
        Map<String, Path> splits = Map.of("right", split(model, 2, B, 18), "three parties", split(model, 3, B, 18),
                "f=20", split(model, 2, B, 20), "B=8", split(model, 2, 8, 18));
        record Case(String role, int id, String split, String file, String refusal) {
        }
        for (Case c : List.of(
                new Case("party", 0, "right", "party-1", "is the file of role 1 of 2 parties, but this is role 0 of 2"),
                new Case("party", 0, "three parties", "party-0", "is the file of role 0 of 3 parties, but this is role 0 of 2"),
                new Case("party", 1, "f=20", "party-1",
                        "was made with f=20, B=9 but the configuration says fixed.bits=18, precision.b=9"),
                new Case("party", 1, "B=8", "party-1", "was made with f=18, B=8 but the configuration says fixed.bits=18, precision.b=9"),
                new Case("dealer", PARTIES, "right", "party-0", "is the file of role 0 of 2 parties, but this is role 2 of 2"))) {
            Path target = DeploymentWriter.roleDir(deployment, c.id(), PARTIES).resolve(ModelShareFile.FILE_NAME);
            Files.copy(splits.get(c.split()).resolve(c.file()).resolve(ModelShareFile.FILE_NAME), target,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            CliRun run = sturdy(c.role(), "--config", config(deployment, c.id()).toString());
            assertEquals(2, run.exitCode(), c + ": " + run.err());
            assertEquals(1, run.err().lines().count(), c + ": " + run.err());
            assertTrue(run.err().startsWith("sturdy " + c.role() + ": " + target) && run.err().contains(c.refusal()),
                    c + ": " + run.err());
        }
    }

    private Path split(Model model, int parties, int beta, int f) throws Exception {
        Path out = Files.createDirectories(dir.resolve("split-" + parties + "-" + beta + "-" + f));
        ModelShareFile.writeSplit(model, parties, beta, f, out, new SecureRandom());
        return out;
    }
}
