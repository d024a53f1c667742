package dev.sturdy.model.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Decodes one image file (PNG, JPEG, BMP, whatever javax.imageio reads) into 8-bit CHW samples. */
final class ImageDecoder {

    /** Decoded samples, channel-major; 1 channel for grey images, 3 (RGB) otherwise. Alpha is dropped. */
    record Decoded(int channels, int height, int width, byte[] samples) {
    }

    static {
        // Decoding from memory; without this ImageIO may buffer every stream through a temp file.
        ImageIO.setUseCache(false);
    }

    private ImageDecoder() {
    }

    static Decoded decode(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": cannot decode image (" + e.getMessage() + ")");
        }
        if (image == null) {
            throw new IllegalArgumentException(file + ": not a readable image; expected PNG, JPEG or BMP");
        }
        ColorModel model = image.getColorModel();
        return model.getColorSpace().getType() == ColorSpace.TYPE_GRAY ? grey(image) : rgb(image);
    }

    /**
     * Grey samples straight from the raster: getRGB would push them through a linear-grey to sRGB
     * conversion and brighten them.
     */
    private static Decoded grey(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        Raster raster = image.getRaster();
        int max = (1 << image.getColorModel().getComponentSize(0)) - 1;
        int[] values = raster.getSamples(0, 0, w, h, 0, new int[w * h]);
        byte[] samples = new byte[w * h];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (byte) (max == 255 ? values[i] : Math.round(values[i] * 255.0 / max));
        }
        return new Decoded(1, h, w, samples);
    }

    private static Decoded rgb(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        int plane = w * h;
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] samples = new byte[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            samples[i] = (byte) (p >> 16);
            samples[plane + i] = (byte) (p >> 8);
            samples[2 * plane + i] = (byte) p;
        }
        return new Decoded(3, h, w, samples);
    }

    /** The same picture with its single grey channel repeated as R, G and B. */
    static byte[] greyToRgb(byte[] grey) {
        byte[] rgb = new byte[3 * grey.length];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(grey, 0, rgb, c * grey.length, grey.length);
        }
        return rgb;
    }
}
