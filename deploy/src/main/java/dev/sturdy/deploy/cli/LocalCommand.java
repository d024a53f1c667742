package dev.sturdy.deploy.cli;

import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.deploy.LocalDeployment;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.party.cli.PrintingCommand;
import dev.sturdy.party.samples.DemoModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sturdy local}: a whole deployment on this machine, every role its own OS process on
 * loopback with TLS, serving until Ctrl-C (which stops every process).
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Start the dealer and every compute party as separate processes on loopback with a model's "
                + "shares, wait until they serve, print how to query them ('sturdy query'), serve until Ctrl-C.")
public final class LocalCommand extends PrintingCommand {
    @Option(names = "--parties", defaultValue = "2", description = "Compute parties: 2 or 3 (default: ${DEFAULT-VALUE}).")
    private int parties;

    @Option(names = "--model", description = "Model file (default: the demo model).")
    private Path model;

    @Option(names = "--beta", defaultValue = "9", description = "Precision B (default: ${DEFAULT-VALUE}).")
    private int beta;

    @Option(names = "--fraction-bits", description = "Fractional bits f of activations and inputs"
            + FixedPointPolicy.DEFAULT_F_DESCRIPTION)
    private int fractionBits;

    @Option(names = "--out", description = "Directory for certificates, configs, shares and logs (default: a new temporary one).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        if (parties < 2 || parties > 3) {
            throw new IllegalArgumentException("--parties must be 2 or 3, not " + parties);
        }
        Path dir = out != null ? Files.createDirectories(out) : Files.createTempDirectory("sturdy-local-");
        try (LocalDeployment d = LocalDeployment.start(dir, model == null ? DemoModel.load() : ModelFiles.read(model),
                parties, beta, FixedPointPolicy.activationBits(beta, fractionBits), Duration.ofSeconds(30), s -> System.err.println("sturdy local: " + s))) {
            String addresses = d.parties().stream().map(a -> a.getHostString() + ":" + a.getPort())
                    .collect(Collectors.joining(","));
            out().println("serving; query with: sturdy query --parties " + addresses + " --client-dir "
                    + dir.resolve("client") + " --image x.png");
            out().println("Ctrl-C stops every role");
            out().flush();
            Thread.currentThread().join();
            return 0;
        }
    }
}
