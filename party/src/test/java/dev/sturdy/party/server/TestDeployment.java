package dev.sturdy.party.server;

import dev.sturdy.party.deploy.DemoLinearModel;
import dev.sturdy.party.deploy.DeploymentWriter;
import dev.sturdy.party.deploy.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A deployment on loopback written to a directory: certificates, configs and a random linear model's shares. */
final class TestDeployment {
    static final int F = 16;

    final int parties;
    final Path dir;
    final List<Path> configs;
    final DeploymentWriter.Layout layout;
    final DemoLinearModel model = new DemoLinearModel(new int[] {3, 2, 2}, 4, F, 7);

    TestDeployment(int parties, Path dir, Duration receiveTimeout) throws IOException {
        this.parties = parties;
        this.dir = dir;
        int base = FreePorts.range(2 * (parties + 1));
        layout = new DeploymentWriter.Layout(parties, List.of("127.0.0.1"), base, base + parties + 1, 9, F, 4,
                receiveTimeout, Duration.ofSeconds(30));
        configs = DeploymentWriter.write(layout, dir, new SecureRandom());
        model.writeShares(dir, parties, new SecureRandom());
    }

    List<InetSocketAddress> grpcAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (int p = 0; p < parties; p++) {
            out.add(new InetSocketAddress("127.0.0.1", layout.grpcBasePort() + p));
        }
        return out;
    }
}
