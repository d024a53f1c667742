package dev.sturdy.model.data;

import static dev.sturdy.model.data.ImageFolderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {

    private static final int ROWS = 3;
    private static final int COLS = 2;

    @TempDir
    Path tmp;

    private static byte[] images(int count) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * ROWS * COLS);
        b.putInt(0x803).putInt(count).putInt(ROWS).putInt(COLS);
        for (int i = 0; i < count * ROWS * COLS; i++) {
            b.put((byte) (i * 13 + 1));
        }
        return b.array();
    }

    private static byte[] labels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x801).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        return b.array();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void gzippedFashionFilesAreReadExactly() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("fashion-mnist"));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(images(2)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(9, 0)));
        Dataset d = DataSpec.open("idx:" + dir);
        assertEquals(2, d.size());
        assertEquals(1, d.channels());
        assertEquals(ROWS, d.height());
        assertEquals(COLS, d.width());
        assertEquals("Ankle boot", d.classes().get(9));
        assertEquals("T-shirt/top", d.classes().get(0));
        assertEquals(9, d.label(0));
        assertEquals(0, d.label(1));
        double[] out = new double[ROWS * COLS];
        d.readPixels(1, out, 0);
        for (int j = 0; j < out.length; j++) {
            assertEquals((((ROWS * COLS + j) * 13 + 1) & 0xff) / 255.0, out[j], 1e-12);
        }
    }

    @Test
    void plainTrainFilesAndDigitNames() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("mnist"));
        Files.write(dir.resolve("train-images-idx3-ubyte"), images(3));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(3, 1, 4));
        Dataset d = DataSpec.open("idx:" + dir + ":train");
        assertEquals(3, d.size());
        assertEquals("4", d.classes().get(4));
        assertEquals(4, d.label(2));
        assertMessage("idx:" + dir, dir + ": no t10k-images-idx3-ubyte or t10k-images-idx3-ubyte.gz");
    }

    @Test
    void badFilesGiveOneClearLine() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("digits"));
        Path imageFile = dir.resolve("t10k-images-idx3-ubyte.gz");
        Path labelFile = dir.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] gz = gzip(images(4));
        Files.write(imageFile, Arrays.copyOf(gz, gz.length - 12));
        Files.write(labelFile, gzip(labels(1, 2, 3, 4)));
        assertMessage("idx:" + dir, imageFile + ": truncated gzip data");
        byte[] short_ = images(4);
        Files.write(imageFile, gzip(Arrays.copyOf(short_, short_.length - 1)));
        assertMessage("idx:" + dir, imageFile + ": 23 data bytes after the header; expected 24 (truncated)");
        Files.write(imageFile, gzip(labels(1, 2, 3, 4)));
        assertMessage("idx:" + dir, imageFile + ": IDX magic 0x801; expected 0x803");
        Files.write(imageFile, gzip(images(4)));
        Files.write(labelFile, gzip(labels(1, 2, 3)));
        assertMessage("idx:" + dir, labelFile + ": 3 labels; expected 4");
        Path missing = tmp.resolve("none");
        assertMessage("idx:" + missing, missing + ": not a directory");
    }
}
