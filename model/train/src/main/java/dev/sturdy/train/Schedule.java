package dev.sturdy.train;

import java.util.Locale;

/** Learning-rate schedules: the paper's steps (x0.1 at 50% and 75% of the epochs) or cosine annealing per step. */
public enum Schedule {
    PAPER, COSINE;

    public static Schedule parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown schedule '" + name + "'; expected paper or cosine");
        }
    }

    /** The learning rate for this step (0-based) of this epoch (0-based). */
    public double rate(double base, int epoch, int step, int stepsPerEpoch, int epochs) {
        if (this == PAPER) {
            double factor = epoch >= 0.75 * epochs ? 0.01 : epoch >= 0.5 * epochs ? 0.1 : 1;
            return base * factor;
        }
        double t = (epoch + (double) step / stepsPerEpoch) / epochs;
        return base * 0.5 * (1 + Math.cos(Math.PI * t));
    }
}
