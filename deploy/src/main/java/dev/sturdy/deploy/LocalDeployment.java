package dev.sturdy.deploy;

import dev.sturdy.model.Model;
import dev.sturdy.net.tls.TlsCredentials;
import dev.sturdy.party.compute.ModelShareFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A whole deployment of one model on loopback: certificates, configs and model shares written
 * under a directory, every role started as its own process, ready when every party serves.
 * Closing stops every process.
 */
public final class LocalDeployment implements AutoCloseable {
    private final Path dir;
    private final List<InetSocketAddress> parties;
    private final LocalCluster cluster;
    private final double startSeconds;

    private LocalDeployment(Path dir, List<InetSocketAddress> parties, LocalCluster cluster, double startSeconds) {
        this.dir = dir;
        this.parties = parties;
        this.cluster = cluster;
        this.startSeconds = startSeconds;
    }

    /** Writes and starts the deployment; {@code progress} hears what is happening (it takes tens of seconds). */
    public static LocalDeployment start(Path dir, Model model, int parties, int precisionB, int fractionalBits,
                                        Duration receiveTimeout, Consumer<String> progress)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        int base = FreePorts.range(2 * (parties + 1));
        DeploymentWriter.Layout layout = new DeploymentWriter.Layout(parties, List.of("127.0.0.1"), base,
                base + parties + 1, precisionB, fractionalBits, 16, receiveTimeout, Duration.ofSeconds(90));
        SecureRandom random = new SecureRandom();
        progress.accept("writing certificates, configurations and model shares to " + dir);
        DeploymentWriter.write(layout, dir, random);
        ModelShareFile.writeSplit(model, parties, precisionB, fractionalBits, dir, random);
        List<InetSocketAddress> grpc = new ArrayList<>();
        for (int p = 0; p < parties; p++) {
            grpc.add(new InetSocketAddress("127.0.0.1", layout.grpcBasePort() + p));
        }
        progress.accept("starting the dealer and " + parties + " compute parties as processes (logs: <role>/role.log)");
        LocalCluster cluster = LocalCluster.start(dir, parties);
        try {
            cluster.awaitHealthy(grpc, DeploymentWriter.client(dir), Duration.ofSeconds(120));
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.accept(String.format("all roles serving after %.1f s", seconds));
        return new LocalDeployment(dir, List.copyOf(grpc), cluster, seconds);
    }

    public List<InetSocketAddress> parties() {
        return parties;
    }

    public TlsCredentials client() throws IOException {
        return DeploymentWriter.client(dir);
    }

    public Path dir() {
        return dir;
    }

    public LocalCluster cluster() {
        return cluster;
    }

    /** From writing the files to every party serving. */
    public double startSeconds() {
        return startSeconds;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
