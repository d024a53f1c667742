package dev.sturdy.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.deploy.DeploymentWriter;
import dev.sturdy.deploy.FreePorts;
import dev.sturdy.model.TestData;
import dev.sturdy.net.tls.TlsCredentials;
import dev.sturdy.party.cli.CliRun;
import dev.sturdy.party.cli.SturdyCli;
import dev.sturdy.party.compute.ModelShareFile;
import dev.sturdy.party.config.RoleConfig;
import dev.sturdy.party.samples.DemoModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCommandsTest {
    @TempDir
    Path dir;

    @Test
    void certsWritesOneConfigAndCertificatePerRoleForTheGivenHosts() throws Exception {
        Path out = dir.resolve("dep");
        CliRun r = CliRun.with(Sturdy.commandLine(), "certs", "--hosts", "10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.4", "--parties", "3", "--out",
                out.toString(), "--mpc-port", "9000", "--timeout", "20");
        assertEquals(0, r.exitCode(), r.err());
        RoleConfig p1 = RoleConfig.load(out.resolve("party-1/role.properties"));
        assertEquals(1, p1.id());
        assertEquals(3, p1.parties());
        assertEquals(9001, p1.mpcListen().getPort());
        assertEquals("10.0.0.2", p1.mpcListen().getHostString(), "the MPC listener binds the role's own address only");
        assertEquals("0.0.0.0", p1.grpcListen().getHostString(), "clients come from other hosts");
        assertEquals("10.0.0.4", p1.mpcPeers().get(3).getHostString());
        assertEquals(20_000, p1.receiveTimeout().toMillis());
        assertEquals(out.resolve("party-1/model.share").toAbsolutePath(), p1.modelShare().toAbsolutePath());
        TlsCredentials c = p1.tls();
        assertEquals("party-1", c.commonName());
        c.certificate().verify(c.ca().getPublicKey());
        assertTrue(c.certificate().getSubjectAlternativeNames().toString().contains("10.0.0.2"));
        RoleConfig dealer = RoleConfig.load(out.resolve("dealer/role.properties"));
        assertTrue(dealer.dealer());
        assertEquals("dealer", dealer.tls().commonName());
        assertTrue(Files.exists(out.resolve("client/cert.pem")));
    }

    @Test
    void everyCommandsHelpWorksWithoutItsRequiredOptions() {
        for (String command : Sturdy.commandLine().getSubcommands().keySet()) {
            CliRun r = CliRun.with(Sturdy.commandLine(), command, "--help");
            assertEquals(0, r.exitCode(), command + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: sturdy " + command), command + ": " + r.out());
        }
    }

    @Test
    void aQueryNobodyAnswersIsOneErrorLineAndExitCodeOne() throws Exception {
        Path out = dir.resolve("dep");
        assertEquals(0, CliRun.with(Sturdy.commandLine(), "certs", "--hosts", "127.0.0.1", "--out", out.toString()).exitCode());
        int[] ports = {FreePorts.range(2), 0};
        CliRun r = CliRun.with(Sturdy.commandLine(), "query", "--parties", "127.0.0.1:" + ports[0] + ",127.0.0.1:"
                + (ports[0] + 1), "--client-dir", out.resolve("client").toString(), "--data",
                "idx:" + TestData.fashionMnist(), "--limit", "1", "--timeout", "5");
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
        assertTrue(r.err().startsWith("sturdy query: "), r.err());
    }

    @Test
    void certsAddClientCertifiesAnotherClientWithTheDeploymentsCa() throws Exception {
        Path out = dir.resolve("dep");
        assertEquals(0, CliRun.with(Sturdy.commandLine(), "certs", "--hosts", "127.0.0.1", "--out", out.toString()).exitCode());
        assertEquals("127.0.0.1", RoleConfig.load(out.resolve("party-0/role.properties")).grpcListen().getHostString(),
                "a loopback deployment's client API listens on loopback only");
        CliRun r = CliRun.with(Sturdy.commandLine(), "certs", "--add-client", "app-1", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path c = out.resolve("client-app-1");
        TlsCredentials app = TlsCredentials.load(c.resolve("cert.pem"), c.resolve("key.pem"), c.resolve("ca.pem"));
        assertEquals("app-1", app.commonName());
        app.certificate().verify(DeploymentWriter.client(out).ca().getPublicKey());
        CliRun again = CliRun.with(Sturdy.commandLine(), "certs", "--add-client", "app-1", "--out", out.toString());
        assertTrue(again.exitCode() != 0 && again.err().contains("was certified already"), again.err());
        CliRun role = CliRun.with(Sturdy.commandLine(), "certs", "--add-client", "party-0", "--out", out.toString());
        assertTrue(role.exitCode() != 0 && role.err().contains("not a role's name"), role.err());
    }

    /** Without fraction bits, certs and share give f = max(22, B + 8); too few for B is refused in one line. */
    @Test
    void fractionBitsFollowFromBUnlessGivenAndTooFewAreRefused() throws Exception {
        Path out = dir.resolve("dep");
        CliRun certs = CliRun.with(Sturdy.commandLine(), "certs", "--hosts", "localhost", "--precision", "16", "--out",
                out.toString());
        assertEquals(0, certs.exitCode(), certs.err());
        assertEquals(24, RoleConfig.load(out.resolve("party-0/role.properties")).fixedBits());
        Path model = dir.resolve("m.model");
        ModelFiles.write(DemoModel.untrained(new Shape(1, 6, 6), 3, 5), model);
        CliRun share = CliRun.with(Sturdy.commandLine(), "share", "--model", model.toString(), "--beta", "16", "--out",
                out.toString());
        assertEquals(0, share.exitCode(), share.err());
        assertEquals(24, ModelShareFile.load(out.resolve("party-1/model.share")).fractionalBits());

        CliRun few = CliRun.with(Sturdy.commandLine(), "share", "--model", model.toString(), "--beta", "12",
                "--fraction-bits", "16", "--out", dir.resolve("few").toString());
        assertEquals(SturdyCli.BAD_INPUT, few.exitCode(), few.err());
        assertTrue(few.err().contains("B = 12 needs at least f = 20 fraction bits, not 16") && few.err().lines().count() == 1,
                few.err());
        CliRun beyond = CliRun.with(Sturdy.commandLine(), "certs", "--hosts", "localhost", "--precision", "17", "--out",
                dir.resolve("beyond").toString());
        assertEquals(SturdyCli.BAD_INPUT, beyond.exitCode(), beyond.err());
        assertTrue(beyond.err().contains("B = 17 needs at least f = 25 fraction bits, more than the 24"), beyond.err());
    }

    @Test
    void certsRefusesToOverwriteADeploymentInOneLine() throws Exception {
        Files.writeString(dir.resolve("keep.txt"), "x");
        CliRun r = CliRun.with(Sturdy.commandLine(), "certs", "--hosts", "localhost", "--out", dir.toString());
        assertEquals(SturdyCli.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("is not an empty directory") && r.err().lines().count() == 1, r.err());
    }

    @Test
    void aBrokenRoleConfigIsOneLineNamingTheKey() throws Exception {
        Path cfg = dir.resolve("role.properties");
        Files.writeString(cfg, "role=party\nid=0\nparties=2\nmpc.listen=0.0.0.0:7100\n");
        CliRun r = CliRun.with(Sturdy.commandLine(), "party", "--config", cfg.toString());
        assertEquals(SturdyCli.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("missing 'mpc.peers'") && r.err().lines().count() == 1, r.err());
    }
}
