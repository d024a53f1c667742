package dev.sturdy.model.eval;

/** Accuracy of one activation mode over a sample set, with its range statistics and wall time. */
public record ModeResult(String label, int images, int correct, RangeStats ranges, double seconds) {

    /** Accuracy in percent. */
    public double accuracy() {
        return images == 0 ? Double.NaN : 100.0 * correct / images;
    }
}
