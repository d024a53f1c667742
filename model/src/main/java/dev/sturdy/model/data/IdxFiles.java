package dev.sturdy.model.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** MNIST and Fashion-MNIST: an IDX image file (magic 0x803) and an IDX label file (magic 0x801), gzipped or not. */
final class IdxFiles {

    private static final int IMAGES_MAGIC = 0x803;
    private static final int LABELS_MAGIC = 0x801;
    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private IdxFiles() {
    }

    static Dataset open(Path dir, Split split) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory; expected one holding the MNIST-style IDX files");
        }
        String prefix = split == Split.TRAIN ? "train" : "t10k";
        Path imageFile = find(dir, prefix + "-images-idx3-ubyte");
        Path labelFile = find(dir, prefix + "-labels-idx1-ubyte");
        ByteBuffer images = ByteBuffer.wrap(content(imageFile));
        ByteBuffer labels = ByteBuffer.wrap(content(labelFile));
        expectMagic(imageFile, images, IMAGES_MAGIC);
        int count = dimension(imageFile, images);
        int height = dimension(imageFile, images);
        int width = dimension(imageFile, images);
        expectMagic(labelFile, labels, LABELS_MAGIC);
        int labelCount = dimension(labelFile, labels);
        if (labelCount != count) {
            throw new IllegalArgumentException(labelFile + ": " + labelCount + " labels; expected " + count
                    + " like " + imageFile);
        }
        expectRemaining(imageFile, images, (long) count * height * width);
        expectRemaining(labelFile, labels, count);
        List<String> classes = isFashion(dir) ? FASHION : DIGITS;
        byte[][] pixels = new byte[count][height * width];
        int[] labelArray = new int[count];
        for (int i = 0; i < count; i++) {
            images.get(pixels[i]);
            labelArray[i] = labels.get() & 0xff;
            if (labelArray[i] >= classes.size()) {
                throw new IllegalArgumentException(labelFile + ": label " + labelArray[i] + " at index " + i
                        + "; expected 0.." + (classes.size() - 1));
            }
        }
        return new ByteImages(classes, 1, height, width, pixels, labelArray);
    }

    /** Fashion-MNIST by folder name, the folder or its parent (as in fashion-mnist/raw). */
    private static boolean isFashion(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        for (Path p = absolute; p != null && p.getFileName() != null && absolute.getNameCount() - p.getNameCount() < 2;
                p = p.getParent()) {
            if (p.getFileName().toString().toLowerCase(Locale.ROOT).contains("fashion")) {
                return true;
            }
        }
        return false;
    }

    private static Path find(Path dir, String name) {
        for (Path candidate : List.of(dir.resolve(name), dir.resolve(name + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(dir + ": no " + name + " or " + name + ".gz; expected the MNIST-style IDX files");
    }

    /** File bytes, gunzipped when they start with the gzip magic. */
    private static byte[] content(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    return in.readAllBytes();
                }
            }
            return bytes;
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": truncated gzip data");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static void expectMagic(Path file, ByteBuffer buffer, int magic) {
        int value = headerInt(file, buffer);
        if (value != magic) {
            throw new IllegalArgumentException(file + ": IDX magic 0x" + Integer.toHexString(value) + "; expected 0x"
                    + Integer.toHexString(magic) + " (unsigned bytes, " + (magic & 0xff) + " dimensions)");
        }
    }

    private static int dimension(Path file, ByteBuffer buffer) {
        int value = headerInt(file, buffer);
        if (value < 0) {
            throw new IllegalArgumentException(file + ": negative IDX dimension " + value);
        }
        return value;
    }

    private static int headerInt(Path file, ByteBuffer buffer) {
        if (buffer.remaining() < 4) {
            throw new IllegalArgumentException(file + ": truncated IDX header");
        }
        return buffer.getInt();
    }

    private static void expectRemaining(Path file, ByteBuffer buffer, long expected) {
        if (buffer.remaining() != expected) {
            throw new IllegalArgumentException(file + ": " + buffer.remaining() + " data bytes after the header; expected "
                    + expected + (buffer.remaining() < expected ? " (truncated)" : ""));
        }
    }
}
