package dev.sturdy.party.config;

import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.net.LinkEmulation;
import dev.sturdy.net.TransportConfig;
import dev.sturdy.net.tls.TlsCredentials;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One role's configuration file (Java properties; relative paths are resolved against the file's
 * directory). Keys:
 * <pre>
 * role              party | dealer
 * id                0..parties-1 for a compute party, parties for the dealer
 * parties           number of compute parties (2 or 3)
 * mpc.listen        host:port this role listens on for lower-id roles
 * mpc.peers         host:port of every role, by id, comma separated (dealer last)
 * grpc.listen       host:port of the client API (compute parties)
 * tls.cert, tls.key, tls.ca   this role's certificate and key, the deployment CA (PEM)
 * model.share       this role's model share file ('sturdy share'; the dealer's holds the structure only)
 * precision.b       precision B of the sign approximation
 * fixed.bits        fractional bits f of the fixed-point encoding (default: the f that precision.b needs)
 * max.batch         largest batch a query may carry
 * max.queries, max.queries.per.client   queries a compute party runs at once, in all (default 8)
 *                   and per client certificate (default 4); more are refused with RESOURCE_EXHAUSTED
 * dealer.prepared, dealer.prepared.batch   the dealer: queries of that batch size (default 1) it keeps
 *                   computed ahead while idle (default 1; 0 = serve every query live); memory: one
 *                   query's dealer bytes each
 * metrics.listen    optional host:port of plain-HTTP Prometheus metrics (GET /metrics); absent: off
 * timeout.receive.ms, timeout.start.ms   receive timeout between roles, start-up timeout
 * link.delay.ms, link.bandwidth.mbit     optional emulated one-way delay and bandwidth cap on what this
 *                   role sends (a WAN on one machine; default 0 = off; see net/NOTES.md)
 * </pre>
 */
