package dev.sturdy.model.data;

import java.nio.file.Path;

/** One image as a network input: values in [0,1], CHW order. */
public record Image(int channels, int height, int width, double[] pixels) {

    public Image {
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException(pixels.length + " pixel values for shape "
                    + channels + "x" + height + "x" + width);
        }
    }

    /** Reads a PNG, JPEG or BMP file; grey images have 1 channel, colour images 3 (alpha dropped). */
    public static Image read(Path file) {
        ImageDecoder.Decoded d = ImageDecoder.decode(file);
        byte[] samples = d.samples();
        double[] pixels = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            pixels[i] = (samples[i] & 0xff) / 255.0;
        }
        return new Image(d.channels(), d.height(), d.width(), pixels);
    }
}
