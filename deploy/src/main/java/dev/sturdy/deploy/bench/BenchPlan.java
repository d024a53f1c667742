package dev.sturdy.deploy.bench;

import dev.sturdy.deploy.DeploymentWriter;
import dev.sturdy.model.json.Json;
import dev.sturdy.net.LinkEmulation;
import dev.sturdy.net.TransportConfig;
import dev.sturdy.net.tls.TlsCredentials;
import dev.sturdy.party.config.RoleConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every bench role process reads ({@code plan.json} in the bench directory): the roles'
 * addresses, TLS or not (certificates in the role directories {@link DeploymentWriter} wrote),
 * the emulated link, and the jobs in the order all roles run them.
 */
public record BenchPlan(int parties, boolean tls, List<InetSocketAddress> addresses, double delayMillis,
                        double bandwidthMbit, List<BenchJob> jobs) {
    public static final String FILE = "plan.json";
    private static final Duration RECEIVE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    public LinkEmulation link() {
        return LinkEmulation.of(delayMillis, bandwidthMbit);
    }

    /** Role {@code id}'s transport configuration; {@code dir} is the bench directory. */
    TransportConfig transport(Path dir, int id) throws IOException {
        TlsCredentials creds = null;
        if (tls) {
            Path r = DeploymentWriter.roleDir(dir, id, parties);
            creds = TlsCredentials.load(r.resolve("cert.pem"), r.resolve("key.pem"), r.resolve("ca.pem"));
        }
        InetSocketAddress bind = new InetSocketAddress("127.0.0.1", addresses.get(id).getPort());
        return new TransportConfig(id, parties, bind, addresses, creds, RECEIVE_TIMEOUT, START_TIMEOUT, link());
    }

    void save(Path dir) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parties", (long) parties);
        m.put("tls", tls);
        m.put("addresses", addresses.stream().map(RoleConfig::hostPort).toList());
        m.put("delayMillis", delayMillis);
        m.put("bandwidthMbit", bandwidthMbit);
        m.put("jobs", jobs.stream().map(BenchJob::toMap).toList());
        Files.writeString(dir.resolve(FILE), Json.pretty(m), StandardCharsets.UTF_8);
    }

    static BenchPlan load(Path dir) throws IOException {
        Map<?, ?> m = (Map<?, ?>) Json.parse(Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8));
        List<InetSocketAddress> addrs = new ArrayList<>();
        for (Object a : (List<?>) m.get("addresses")) {
            addrs.add(RoleConfig.address((String) a, "addresses"));
        }
        List<BenchJob> jobs = new ArrayList<>();
        for (Object j : (List<?>) m.get("jobs")) {
            jobs.add(BenchJob.fromMap((Map<?, ?>) j));
        }
        return new BenchPlan(BenchJob.integer(m, "parties"), (Boolean) m.get("tls"), addrs,
                ((Number) m.get("delayMillis")).doubleValue(), ((Number) m.get("bandwidthMbit")).doubleValue(), jobs);
    }
}
