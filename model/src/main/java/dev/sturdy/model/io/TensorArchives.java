package dev.sturdy.model.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Reads a tensor archive, choosing the format by file extension. */
public final class TensorArchives {

    private TensorArchives() {
    }

    public static Map<String, NamedArray> read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npz")) {
            return NpzReader.read(file);
        }
        if (name.endsWith(".safetensors")) {
            return SafetensorsReader.read(file);
        }
        throw new IllegalArgumentException(file + ": unknown tensor archive type; expected a .npz or .safetensors file");
    }
}
