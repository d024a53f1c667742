package dev.sturdy.model.plot;

/** A horizontal line across the plot at y, with a short label such as "backbone 91.5%". */
record ReferenceLine(double y, String label) {
}
