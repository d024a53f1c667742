package dev.sturdy.party.cli;

import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.Model;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.party.compute.ModelShareFile;
import java.nio.file.Path;
import java.security.SecureRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sturdy share}: the model owner splits a model file into one share file per role. */
@Command(name = "share", mixinStandardHelpOptions = true,
        description = "Split a model into additive weight shares: writes DIR/party-i/model.share (the public structure "
                + "and party i's shares) and DIR/dealer/model.share (the structure only, no weights). Copy each "
                + "file to its role's host; keep the model file itself off them.")
public final class ShareCommand extends PrintingCommand {
    @Option(names = "--model", required = true, description = "Model file (.model).")
    private Path model;

    @Option(names = "--parties", defaultValue = "2", description = "Compute parties: 2 or 3 (default: ${DEFAULT-VALUE}).")
    private int parties;

    @Option(names = "--beta", defaultValue = "9", description = "Precision B of the PANN activations; 0 = exact ReLU (default: ${DEFAULT-VALUE}).")
    private int beta;

    @Option(names = "--fraction-bits", description = "Fractional bits f of activations and inputs"
            + FixedPointPolicy.DEFAULT_F_DESCRIPTION)
    private int fractionBits;

    @Option(names = "--out", required = true, description = "Deployment directory (e.g. the one 'sturdy certs' wrote).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        int f = FixedPointPolicy.activationBits(beta, fractionBits);
        Model m = ModelFiles.read(model);
        ModelShareFile.writeSplit(m, parties, beta, f, out, new SecureRandom());
        out().printf("%s split for %d compute parties (B=%d, f=%d): %s/party-*/%s, %s/dealer/%s (structure only)%n",
                m.name(), parties, beta, f, out, ModelShareFile.FILE_NAME, out, ModelShareFile.FILE_NAME);
        return 0;
    }
}
