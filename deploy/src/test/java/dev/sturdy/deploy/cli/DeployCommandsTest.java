package dev.sturdy.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sturdy.net.tls.TlsCredentials;
import dev.sturdy.party.cli.CliRun;
import dev.sturdy.party.cli.SturdyCli;
import dev.sturdy.party.config.RoleConfig;
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
