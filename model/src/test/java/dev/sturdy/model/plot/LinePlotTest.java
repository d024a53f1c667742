package dev.sturdy.model.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {

    private static final double[] B = {6, 7, 8, 9, 10, 11, 12, 13, 14};

    @TempDir
    Path dir;

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void pngHasTwicePointSizeAndEverySeriesColour() throws IOException {
        Path file = dir.resolve("plots/accuracy.png");
        new LinePlot().title("ResNet-20 on CIFAR-10").xLabel("precision B").yLabel("accuracy (%)")
                .series("sturdy", B, new double[] {62, 80, 89, 91, 91.3, 91.4, 91.5, 91.5, 91.5})
                .series("weight decay 1e-4", B, new double[] {10, 21, 65.7, 85, 90, 91.2, 91.5, 91.6, 91.6})
                .dashedSeries("weight decay 5e-4", B, new double[] {10, 12, 40, 77, Double.NaN, 91, 91.6, 91.7, 91.7})
                .referenceLine(91.6, "backbone 91.6%")
                .writePng(file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "decodes as PNG");
        assertEquals(1600, image.getWidth());
        assertEquals(1000, image.getHeight());
        for (int colour : new int[] {0x0072B2, 0xD55E00, 0x009E73}) {
            assertTrue(count(image, colour) > 200, "series colour " + Integer.toHexString(colour) + " drawn");
        }
        assertTrue(count(image, 0xCC79A7) == 0, "no fourth series colour");
        assertTrue(count(image, 0xFFFFFF) > image.getWidth() * image.getHeight() / 2, "mostly white background");
    }

    @Test
    void logScaleAndCustomSizeRender() {
        BufferedImage image = new LinePlot().size(600, 400).logY().yLabel("bytes")
                .series("sent", new double[] {1, 2, 4, 8}, new double[] {1e3, 1e5, 1e7, 1e9})
                .render();
        assertEquals(1200, image.getWidth());
        assertEquals(800, image.getHeight());
        assertTrue(count(image, 0x0072B2) > 100);
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        LinePlot plot = new LinePlot();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plot.series("s", new double[] {1, 2}, new double[] {1}));
        assertEquals("series 's' has 2 x values and 1 y values; expected as many of each", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> plot.xRange(1, 1));
        assertThrows(IllegalArgumentException.class, () -> plot.yRange(0, 1).logY());
        LinePlot log = new LinePlot().logY().series("s", new double[] {1, 2}, new double[] {1, 0});
        e = assertThrows(IllegalArgumentException.class, log::render);
        assertEquals("log-scale y axis: value 0.0 of series 's' is not positive", e.getMessage());
    }
}
