package dev.sturdy.model.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import javax.imageio.ImageIO;

/**
 * A line plot for papers, drawn with Java2D into a PNG at twice its size in points:
 * <pre>
 * new LinePlot().title("ResNet-20, CIFAR-10").xLabel("precision B").yLabel("accuracy (%)")
 *     .series("sturdy", b, acc).dashedSeries("weight decay 1e-4", b, acc2)
 *     .referenceLine(91.5, "backbone 91.5%").writePng(Path.of("acc.png"));
 * </pre>
 * Series get distinct colour-blind-safe colours (Okabe and Ito) and marker shapes in the order
 * they are added; the legend sits below the axes so it never covers data.
 */
public final class LinePlot {

    /** Okabe-Ito colours, the pale yellow last because it is hard to see on white. */
    private static final Color[] COLOURS = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442),
    };

    private String title = "";
    private String xLabel = "";
    private String yLabel = "";
    private double[] xRange;
    private double[] yRange;
    private boolean logY;
    private int width = 800;
    private int height = 500;
    private final List<Series> series = new ArrayList<>();
    private final List<ReferenceLine> references = new ArrayList<>();

    public LinePlot title(String text) {
        title = text;
        return this;
    }

    public LinePlot xLabel(String text) {
        xLabel = text;
        return this;
    }

    public LinePlot yLabel(String text) {
        yLabel = text;
        return this;
    }

    /** Fixes the x range instead of fitting it to the data. */
    public LinePlot xRange(double min, double max) {
        xRange = range(min, max, false);
        return this;
    }

    /** Fixes the y range instead of fitting it to the data. */
    public LinePlot yRange(double min, double max) {
        yRange = range(min, max, logY);
        return this;
    }

    /** Logarithmic y axis (base 10); all y values must then be positive. */
    public LinePlot logY() {
        logY = true;
        if (yRange != null) {
            range(yRange[0], yRange[1], true); // a range set earlier must also suit a log axis
        }
        return this;
    }

    /** Size in points; the PNG has two pixels per point. Default 800 x 500. */
    public LinePlot size(int widthPoints, int heightPoints) {
        if (widthPoints < 200 || heightPoints < 150) {
            throw new IllegalArgumentException("plot size " + widthPoints + "x" + heightPoints + "; expected at least 200x150 points");
        }
        width = widthPoints;
        height = heightPoints;
        return this;
    }

    /** A solid line with markers; NaN values leave gaps; an empty name keeps it out of the legend. */
    public LinePlot series(String name, double[] x, double[] y) {
        return add(name, x, y, false);
    }

    /** As {@link #series}, drawn dashed. */
    public LinePlot dashedSeries(String name, double[] x, double[] y) {
        return add(name, x, y, true);
    }

    /** A dotted horizontal line across the plot, labelled at whichever end keeps the label off the data. */
    public LinePlot referenceLine(double y, String label) {
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("reference line '" + label + "' at " + y + "; expected a finite value");
        }
        references.add(new ReferenceLine(y, label));
        return this;
    }

    public BufferedImage render() {
        // Plots are drawn on servers and in tests; there is never a display to open.
        System.setProperty("java.awt.headless", "true");
        if (logY) {
            checkPositive();
        }
        Axis x = Axis.linear(min(true), max(true), xRange, allIntegers(), Math.max(3, width / 75));
        Axis y = logY
                ? Axis.log(min(false), max(false), yRange)
                : Axis.linear(min(false), max(false), yRange, false, Math.max(3, height / 55));
        return new PlotRenderer(title, xLabel, yLabel, x, y, series, references, width, height).render();
    }

    public void writePng(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            ImageIO.write(render(), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file, e);
        }
    }

    private LinePlot add(String name, double[] x, double[] y, boolean dashed) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values and " + y.length
                    + " y values; expected as many of each");
        }
        int i = series.size();
        // Past eight series the markers shift by one, so no colour-marker pair repeats before 64.
        Marker marker = Marker.values()[(i + i / COLOURS.length) % Marker.values().length];
        series.add(new Series(name, x.clone(), y.clone(), COLOURS[i % COLOURS.length], marker, dashed));
        return this;
    }

    private void checkPositive() {
        for (Series s : series) {
            for (double v : s.y()) {
                if (v <= 0) {
                    throw new IllegalArgumentException("log-scale y axis: value " + v + " of series '" + s.name()
                            + "' is not positive");
                }
            }
        }
    }

    private static double[] range(double min, double max, boolean log) {
        if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max) || (log && min <= 0)) {
            throw new IllegalArgumentException("axis range [" + min + ", " + max + "]; expected finite min < max"
                    + (log ? ", both positive on a log axis" : ""));
        }
        return new double[] {min, max};
    }

    private boolean allIntegers() {
        return series.stream().allMatch(s -> Arrays.stream(s.x()).allMatch(v -> !Double.isFinite(v) || v == Math.rint(v)));
    }

    /** The smallest finite x (or y) of all series and reference lines (y only); 0 when there is none. */
    private double min(boolean ofX) {
        return values(ofX).min().orElse(logY && !ofX ? 1 : 0);
    }

    private double max(boolean ofX) {
        return values(ofX).max().orElse(logY && !ofX ? 10 : 1);
    }

    private DoubleStream values(boolean ofX) {
        DoubleStream data = series.stream()
                .flatMapToDouble(s -> Arrays.stream(ofX ? s.x() : s.y()))
                .filter(Double::isFinite);
        return ofX ? data : DoubleStream.concat(data,
                references.stream().mapToDouble(ReferenceLine::y).filter(v -> !logY || v > 0));
    }
}
