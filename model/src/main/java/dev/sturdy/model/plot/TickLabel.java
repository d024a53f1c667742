package dev.sturdy.model.plot;

import java.awt.Font;
import java.awt.Graphics2D;

/** A tick label: plain text, or a base with a raised exponent such as 10^6. */
record TickLabel(String text, String exponent) {

    private static final float EXPONENT_SIZE = 0.72f;

    static TickLabel plain(String text) {
        return new TickLabel(text, null);
    }

    static TickLabel power(String base, String exponent) {
        return new TickLabel(base, exponent);
    }

    double width(Graphics2D g, Font font) {
        double w = g.getFontMetrics(font).stringWidth(text);
        return exponent == null ? w : w + g.getFontMetrics(smaller(font)).stringWidth(exponent);
    }

    /** Draws with the baseline at y. */
    void draw(Graphics2D g, Font font, double x, double y) {
        g.setFont(font);
        g.drawString(text, (float) x, (float) y);
        if (exponent != null) {
            double raised = y - 0.45 * g.getFontMetrics(font).getAscent();
            g.setFont(smaller(font));
            g.drawString(exponent, (float) (x + g.getFontMetrics(font).stringWidth(text)), (float) raised);
        }
    }

    private static Font smaller(Font font) {
        return font.deriveFont(font.getSize2D() * EXPONENT_SIZE);
    }
}
