package dev.sturdy.train;

import java.util.Random;

/**
 * Mixup (Zhang et al. 2018): each batch is mixed with a random permutation of itself,
 * x = l * x + (1 - l) * x[perm] and y = l * y + (1 - l) * y[perm] with one l ~ Beta(a, a) per
 * batch; the loss is the cross-entropy against the mixed soft labels.
 */
public final class Mixup {

    private final BetaSampler beta;
    private final Random random;

    public Mixup(double alpha, Random random) {
        this.beta = new BetaSampler(alpha, random);
        this.random = random;
    }

    /** The mix of one batch: its weight l and the partner of each sample. */
    public record Mix(double lambda, int[] partner) {
    }

    public Mix draw(int batch) {
        int[] perm = new int[batch];
        for (int i = 0; i < batch; i++) {
            perm[i] = i;
        }
        for (int i = batch - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return new Mix(beta.next(), perm);
    }

    /** Mixes the batch's inputs (batch x size values) in place. */
    public static void mixInputs(Mix mix, float[] x, int batch, int size) {
        float[] original = java.util.Arrays.copyOf(x, batch * size);
        float l = (float) mix.lambda();
        for (int i = 0; i < batch; i++) {
            int a = i * size;
            int b = mix.partner()[i] * size;
            for (int j = 0; j < size; j++) {
                x[a + j] = l * original[a + j] + (1 - l) * original[b + j];
            }
        }
    }

    /** Soft labels (batch x classes) of the mixed batch. */
    public static float[] mixLabels(Mix mix, int[] labels, int classes) {
        float[] y = new float[labels.length * classes];
        float l = (float) mix.lambda();
        for (int i = 0; i < labels.length; i++) {
            y[i * classes + labels[i]] += l;
            y[i * classes + labels[mix.partner()[i]]] += 1 - l;
        }
        return y;
    }

    /** One-hot labels: the soft labels of an unmixed batch. */
    public static float[] oneHot(int[] labels, int classes) {
        float[] y = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            y[i * classes + labels[i]] = 1;
        }
        return y;
    }
}
