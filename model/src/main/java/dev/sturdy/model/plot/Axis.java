package dev.sturdy.model.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One axis: its range, where its ticks go and how they are labelled, and the value-to-fraction map. */
final class Axis {

    /** Free space beyond the data on each side of an automatic range, as a fraction of the data span. */
    private static final double MARGIN = 0.04;

    final double lo;
    final double hi;
    final boolean log;
    final List<Double> ticks;
    final List<TickLabel> labels;
    /** Unlabelled grid positions: 2..9 times a power of ten on log axes, none on linear ones. */
    final List<Double> minorTicks;

    private Axis(double lo, double hi, boolean log, List<Double> ticks, List<TickLabel> labels, List<Double> minorTicks) {
        this.lo = lo;
        this.hi = hi;
        this.log = log;
        this.ticks = ticks;
        this.labels = labels;
        this.minorTicks = minorTicks;
    }

    /** Where v sits between lo (0) and hi (1). */
    double fraction(double v) {
        return log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
    }

    /**
     * A linear axis over [dataMin, dataMax] plus a margin, or over {@code fixed} when given, with
     * about {@code targetTicks} ticks at 1, 2 or 5 times a power of ten; whole-number steps when
     * {@code integer}.
     */
    static Axis linear(double dataMin, double dataMax, double[] fixed, boolean integer, int targetTicks) {
        double lo;
        double hi;
        if (fixed != null) {
            lo = fixed[0];
            hi = fixed[1];
        } else {
            double[] range = widen(dataMin, dataMax);
            double margin = MARGIN * (range[1] - range[0]);
            lo = range[0] - margin;
            hi = range[1] + margin;
        }
        double step = niceStep((hi - lo) / Math.max(1, targetTicks - 1));
        if (integer) {
            step = Math.max(1, step);
        }
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
        List<Double> ticks = new ArrayList<>();
        List<TickLabel> labels = new ArrayList<>();
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * step; k++) {
            double tick = k * step;
            ticks.add(tick);
            // A typographic minus sign, as in print, rather than a hyphen.
            labels.add(TickLabel.plain(String.format(Locale.ROOT, "%." + decimals + "f", tick).replace('-', '\u2212')));
        }
        return new Axis(lo, hi, false, ticks, labels, List.of());
    }

    /**
     * A log-10 axis: ticks at the powers of ten in range when there are at least three, else at
     * 1, 2 and 5 times powers of ten; labels 10^k (or m×10^k), plain numbers between 0.01 and 1000.
     */
    static Axis log(double dataMin, double dataMax, double[] fixed) {
        double lo;
        double hi;
        if (fixed != null) {
            lo = fixed[0];
            hi = fixed[1];
        } else {
            double[] range = widen(Math.log10(dataMin), Math.log10(dataMax));
            double margin = MARGIN * (range[1] - range[0]);
            lo = Math.pow(10, range[0] - margin);
            hi = Math.pow(10, range[1] + margin);
        }
        List<Double> decades = multiplesInRange(lo, hi, new int[] {1});
        List<Double> ticks = decades.size() >= 3 ? decades : multiplesInRange(lo, hi, new int[] {1, 2, 5});
        List<Double> minor = new ArrayList<>(multiplesInRange(lo, hi, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
        minor.removeAll(ticks);
        boolean plain = ticks.stream().allMatch(t -> t >= 0.01 && t <= 1000);
        List<TickLabel> labels = new ArrayList<>();
        for (double tick : ticks) {
            int k = (int) Math.floor(Math.log10(tick) + 1e-9);
            long m = Math.round(tick / Math.pow(10, k));
            labels.add(plain ? TickLabel.plain(new BigDecimal(tick).round(new MathContext(6)).stripTrailingZeros().toPlainString())
                    : TickLabel.power(m == 1 ? "10" : m + "\u00d710", Integer.toString(k)));
        }
        return new Axis(lo, hi, true, ticks, labels, minor);
    }

    /** m * 10^k for each m in {@code mantissas} and every k, within [lo, hi], ascending. */
    private static List<Double> multiplesInRange(double lo, double hi, int[] mantissas) {
        List<Double> values = new ArrayList<>();
        for (int k = (int) Math.floor(Math.log10(lo)); k <= (int) Math.ceil(Math.log10(hi)); k++) {
            for (int m : mantissas) {
                // Parse the decimal text so that 10^-k comes out as the double nearest to it.
                double v = Double.parseDouble(m + "e" + k);
                if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) {
                    values.add(v);
                }
            }
        }
        return values;
    }

    /** The data range, opened up around a single value so the axis has some extent. */
    private static double[] widen(double min, double max) {
        if (min < max) {
            return new double[] {min, max};
        }
        double half = min == 0 ? 1 : Math.abs(min) * 0.1;
        return new double[] {min - half, max + half};
    }

    /** The "nice number" (1, 2 or 5 times a power of ten) closest to {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / power;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * power;
    }
}
