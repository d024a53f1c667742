package dev.sturdy.party.client;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Reads an image file (PNG, JPEG, ...) as pixel values in [0, 1], CHW, for a model's input shape; no resizing. */
public final class ImageInput {
    private ImageInput() {
    }

    /** @param shape the model's input [C, H, W] with C = 1 (grey) or 3 (RGB) */
    public static double[] read(Path file, List<Integer> shape) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + ": not an image this JVM can decode");
        }
        int c = shape.get(0), h = shape.get(1), w = shape.get(2);
        if (img.getHeight() != h || img.getWidth() != w) {
            throw new IOException(file + ": " + img.getWidth() + "x" + img.getHeight() + " but the model takes " + w + "x" + h);
        }
        if (c != 1 && c != 3) {
            throw new IOException("the model takes " + c + " channels; images give 1 or 3");
        }
        double[] px = new double[c * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (c == 1) {
                    px[y * w + x] = (0.299 * r + 0.587 * g + 0.114 * b) / 255.0;
                } else {
                    px[y * w + x] = r / 255.0;
                    px[h * w + y * w + x] = g / 255.0;
                    px[2 * h * w + y * w + x] = b / 255.0;
                }
            }
        }
        return px;
    }
}
