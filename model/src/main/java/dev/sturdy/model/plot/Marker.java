package dev.sturdy.model.plot;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** Filled marker shapes, sized to look about equally heavy. */
enum Marker {
    CIRCLE, SQUARE, TRIANGLE_UP, DIAMOND, TRIANGLE_DOWN, PENTAGON, HEXAGON, STAR;

    /** The marker centred on (x, y) with nominal diameter {@code size}. */
    Shape at(double x, double y, double size) {
        double r = size / 2;
        return switch (this) {
            case CIRCLE -> new Ellipse2D.Double(x - r, y - r, size, size);
            case SQUARE -> new Rectangle2D.Double(x - 0.9 * r, y - 0.9 * r, 1.8 * r, 1.8 * r);
            case TRIANGLE_UP -> polygon(x, y + 0.2 * r, 1.25 * r, 3, -90, 1);
            case TRIANGLE_DOWN -> polygon(x, y - 0.2 * r, 1.25 * r, 3, 90, 1);
            case DIAMOND -> polygon(x, y, 1.25 * r, 4, -90, 1);
            case PENTAGON -> polygon(x, y, 1.1 * r, 5, -90, 1);
            case HEXAGON -> polygon(x, y, 1.05 * r, 6, 0, 1);
            case STAR -> polygon(x, y, 1.35 * r, 10, -90, 0.45);
        };
    }

    /**
     * A regular polygon with {@code corners} corners, the first at angle {@code startDegrees};
     * every second corner pulled in to {@code inner} of the radius (stars).
     */
    private static Shape polygon(double x, double y, double radius, int corners, double startDegrees, double inner) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < corners; i++) {
            double angle = Math.toRadians(startDegrees + 360.0 * i / corners);
            double r = i % 2 == 1 ? radius * inner : radius;
            if (i == 0) {
                p.moveTo(x + r * Math.cos(angle), y + r * Math.sin(angle));
            } else {
                p.lineTo(x + r * Math.cos(angle), y + r * Math.sin(angle));
            }
        }
        p.closePath();
        return p;
    }
}
