package dev.sturdy.train;

import dev.sturdy.model.data.Dataset;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a 3x32x32 data set in the CIFAR-10 binary layout (a label byte, then the red, green and blue planes). */
final class CifarBinaryWriter {

    private CifarBinaryWriter() {
    }

    static void write(Dataset d, Path file) throws IOException {
        double[] pixels = new double[d.imageSize()];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < d.size(); i++) {
                d.readPixels(i, pixels, 0);
                out.write(d.label(i));
                for (double v : pixels) {
                    out.write((int) Math.round(v * 255));
                }
            }
        }
    }
}
