package dev.sturdy.net.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/** One role's TLS identity: its private key and certificate, and the deployment CA it trusts (only). */
public record TlsCredentials(PrivateKey key, X509Certificate certificate, X509Certificate ca) {

    public static TlsCredentials load(Path certificate, Path key, Path ca) throws IOException {
        return new TlsCredentials(Pem.readPrivateKey(key), Pem.readCertificate(certificate), Pem.readCertificate(ca));
    }

    public void save(Path certificate, Path key, Path ca) throws IOException {
        Pem.writeCertificate(certificate, this.certificate);
        Pem.writePrivateKey(key, this.key);
        Pem.writeCertificate(ca, this.ca);
    }

    /** The common name of this role's certificate (the role name). */
    public String commonName() {
        return commonName(certificate);
    }

    public static String commonName(X509Certificate cert) {
        String dn = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
        for (String part : dn.split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return "";
    }

    /** The common name of the certificate a TLS peer presented, or null when it presented none. */
    public static String peerName(SSLSession session) {
        try {
            return commonName((X509Certificate) session.getPeerCertificates()[0]);
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "TlsCredentials[" + commonName() + "]"; // never the key
    }
}
