package dev.sturdy.party.cli;

import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.Model;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.data.DataSpec;
import dev.sturdy.model.data.Dataset;
import dev.sturdy.model.eval.LabelledImages;
import dev.sturdy.model.data.Samples;
import dev.sturdy.model.eval.AccuracyRun;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.eval.PlainEvaluator;
import dev.sturdy.model.eval.RangeStats;
import dev.sturdy.party.compute.ActivationRange;
import dev.sturdy.party.compute.ModelShareFile;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
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

    @Option(names = "--data", description = "Validation images (KIND:PATH, as in 'sturdy eval'): the PANN at B runs on "
            + "--limit of them and a model whose activation inputs leave [-bound, bound] is refused; the largest "
            + "magnitude is recorded in the share files.")
    private String data;

    @Option(names = "--limit", defaultValue = "500", description = "Images of --data, class-balanced (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--force", description = "Split even if activations leave the bound on --data (with a warning).")
    private boolean force;

    @Override
    public Integer call() throws Exception {
        int f = FixedPointPolicy.activationBits(beta, fractionBits);
        Model m = ModelFiles.read(model);
        if (data != null && beta != 0) {
            m = checkedRange(m).recordIn(m);
        } else if (beta != 0) {
            err().println("warning: activation ranges not checked; give --data with validation images to make sure "
                    + "AppReLU's inputs stay within the bound " + m.pann().bound());
        }
        ModelShareFile.writeSplit(m, parties, beta, f, out, new SecureRandom());
        out().printf("%s split for %d compute parties (B=%d, f=%d): %s/party-*/%s, %s/dealer/%s (structure only)%n",
                m.name(), parties, beta, f, out, ModelShareFile.FILE_NAME, out, ModelShareFile.FILE_NAME);
        return 0;
    }

    /** Runs the PANN at B on --limit images of --data; refuses (unless --force) a model whose AppReLU inputs leave the bound. */
    private ActivationRange checkedRange(Model m) throws Exception {
        Dataset dataset = DataSpec.open(data);
        LabelledImages images = LabelledImages.load(dataset, Samples.classBalanced(dataset, limit, 1), m.graph().input());
        double bound = m.pann().bound();
        RangeStats ranges = new AccuracyRun(new PlainEvaluator(m), Runtime.getRuntime().availableProcessors())
                .run(images, ActivationMode.pann(SignPolynomials.forBeta(beta), bound),
                        new Progress("range B=" + beta, images.count())::update).ranges();
        if (ranges.totalOutside() > 0) {
            String msg = String.format(Locale.ROOT, "%d AppReLU inputs on %d images of %s leave [-%s, %s] (largest "
                            + "|z| %.2f): the secure PANN may give other classes than the model; export the model with a "
                            + "larger bound ('sturdy train --resume --bound'), or split anyway with --force",
                    ranges.totalOutside(), images.count(), data, plain(bound), plain(bound), ranges.largestMagnitude());
            if (!force) {
                throw new IllegalArgumentException(msg);
            }
            err().println("warning: " + msg);
        }
        out().printf(Locale.ROOT, "activation inputs on %d validation images: largest |z| %.2f of the bound %s%n",
                images.count(), ranges.largestMagnitude(), plain(bound));
        return new ActivationRange(ranges.largestMagnitude(), images.count());
    }

}
