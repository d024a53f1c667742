package dev.sturdy.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads numpy .npz archives (numpy.savez or savez_compressed of a PyTorch state_dict). */
public final class NpzReader {

    private NpzReader() {
    }

    /** All arrays, in the archive's order, keyed by entry name without the ".npy" suffix. */
    public static Map<String, NamedArray> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file; expected a .npz archive");
        }
        Map<String, NamedArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String where = file + " entry " + entry.getName();
                if (!entry.getName().endsWith(".npy")) {
                    throw new IllegalArgumentException(where + ": not a .npy file; expected only .npy entries");
                }
                String name = entry.getName().substring(0, entry.getName().length() - ".npy".length());
                arrays.put(name, NpyArray.parse(name, readEntry(zip, entry, where), where));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a readable zip archive (" + e.getMessage()
                    + "); expected a .npz from numpy.savez");
        }
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException(file + ": no arrays in the archive");
        }
        return arrays;
    }

    private static byte[] readEntry(ZipFile zip, ZipEntry entry, String where) {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": corrupt or truncated (" + e.getMessage() + ")");
        }
    }
}
