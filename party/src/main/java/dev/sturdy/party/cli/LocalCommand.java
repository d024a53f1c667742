package dev.sturdy.party.cli;

import dev.sturdy.party.client.SturdyClient;
import dev.sturdy.party.deploy.DemoLinearModel;
import dev.sturdy.party.deploy.DeploymentWriter;
import dev.sturdy.party.deploy.FreePorts;
import dev.sturdy.party.deploy.LocalCluster;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sturdy local}: a whole deployment on this machine, every role its own OS process on
 * loopback with TLS, queried through the client library; stops every process when done.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Start the dealer and every compute party as separate processes on loopback, wait until they "
                + "serve, run queries of the stand-in linear model through gRPC against the exact plaintext answer, "
                + "and stop them.")
public final class LocalCommand implements Callable<Integer> {
    private static final int[] INPUT_SHAPE = {1, 4, 4};
    private static final int F = 16;

    @Option(names = "--parties", defaultValue = "2", description = "Compute parties: 2 or 3 (default: ${DEFAULT-VALUE}).")
    private int parties;

    @Option(names = "--out", description = "Directory for certificates, configs and logs (default: a new temporary one).")
    private Path out;

    @Option(names = "--queries", defaultValue = "3", description = "Queries to run (default: ${DEFAULT-VALUE}).")
    private int queries;

    @Option(names = "--keep", description = "Keep serving after the queries until Ctrl-C.")
    private boolean keep;

    @Override
    public Integer call() throws Exception {
        if (parties < 2 || parties > 3) {
            throw new IllegalArgumentException("--parties must be 2 or 3, not " + parties);
        }
        Path dir = out != null ? Files.createDirectories(out) : Files.createTempDirectory("sturdy-local-");
        int base = FreePorts.range(2 * (parties + 1));
        DeploymentWriter.Layout layout = new DeploymentWriter.Layout(parties, List.of("127.0.0.1"), base,
                base + parties + 1, 9, F, 16, Duration.ofSeconds(30), Duration.ofSeconds(60));
        DeploymentWriter.write(layout, dir, new SecureRandom());
        DemoLinearModel model = new DemoLinearModel(INPUT_SHAPE, 5, F, 42);
        model.writeShares(dir, parties, new SecureRandom());
        List<InetSocketAddress> grpc = new ArrayList<>();
        for (int p = 0; p < parties; p++) {
            grpc.add(new InetSocketAddress("127.0.0.1", layout.grpcBasePort() + p));
        }
        System.out.println("sturdy local: " + parties + " compute parties and the dealer as processes, files in " + dir);
        try (LocalCluster cluster = LocalCluster.start(dir, parties)) {
            long t0 = System.nanoTime();
            cluster.awaitHealthy(grpc, DeploymentWriter.client(dir), Duration.ofSeconds(90));
            System.out.printf("all roles serving after %.1f s%n", (System.nanoTime() - t0) / 1e9);
            int agree = 0;
            try (SturdyClient client = new SturdyClient(grpc, DeploymentWriter.client(dir), Duration.ofSeconds(60))) {
                for (int q = 0; q < queries; q++) {
                    double[] x = model.randomInput(1, q);
                    SturdyClient.Answer a = client.infer(x, 1);
                    double[] want = model.expected(x, 1);
                    boolean same = argmax(a.logits()) == argmax(want);
                    agree += same ? 1 : 0;
                    var cost = a.costs().get(0);
                    System.out.printf("query %d: class %d (plaintext %d) %s; party 0: %d rounds, %d B sent, %.3f s%n",
                            q, argmax(a.logits()), argmax(want), same ? "agree" : "DIFFER", cost.getRounds(),
                            cost.getBytesSent(), cost.getSeconds());
                }
            }
            System.out.println(agree + "/" + queries + " queries agree with the plaintext model");
            if (keep) {
                System.out.println("serving on " + grpc + "; Ctrl-C stops every role");
                Thread.currentThread().join();
            }
            return agree == queries ? 0 : 1;
        }
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
