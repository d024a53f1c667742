package dev.sturdy.model.plot;

import java.awt.Color;

/** One curve as drawn: its points (NaN y leaves a gap), colour, marker and line style. */
record Series(String name, double[] x, double[] y, Color colour, Marker marker, boolean dashed) {
}
