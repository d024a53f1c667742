package dev.sturdy.net.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
    @TempDir
    Path dir;

    @Test
    void roleCredentialsSurviveAPemRoundTripAndChainToTheCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("test CA", new SecureRandom());
        TlsCredentials c = ca.issue(RoleNames.of(1, 2), List.of("localhost", "10.0.0.7"));
        c.save(dir.resolve("cert.pem"), dir.resolve("key.pem"), dir.resolve("ca.pem"));
        assertTrue(Files.readString(dir.resolve("key.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));
        TlsCredentials back = TlsCredentials.load(dir.resolve("cert.pem"), dir.resolve("key.pem"), dir.resolve("ca.pem"));
        assertArrayEquals(c.key().getEncoded(), back.key().getEncoded());
        assertEquals("party-1", back.commonName());
        back.certificate().verify(ca.certificate().getPublicKey());
        assertEquals(2, back.certificate().getSubjectAlternativeNames().size());

        ca.save(dir.resolve("ca2.pem"), dir.resolve("ca2.key"));
        CertificateAuthority again = CertificateAuthority.load(dir.resolve("ca2.pem"), dir.resolve("ca2.key"), new SecureRandom());
        again.issue("dealer", List.of("localhost")).certificate().verify(ca.certificate().getPublicKey());
    }
}
