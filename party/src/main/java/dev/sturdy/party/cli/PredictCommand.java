package dev.sturdy.party.cli;

import dev.sturdy.model.Model;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.io.NamedArray;
import dev.sturdy.model.io.Npy;
import dev.sturdy.party.client.PlainReference;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sturdy predict}: plaintext logits of a batch in a .npy file, the backbone or the PANN at
 * B, so that a user can compare an imported model with their own framework's outputs.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Plaintext logits of an N x C x H x W float32 .npy batch: the backbone, or the PANN at B.")
final class PredictCommand extends PrintingCommand {
    @Option(names = "--model", required = true, description = "Model file.")
    private Path modelFile;

    @Option(names = "--input", required = true, description = "N x C x H x W .npy array (float32 or float64): the "
            + "network's input as your framework feeds it, i.e. already normalised, unless --pixels.")
    private Path input;

    @Option(names = "--pixels", description = "The input holds pixels in [0, 1]: apply the model's normalisation first.")
    private boolean pixels;

    @Option(names = "--beta", defaultValue = "0", description = "PANN at precision B; 0 for the backbone (exact "
            + "ReLU; default: ${DEFAULT-VALUE}).")
    private int beta;

    @Option(names = "--out", required = true, description = "Where to write the N x classes float32 logits (.npy).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Model model = ModelFiles.read(modelFile);
        NamedArray x = Npy.read(input);
        Shape shape = model.graph().input();
        int[] s = x.shape();
        if (s.length != 4 || s[1] != shape.channels() || s[2] != shape.height() || s[3] != shape.width() || s[0] < 1) {
            throw new IllegalArgumentException(input + " has shape " + Arrays.toString(s) + "; the model takes N x "
                    + shape.channels() + " x " + shape.height() + " x " + shape.width());
        }
        int n = s[0];
        double[] values = new double[x.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = x.values()[i];
        }
        if (pixels) {
            for (int b = 0; b < n; b++) {
                model.normalization().apply(values, b * shape.size(), shape.height() * shape.width());
            }
        }
        double[] logits = new PlainReference(model, beta).logits(values, n);
        float[] f = new float[logits.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) logits[i];
        }
        Npy.writeFloat32(out, new int[] {n, model.numClasses()}, f);
        out().printf("wrote %s: %d x %d logits (%s)%n", out, n, model.numClasses(),
                beta == 0 ? "backbone" : "PANN at B = " + beta + ", bound " + plain(model.pann().bound()));
        return 0;
    }
}
