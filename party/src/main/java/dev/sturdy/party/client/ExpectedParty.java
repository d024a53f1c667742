package dev.sturdy.party.client;

import dev.sturdy.net.tls.RoleNames;
import dev.sturdy.net.tls.TlsCredentials;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client's trust in the server at one address: a certificate from the deployment CA (only)
 * that names compute party {@code id}. Checked in every TLS handshake of the channel, reconnections
 * included, so share i cannot reach another party even when every role's certificate carries the
 * same host (one machine) and the client was given an address twice or in the wrong order.
 */
final class ExpectedParty extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager ca;
    private final String name;
    private final String address;

    private ExpectedParty(X509ExtendedTrustManager ca, int id, int parties, InetSocketAddress address) {
        this.ca = ca;
        this.name = RoleNames.of(id, parties);
        this.address = where(address);
    }

    /** The client's TLS 1.3 context for the channel to compute party {@code id} of {@code parties}. */
    static SslContext sslContext(TlsCredentials c, int id, int parties, InetSocketAddress address) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("ca", c.ca());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            var trust = new ExpectedParty((X509ExtendedTrustManager) tmf.getTrustManagers()[0], id, parties, address);
            return GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                    .keyManager(c.key(), c.certificate()).trustManager(trust).protocols("TLSv1.3").build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot build the TLS context for " + where(address) + ": " + e.getMessage(), e);
        }
    }

    static String where(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    /** Thrown in the handshake when the server is another role; its message is the client's error. */
    static final class WrongParty extends CertificateException {
        WrongParty(String message) {
            super(message);
        }
    }

    private void requireName(X509Certificate[] chain) throws WrongParty {
        String cn = TlsCredentials.commonName(chain[0]);
        if (!cn.equals(name)) {
            throw new WrongParty(address + " is " + cn + ", not " + name
                    + ": give each compute party's address once, in id order");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        ca.checkServerTrusted(chain, authType, engine);
        requireName(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        ca.checkServerTrusted(chain, authType, socket);
        requireName(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        ca.checkServerTrusted(chain, authType);
        requireName(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a client's trust manager does not check clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a client's trust manager does not check clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client's trust manager does not check clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return ca.getAcceptedIssuers();
    }
}
