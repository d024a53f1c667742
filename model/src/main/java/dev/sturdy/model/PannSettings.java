package dev.sturdy.model;

import dev.sturdy.model.graph.ModelException;

/**
 * How the PANN of a model is formed: AppReLU(z) = (z + z * Appsgn(z / bound)) / 2 at precision
 * 2^-beta (beta 0: none chosen, callers pick one).
 */
public record PannSettings(double bound, int beta) {

    public static final double DEFAULT_BOUND = 50;

    public PannSettings {
        if (!(bound > 0) || Double.isInfinite(bound)) {
            throw new ModelException("PANN bound must be positive and finite, got " + bound);
        }
        if (beta < 0) {
            throw new ModelException("PANN precision beta must be >= 0, got " + beta);
        }
    }
}
