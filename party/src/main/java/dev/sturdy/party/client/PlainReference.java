package dev.sturdy.party.client;

import dev.sturdy.model.Model;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.eval.PlainEvaluator;
import java.util.Arrays;

/** The plaintext PANN answer a secure run must agree with: the model owner's check, in double. */
public final class PlainReference {
    private final PlainEvaluator evaluator;
    private final ActivationMode mode;

    /** PANN at precision B with the model's bound; exact ReLU when B = 0 (as the parties run it). */
    public PlainReference(Model model, int precisionB) {
        this.evaluator = new PlainEvaluator(model);
        this.mode = precisionB == 0 ? ActivationMode.BACKBONE
                : ActivationMode.pann(SignPolynomials.forBeta(precisionB), model.pann().bound());
    }

    /** Logits [batch x classes] of a normalised batch [batch x C x H x W]. */
    public double[] logits(double[] normalised, int batch) {
        int size = evaluator.model().graph().input().size(), classes = evaluator.numClasses();
        PlainEvaluator.Workspace ws = evaluator.newWorkspace();
        double[] out = new double[batch * classes];
        double[] one = new double[classes];
        for (int b = 0; b < batch; b++) {
            evaluator.logitsOfNormalised(Arrays.copyOfRange(normalised, b * size, (b + 1) * size), mode, ws, null, one);
            System.arraycopy(one, 0, out, b * classes, classes);
        }
        return out;
    }

    /** Logits of one image of pixel values in [0, 1] (C x H x W), normalised with this model's own normalisation. */
    public double[] logitsOfPixels(double[] pixels) {
        double[] out = new double[evaluator.numClasses()];
        evaluator.logits(pixels, 0, mode, evaluator.newWorkspace(), null, out);
        return out;
    }

    /** Index of the largest of {@code n} values from {@code from}. */
    public static int argmax(double[] v, int from, int n) {
        int best = from;
        for (int i = from + 1; i < from + n; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best - from;
    }
}
