package dev.sturdy.model.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** One array in a .npy file: read (the dtypes {@link NpyArray} knows) and written as float32. */
public final class Npy {
    private Npy() {
    }

    public static NamedArray read(Path file) {
        try {
            String name = file.getFileName().toString();
            return NpyArray.parse(name.replaceFirst("\\.npy$", ""), Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes {@code values} of {@code shape} as a C-order little-endian float32 array (format version 1). */
    public static void writeFloat32(Path file, int[] shape, float[] values) throws IOException {
        if (NamedArray.elementCount(shape) != values.length) {
            throw new IllegalArgumentException(values.length + " values for shape " + Arrays.toString(shape));
        }
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + (shape.length == 1 ? "," : "")
                + "), }";
        // the data starts at a multiple of 64 bytes; the header ends with a newline
        int unpadded = NpyArray.MAGIC.length + 4 + header.length() + 1;
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(NpyArray.MAGIC.length + 4 + header.length() + 4 * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyArray.MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float v : values) {
            b.putFloat(v);
        }
        Files.write(file, b.array());
    }
}
