package dev.sturdy.model.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Lays out and draws one line plot; all coordinates are in points, the image has SCALE pixels per point. */
final class PlotRenderer {

    static final int SCALE = 2;

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font AXIS_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font REFERENCE = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color TEXT = new Color(0x222222);
    private static final Color FRAME = new Color(0x444444);
    private static final Color GRID = new Color(0xE2E2E2);
    private static final Color MINOR_GRID = new Color(0xF2F2F2);
    private static final Color REFERENCE_LINE = new Color(0x666666);

    private static final double PAD = 14;
    private static final double TICK_LENGTH = 4;
    private static final double MARKER_SIZE = 7.5;
    private static final double LINE_WIDTH = 1.8;
    private static final double LEGEND_SAMPLE = 30;
    private static final double LEGEND_GAP = 22;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Axis x;
    private final Axis y;
    private final List<Series> series;
    private final List<ReferenceLine> references;
    private final int width;
    private final int height;

    private Graphics2D g;
    private Rectangle2D plot;

    PlotRenderer(String title, String xLabel, String yLabel, Axis x, Axis y, List<Series> series,
            List<ReferenceLine> references, int width, int height) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.x = x;
        this.y = y;
        this.series = series;
        this.references = references;
        this.width = width;
        this.height = height;
    }

    BufferedImage render() {
        BufferedImage image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.scale(SCALE, SCALE);
            g.setColor(Color.WHITE);
            g.fill(new Rectangle2D.Double(0, 0, width, height));
            List<List<Series>> legendRows = legendRows(width - 2 * PAD);
            plot = plotArea(legendRows.size());
            drawGrid();
            drawReferenceLines();
            for (Series s : series) {
                drawSeries(s);
            }
            drawFrameAndTicks();
            drawReferenceLabels();
            drawTexts();
            drawLegend(legendRows);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The data rectangle: what is left after title, axis labels, tick labels and legend. */
    private Rectangle2D plotArea(int legendRowCount) {
        double yTickWidth = 0;
        for (TickLabel label : y.labels) {
            yTickWidth = Math.max(yTickWidth, label.width(g, TICK));
        }
        double left = PAD + (yLabel.isEmpty() ? 0 : height(AXIS_LABEL) + 8) + yTickWidth + TICK_LENGTH + 5;
        double lastXTick = x.labels.isEmpty() ? 0 : x.labels.get(x.labels.size() - 1).width(g, TICK);
        double right = width - Math.max(PAD, lastXTick / 2 + 4);
        double top = PAD + (title.isEmpty() ? 4 : height(TITLE) + 10);
        double bottom = height - PAD - legendRowCount * legendRowHeight() - (legendRowCount > 0 ? 8 : 0)
                - (xLabel.isEmpty() ? 0 : height(AXIS_LABEL) + 4) - height(TICK) - TICK_LENGTH - 4;
        return new Rectangle2D.Double(left, top, right - left, bottom - top);
    }

    private double px(double v) {
        return plot.getX() + x.fraction(v) * plot.getWidth();
    }

    private double py(double v) {
        return plot.getMaxY() - y.fraction(v) * plot.getHeight();
    }

    private void drawGrid() {
        g.setStroke(new BasicStroke(0.6f));
        g.setColor(MINOR_GRID);
        for (double t : y.minorTicks) {
            g.draw(new Line2D.Double(plot.getX(), py(t), plot.getMaxX(), py(t)));
        }
        g.setColor(GRID);
        for (double t : x.ticks) {
            g.draw(new Line2D.Double(px(t), plot.getY(), px(t), plot.getMaxY()));
        }
        for (double t : y.ticks) {
            g.draw(new Line2D.Double(plot.getX(), py(t), plot.getMaxX(), py(t)));
        }
    }

    private void drawReferenceLines() {
        g.setColor(REFERENCE_LINE);
        g.setStroke(new BasicStroke(1.1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 2.5f}, 0f));
        for (ReferenceLine r : references) {
            if (inside(y, r.y())) {
                g.draw(new Line2D.Double(plot.getX(), py(r.y()), plot.getMaxX(), py(r.y())));
            }
        }
    }

    /**
     * Each label goes at the first of: right end above the line, right end below, left end above,
     * left end below, that stays inside the axes and clear of the data; else at the first that fits.
     */
    private void drawReferenceLabels() {
        FontMetrics fm = g.getFontMetrics(REFERENCE);
        g.setFont(REFERENCE);
        for (ReferenceLine r : references) {
            if (!inside(y, r.y()) || r.label().isEmpty()) {
                continue;
            }
            double w = fm.stringWidth(r.label()) + 4;
            double h = fm.getAscent() + fm.getDescent();
            double lineY = py(r.y());
            List<Rectangle2D> candidates = new ArrayList<>();
            for (double left : new double[] {plot.getMaxX() - w - 4, plot.getX() + 4}) {
                candidates.add(new Rectangle2D.Double(left, lineY - 2 - h, w, h));
                candidates.add(new Rectangle2D.Double(left, lineY + 2, w, h));
            }
            candidates.removeIf(box -> !plot.contains(box));
            Rectangle2D box = candidates.stream().filter(c -> !coversData(c)).findFirst()
                    .orElse(candidates.isEmpty() ? null : candidates.get(0));
            if (box == null) {
                continue;
            }
            g.setColor(new Color(255, 255, 255, 210));
            g.fill(box);
            g.setColor(REFERENCE_LINE.darker());
            g.drawString(r.label(), (float) (box.getX() + 2), (float) (box.getY() + fm.getAscent()));
        }
    }

    private boolean coversData(Rectangle2D box) {
        Stroke line = new BasicStroke((float) LINE_WIDTH);
        for (Series s : series) {
            if (line.createStrokedShape(path(s)).intersects(box)) {
                return true;
            }
            double r = MARKER_SIZE / 2;
            Rectangle2D grown = new Rectangle2D.Double(box.getX() - r, box.getY() - r, box.getWidth() + 2 * r,
                    box.getHeight() + 2 * r);
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i]) && grown.contains(px(s.x()[i]), py(s.y()[i]))) {
                    return true;
                }
            }
        }
        return false;
    }

    private void drawSeries(Series s) {
        Shape oldClip = g.getClip();
        g.clip(plot);
        g.setColor(s.colour());
        g.setStroke(lineStroke(s.dashed()));
        g.draw(path(s));
        g.setClip(oldClip);
        double m = MARKER_SIZE;
        g.clip(new Rectangle2D.Double(plot.getX() - m, plot.getY() - m, plot.getWidth() + 2 * m, plot.getHeight() + 2 * m));
        for (int i = 0; i < s.x().length; i++) {
            if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                drawMarker(s, px(s.x()[i]), py(s.y()[i]));
            }
        }
        g.setClip(oldClip);
    }

    /** The polyline through the finite points; a NaN breaks it. */
    private Path2D path(Series s) {
        Path2D.Double path = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < s.x().length; i++) {
            if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
                pen = false;
            } else if (pen) {
                path.lineTo(px(s.x()[i]), py(s.y()[i]));
            } else {
                path.moveTo(px(s.x()[i]), py(s.y()[i]));
                pen = true;
            }
        }
        return path;
    }

    private static Stroke lineStroke(boolean dashed) {
        return dashed
                ? new BasicStroke((float) LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f)
                : new BasicStroke((float) LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** A filled marker with a thin white rim, so overlapping markers stay apart. */
    private void drawMarker(Series s, double cx, double cy) {
        Shape shape = s.marker().at(cx, cy, MARKER_SIZE);
        g.setColor(s.colour());
        g.fill(shape);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(0.7f));
        g.draw(shape);
    }

    private void drawFrameAndTicks() {
        g.setColor(FRAME);
        g.setStroke(new BasicStroke(0.9f));
        g.draw(plot);
        g.setColor(TEXT);
        FontMetrics fm = g.getFontMetrics(TICK);
        for (int i = 0; i < x.ticks.size(); i++) {
            double tx = px(x.ticks.get(i));
            g.draw(new Line2D.Double(tx, plot.getMaxY(), tx, plot.getMaxY() + TICK_LENGTH));
            TickLabel label = x.labels.get(i);
            label.draw(g, TICK, tx - label.width(g, TICK) / 2, plot.getMaxY() + TICK_LENGTH + 3 + fm.getAscent());
        }
        for (int i = 0; i < y.ticks.size(); i++) {
            double ty = py(y.ticks.get(i));
            g.draw(new Line2D.Double(plot.getX() - TICK_LENGTH, ty, plot.getX(), ty));
            TickLabel label = y.labels.get(i);
            label.draw(g, TICK, plot.getX() - TICK_LENGTH - 4 - label.width(g, TICK),
                    ty + (fm.getAscent() - fm.getDescent()) / 2.0);
        }
    }

    private void drawTexts() {
        g.setColor(TEXT);
        if (!title.isEmpty()) {
            g.setFont(TITLE);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, (float) (plot.getCenterX() - fm.stringWidth(title) / 2.0), (float) (PAD + fm.getAscent()));
        }
        g.setFont(AXIS_LABEL);
        FontMetrics fm = g.getFontMetrics();
        if (!xLabel.isEmpty()) {
            double baseline = plot.getMaxY() + TICK_LENGTH + 4 + height(TICK) + 4 + fm.getAscent();
            g.drawString(xLabel, (float) (plot.getCenterX() - fm.stringWidth(xLabel) / 2.0), (float) baseline);
        }
        if (!yLabel.isEmpty()) {
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.translate(PAD + fm.getAscent(), plot.getCenterY());
            rotated.rotate(-Math.PI / 2);
            rotated.drawString(yLabel, (float) (-fm.stringWidth(yLabel) / 2.0), 0f);
            rotated.dispose();
        }
    }

    /** Splits the legend entries into centred rows that fit the given width. */
    private List<List<Series>> legendRows(double available) {
        List<List<Series>> rows = new ArrayList<>();
        double used = 0;
        for (Series s : series) {
            if (s.name().isEmpty()) {
                continue;
            }
            double w = legendEntryWidth(s);
            if (rows.isEmpty() || used + LEGEND_GAP + w > available) {
                rows.add(new ArrayList<>());
                used = -LEGEND_GAP;
            }
            rows.get(rows.size() - 1).add(s);
            used += LEGEND_GAP + w;
        }
        return rows;
    }

    private double legendEntryWidth(Series s) {
        return LEGEND_SAMPLE + 6 + g.getFontMetrics(LEGEND).stringWidth(s.name());
    }

    private double legendRowHeight() {
        return height(LEGEND) + 5;
    }

    private void drawLegend(List<List<Series>> rows) {
        FontMetrics fm = g.getFontMetrics(LEGEND);
        double rowTop = height - PAD - rows.size() * legendRowHeight();
        for (List<Series> row : rows) {
            double rowWidth = -LEGEND_GAP;
            for (Series s : row) {
                rowWidth += LEGEND_GAP + legendEntryWidth(s);
            }
            double at = Math.max(PAD, Math.min(plot.getCenterX() - rowWidth / 2, width - PAD - rowWidth));
            double mid = rowTop + legendRowHeight() / 2;
            for (Series s : row) {
                g.setColor(s.colour());
                g.setStroke(lineStroke(s.dashed()));
                g.draw(new Line2D.Double(at, mid, at + LEGEND_SAMPLE, mid));
                drawMarker(s, at + LEGEND_SAMPLE / 2, mid);
                g.setColor(TEXT);
                g.setFont(LEGEND);
                g.drawString(s.name(), (float) (at + LEGEND_SAMPLE + 6), (float) (mid + (fm.getAscent() - fm.getDescent()) / 2.0));
                at += legendEntryWidth(s) + LEGEND_GAP;
            }
            rowTop += legendRowHeight();
        }
    }

    private static boolean inside(Axis axis, double v) {
        return Math.min(axis.lo, axis.hi) <= v && v <= Math.max(axis.lo, axis.hi);
    }

    private double height(Font font) {
        return g.getFontMetrics(font).getHeight();
    }
}
