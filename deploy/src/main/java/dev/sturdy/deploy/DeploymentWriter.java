package dev.sturdy.deploy;

import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.net.tls.CertificateAuthority;
import dev.sturdy.net.tls.OwnerOnly;
import dev.sturdy.net.tls.RoleNames;
import dev.sturdy.net.tls.TlsCredentials;
import dev.sturdy.party.compute.ModelShareFile;
import dev.sturdy.party.config.RoleConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a deployment for a list of hosts: a fresh CA, and per role a directory with its key,
 * certificate (role name as CN, its host as SAN), the CA certificate and its role.properties;
 * plus a client directory with a client certificate. Role i runs on hosts[i] (the dealer on the
 * last); a single host serves every role on distinct ports. The CA key stays in ca/ so more
 * clients can be certified later: keep that directory off the role hosts.
 *
 * <p>Layout: {@code ca/, party-0/, ..., dealer/, client/}; each role directory expects its model
 * share at {@code model.share} (the model owner puts it there with {@code sturdy share}; the dealer's
 * holds the public structure only). Directories are created 0700 and private keys 0600 (on POSIX file systems).
 */
public final class DeploymentWriter {
    public static final String CONFIG = "role.properties";

    /** Ports: MPC listeners at mpcBasePort + id, client API at grpcBasePort + id. */
    public record Layout(int parties, List<String> hosts, int mpcBasePort, int grpcBasePort, int precisionB,
                         int fixedBits, int maxBatch, Duration receiveTimeout, Duration startTimeout) {
        public Layout {
            if (parties < 2 || parties > 3) {
                throw new IllegalArgumentException("parties must be 2 or 3, not " + parties);
            }
            if (hosts.size() != 1 && hosts.size() != parties + 1) {
                throw new IllegalArgumentException("give one host for every role or " + (parties + 1)
                        + " hosts (parties, then the dealer), not " + hosts.size());
            }
            FixedPointPolicy.requireEnoughActivationBits(precisionB, fixedBits);
            hosts = List.copyOf(hosts);
        }

        public String host(int id) {
            return hosts.size() == 1 ? hosts.get(0) : hosts.get(id);
        }

        public InetSocketAddress mpc(int id) {
            return InetSocketAddress.createUnresolved(host(id), mpcBasePort + id);
        }

        public InetSocketAddress grpc(int id) {
            return InetSocketAddress.createUnresolved(host(id), grpcBasePort + id);
        }
    }

    private DeploymentWriter() {
    }

    public static Path roleDir(Path out, int id, int parties) {
        return out.resolve(RoleNames.of(id, parties));
    }

    /** Writes everything under {@code out} and returns each role's config file, by id. */
    public static List<Path> write(Layout layout, Path out, SecureRandom random) throws IOException {
        OwnerOnly.createDirectories(out.resolve("ca"));
        CertificateAuthority ca = CertificateAuthority.create("Sturdy deployment CA", random);
        ca.save(out.resolve("ca/ca.pem"), out.resolve("ca/ca.key"));
        int n = layout.parties();
        List<InetSocketAddress> peers = new ArrayList<>();
        for (int id = 0; id <= n; id++) {
            peers.add(layout.mpc(id));
        }
        List<Path> configs = new ArrayList<>();
        for (int id = 0; id <= n; id++) {
            Path dir = roleDir(out, id, n);
            OwnerOnly.createDirectories(dir);
            String host = layout.host(id);
            List<String> names = host.equals("localhost") || host.equals("127.0.0.1")
                    ? List.of("localhost", "127.0.0.1") : List.of(host);
            ca.issue(RoleNames.of(id, n), names).save(dir.resolve("cert.pem"), dir.resolve("key.pem"), dir.resolve("ca.pem"));
            boolean dealer = id == n;
            // the MPC listener binds only the address the peers dial; the client API all addresses,
            // except on a loopback deployment (sturdy local, demo), where nothing leaves the machine
            InetSocketAddress listen = layout.mpc(id);
            String clientHost = isLoopback(host) ? host : "0.0.0.0";
            RoleConfig cfg = new RoleConfig(dealer, id, n, listen, peers,
                    dealer ? null : InetSocketAddress.createUnresolved(clientHost, layout.grpcBasePort() + id),
                    Path.of("cert.pem"), Path.of("key.pem"), Path.of("ca.pem"), Path.of(ModelShareFile.FILE_NAME),
                    layout.precisionB(), layout.fixedBits(), layout.maxBatch(), layout.receiveTimeout(),
                    layout.startTimeout());
            Path file = dir.resolve(CONFIG);
            cfg.save(file);
            configs.add(file);
        }
        issueClient(ca, "client", out.resolve("client"));
        return configs;
    }

    /**
     * Certifies one more client of a written deployment with its CA: {@code out/client-NAME/}.
     * Each client certificate is its own identity for the parties' per-client query limit.
     */
    public static Path addClient(Path out, String name, SecureRandom random) throws IOException {
        if (!name.matches("[A-Za-z0-9._-]{1,64}") || RoleNames.isRole(name) || name.equals("client")) {
            throw new IllegalArgumentException("client name '" + name + "': use 1-64 letters, digits, '.', '_' or '-', "
                    + "and not a role's name (party-i, dealer) or 'client'");
        }
        Path dir = out.resolve("client-" + name);
        if (Files.exists(dir)) {
            throw new IllegalArgumentException(dir + " exists: client '" + name + "' was certified already");
        }
        CertificateAuthority ca = CertificateAuthority.load(out.resolve("ca/ca.pem"), out.resolve("ca/ca.key"), random);
        issueClient(ca, name, dir);
        return dir;
    }

    private static void issueClient(CertificateAuthority ca, String name, Path dir) throws IOException {
        OwnerOnly.createDirectories(dir);
        ca.issue(name, List.of()).save(dir.resolve("cert.pem"), dir.resolve("key.pem"), dir.resolve("ca.pem"));
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    /** The client's credentials in a written deployment. */
    public static TlsCredentials client(Path out) throws IOException {
        Path c = out.resolve("client");
        return TlsCredentials.load(c.resolve("cert.pem"), c.resolve("key.pem"), c.resolve("ca.pem"));
    }
}