public record RoleConfig(boolean dealer, int id, int parties, InetSocketAddress mpcListen,
                         List<InetSocketAddress> mpcPeers, InetSocketAddress grpcListen, Path cert, Path key, Path ca,
                         Path modelShare, int precisionB, int fixedBits, int maxBatch, Duration receiveTimeout,
                         Duration startTimeout, LinkEmulation link, int maxQueries, int maxQueriesPerClient,
                         InetSocketAddress metricsListen, int dealerPrepared, int dealerPreparedBatch) {
    public static final int DEFAULT_MAX_QUERIES = 8;
    public static final int DEFAULT_DEALER_PREPARED = 1;
    public static final int DEFAULT_MAX_QUERIES_PER_CLIENT = 4;

    public RoleConfig {
        link = link == null ? LinkEmulation.NONE : link;
        if (maxQueries < 1 || maxQueriesPerClient < 1 || maxQueriesPerClient > maxQueries) {
            throw new IllegalArgumentException("need 1 <= max.queries.per.client <= max.queries, got "
                    + maxQueriesPerClient + " and " + maxQueries);
        }
        if (dealerPrepared < 0) {
            throw new IllegalArgumentException("dealer.prepared must be 0 or more, got " + dealerPrepared);
        }
        if (dealerPreparedBatch < 1 || dealerPreparedBatch > maxBatch) {
            throw new IllegalArgumentException("dealer.prepared.batch must be in 1..max.batch (" + maxBatch + "), got "
                    + dealerPreparedBatch);
        }
    }

    /** With the default query limits. */
    public RoleConfig(boolean dealer, int id, int parties, InetSocketAddress mpcListen, List<InetSocketAddress> mpcPeers,
                      InetSocketAddress grpcListen, Path cert, Path key, Path ca, Path modelShare, int precisionB,
                      int fixedBits, int maxBatch, Duration receiveTimeout, Duration startTimeout, LinkEmulation link) {
        this(dealer, id, parties, mpcListen, mpcPeers, grpcListen, cert, key, ca, modelShare, precisionB, fixedBits,
                maxBatch, receiveTimeout, startTimeout, link, DEFAULT_MAX_QUERIES, DEFAULT_MAX_QUERIES_PER_CLIENT, null,
                DEFAULT_DEALER_PREPARED, 1);
    }

    /** Without link emulation. */
    public RoleConfig(boolean dealer, int id, int parties, InetSocketAddress mpcListen, List<InetSocketAddress> mpcPeers,
                      InetSocketAddress grpcListen, Path cert, Path key, Path ca, Path modelShare, int precisionB,
                      int fixedBits, int maxBatch, Duration receiveTimeout, Duration startTimeout) {
        this(dealer, id, parties, mpcListen, mpcPeers, grpcListen, cert, key, ca, modelShare, precisionB, fixedBits,
                maxBatch, receiveTimeout, startTimeout, LinkEmulation.NONE);
    }

    public static RoleConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            return parse(p, dir);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static RoleConfig parse(Properties p, Path dir) {
        String role = required(p, "role");
        if (!role.equals("party") && !role.equals("dealer")) {
            throw new IllegalArgumentException("role must be 'party' or 'dealer', not '" + role + "'");
        }
        boolean dealer = role.equals("dealer");
        int parties = integer(p, "parties", null);
        if (parties < 2 || parties > 3) {
            throw new IllegalArgumentException("parties must be 2 or 3, not " + parties);
        }
        int id = integer(p, "id", null);
        if (dealer ? id != parties : id < 0 || id >= parties) {
            throw new IllegalArgumentException(dealer ? "the dealer's id must be " + parties
                    : "a compute party's id must be in 0.." + (parties - 1) + ", not " + id);
        }
        List<InetSocketAddress> peers = new ArrayList<>();
        for (String s : required(p, "mpc.peers").split(",")) {
            peers.add(address(s.trim(), "mpc.peers"));
        }
        if (peers.size() != parties + 1) {
            throw new IllegalArgumentException("mpc.peers must list " + (parties + 1) + " addresses (parties, then the dealer), got "
                    + peers.size());
        }
        int b = integer(p, "precision.b", 9);
        return new RoleConfig(dealer, id, parties, address(required(p, "mpc.listen"), "mpc.listen"), List.copyOf(peers),
                dealer ? null : address(required(p, "grpc.listen"), "grpc.listen"),
                dir.resolve(required(p, "tls.cert")), dir.resolve(required(p, "tls.key")), dir.resolve(required(p, "tls.ca")),
                dir.resolve(required(p, "model.share")),
                b, integer(p, "fixed.bits", FixedPointPolicy.activationBitsFor(b)), integer(p, "max.batch", 16),
                Duration.ofMillis(integer(p, "timeout.receive.ms", 30_000)),
                Duration.ofMillis(integer(p, "timeout.start.ms", 60_000)),
                LinkEmulation.of(number(p, "link.delay.ms"), number(p, "link.bandwidth.mbit")),
                integer(p, "max.queries", DEFAULT_MAX_QUERIES),
                integer(p, "max.queries.per.client", DEFAULT_MAX_QUERIES_PER_CLIENT),
                p.getProperty("metrics.listen", "").isBlank() ? null
                        : address(p.getProperty("metrics.listen").trim(), "metrics.listen"),
                integer(p, "dealer.prepared", DEFAULT_DEALER_PREPARED), integer(p, "dealer.prepared.batch", 1));
    }

    /** Writes this configuration; paths are written as given (absolute, or relative to {@code file}'s directory). */
    public void save(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("role", dealer ? "dealer" : "party");
        p.setProperty("id", Integer.toString(id));
        p.setProperty("parties", Integer.toString(parties));
        p.setProperty("mpc.listen", hostPort(mpcListen));
        p.setProperty("mpc.peers", String.join(",", mpcPeers.stream().map(RoleConfig::hostPort).toList()));
        if (!dealer) {
            p.setProperty("grpc.listen", hostPort(grpcListen));
        }
        p.setProperty("model.share", modelShare.toString());
        p.setProperty("tls.cert", cert.toString());
        p.setProperty("tls.key", key.toString());
        p.setProperty("tls.ca", ca.toString());
        p.setProperty("precision.b", Integer.toString(precisionB));
        p.setProperty("fixed.bits", Integer.toString(fixedBits));
        p.setProperty("max.batch", Integer.toString(maxBatch));
        p.setProperty("timeout.receive.ms", Long.toString(receiveTimeout.toMillis()));
        p.setProperty("timeout.start.ms", Long.toString(startTimeout.toMillis()));
        p.setProperty("max.queries", Integer.toString(maxQueries));
        p.setProperty("max.queries.per.client", Integer.toString(maxQueriesPerClient));
        if (dealer) {
            p.setProperty("dealer.prepared", Integer.toString(dealerPrepared));
            p.setProperty("dealer.prepared.batch", Integer.toString(dealerPreparedBatch));
        }
        if (metricsListen != null) {
            p.setProperty("metrics.listen", hostPort(metricsListen));
        }
        if (link.active()) {
            p.setProperty("link.delay.ms", Double.toString(link.oneWayDelay().toNanos() / 1e6));
            p.setProperty("link.bandwidth.mbit", Double.toString(link.bitsPerSecond() / 1e6));
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "Sturdy " + (dealer ? "dealer" : "compute party " + id));
        }
    }

    /** Fails unless the model share file was made for this role with this configuration's f and B. */
    public void requireMatching(int role, int parties, int fractionalBits, int precisionB) {
        if (role != id || parties != this.parties) {
            throw new IllegalArgumentException(modelShare + " is the file of role " + role + " of " + parties
                    + " parties, but this is role " + id + " of " + this.parties);
        }
        if (fractionalBits != fixedBits || precisionB != this.precisionB) {
            throw new IllegalArgumentException(modelShare + " was made with f=" + fractionalBits + ", B=" + precisionB
                    + " but the configuration says fixed.bits=" + fixedBits + ", precision.b=" + this.precisionB);
        }
    }

    public TlsCredentials tls() throws IOException {
        return TlsCredentials.load(cert, key, ca);
    }

    public TransportConfig transport() throws IOException {
        return new TransportConfig(id, parties, mpcListen, mpcPeers, tls(), receiveTimeout, startTimeout, link);
    }

    public static String hostPort(InetSocketAddress a) {
        String h = a.getHostString();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    public static InetSocketAddress address(String s, String key) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(key + ": '" + s + "' is not host:port");
        }
        String host = s.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + s + "' has no numeric port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + ": port " + port + " out of range");
        }
        return new InetSocketAddress(host, port);
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return v.trim();
    }

    /** An optional non-negative number, 0 when absent. */
    private static double number(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be a non-negative number, not '" + v.trim() + "'");
        }
    }

    private static int integer(Properties p, String key, Integer dflt) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            if (dflt == null) {
                throw new IllegalArgumentException("missing '" + key + "'");
            }
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be an integer, not '" + v.trim() + "'");
        }
    }
}
