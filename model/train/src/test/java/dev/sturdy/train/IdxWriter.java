package dev.sturdy.train;

import dev.sturdy.model.data.Dataset;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a grey data set as the MNIST IDX pair (images, labels) so tests can go through a data spec. */
final class IdxWriter {

    private IdxWriter() {
    }

    static void write(Dataset d, Path dir, String prefix) throws IOException {
        Files.createDirectories(dir);
        try (DataOutputStream images = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")));
             DataOutputStream labels = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
            images.writeInt(0x803);
            images.writeInt(d.size());
            images.writeInt(d.height());
            images.writeInt(d.width());
            labels.writeInt(0x801);
            labels.writeInt(d.size());
            double[] pixels = new double[d.imageSize()];
            for (int i = 0; i < d.size(); i++) {
                d.readPixels(i, pixels, 0);
                for (double v : pixels) {
                    images.writeByte((int) Math.round(v * 255));
                }
                labels.writeByte(d.label(i));
            }
        }
    }
}
