package dev.sturdy.deploy.cli;

import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.deploy.DeploymentWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sturdy certs}: a CA, per-role certificates and per-role configs for a list of hosts. */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = {"Write a deployment: a new CA, and for every role its key, certificate and role.properties "
                + "(party-0/, ..., dealer/, client/). Copy each role's directory to its host and put the role's model "
                + "share there as model.share.",
                "With --add-client NAME: certify one more client of the deployment in --out (client-NAME/); each "
                + "client certificate has its own share of a party's concurrent queries (max.queries.per.client)."})
public final class CertsCommand implements Callable<Integer> {
    @Option(names = "--add-client", paramLabel = "NAME",
            description = "Only certify one more client of the existing deployment in --out.")
    private String addClient;

    @Option(names = "--hosts", split = ",",
            description = "One host for all roles, or one per role: parties in id order, then the dealer.")
    private List<String> hosts;

    @Option(names = "--parties", defaultValue = "2", description = "Compute parties: 2 or 3 (default: ${DEFAULT-VALUE}).")
    private int parties;

    @Option(names = "--out", required = true, description = "Directory to create (must not exist or be empty).")
    private Path out;

    @Option(names = "--mpc-port", defaultValue = "7100", description = "MPC port of role 0; role i uses +i (default: ${DEFAULT-VALUE}).")
    private int mpcPort;

    @Option(names = "--grpc-port", defaultValue = "7200", description = "Client API port of party 0; party i uses +i (default: ${DEFAULT-VALUE}).")
    private int grpcPort;

    @Option(names = "--precision", defaultValue = "9", description = "Precision B (default: ${DEFAULT-VALUE}).")
    private int precision;

    @Option(names = "--fixed-bits", description = "Fractional bits f of activations and inputs"
            + FixedPointPolicy.DEFAULT_F_DESCRIPTION)
    private int fixedBits;

    @Option(names = "--max-batch", defaultValue = "16", description = "Largest batch per query (default: ${DEFAULT-VALUE}).")
    private int maxBatch;

    @Option(names = "--timeout", defaultValue = "30", description = "Receive timeout between roles, seconds (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (addClient != null) {
            System.out.println(DeploymentWriter.addClient(out, addClient, new SecureRandom()));
            return 0;
        }
        if (hosts == null) {
            throw new IllegalArgumentException("give --hosts (or --add-client NAME to certify a client of --out)");
        }
        if (Files.exists(out) && (!Files.isDirectory(out) || Files.list(out).findAny().isPresent())) {
            throw new IllegalArgumentException(out + " exists and is not an empty directory (it may hold a CA)");
        }
        DeploymentWriter.Layout layout = new DeploymentWriter.Layout(parties, hosts, mpcPort, grpcPort, precision,
                FixedPointPolicy.activationBits(precision, fixedBits), maxBatch, Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(120));
        List<Path> configs = DeploymentWriter.write(layout, out, new SecureRandom());
        for (Path c : configs) {
            System.out.println(c);
        }
        return 0;
    }
}
