package dev.sturdy.net.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM files of certificates and private keys (PKCS#8), read and written with Bouncy Castle. */
public final class Pem {
    private Pem() {
    }

    public static String toPem(Object certificateOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            if (certificateOrKey instanceof PrivateKey k) {
                w.writeObject(new JcaPKCS8Generator(k, null)); // PKCS#8 "PRIVATE KEY", not the legacy EC form
            } else {
                w.writeObject(certificateOrKey);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void writeCertificate(Path file, X509Certificate cert) throws IOException {
        Files.writeString(file, toPem(cert));
    }

    /** Writes a private key readable by its owner only from its creation (where the file system has POSIX permissions). */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        Files.writeString(OwnerOnly.createFile(file), toPem(key));
    }

    public static X509Certificate readCertificate(Path file) throws IOException {
        Object o = parse(file);
        if (!(o instanceof X509CertificateHolder h)) {
            throw new IOException(file + ": not a PEM certificate");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(h);
        } catch (CertificateException e) {
            throw new IOException(file + ": unreadable certificate: " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        Object o = parse(file);
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        if (o instanceof PrivateKeyInfo info) {
            return conv.getPrivateKey(info);
        }
        if (o instanceof PEMKeyPair pair) {
            return conv.getKeyPair(pair).getPrivate();
        }
        throw new IOException(file + ": not an unencrypted PEM private key");
    }

    private static Object parse(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (o == null) {
                throw new IOException(file + ": no PEM object found");
            }
            return o;
        }
    }
}
