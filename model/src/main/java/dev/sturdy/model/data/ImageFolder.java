package dev.sturdy.model.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The image-folder layout (torchvision's and DJL's ImageFolder): one sub-folder per class, class
 * names sorted, files sorted by name within a class. All images are decoded on opening, on all
 * cores, and held as bytes.
 */
final class ImageFolder {

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp");

    private ImageFolder() {
    }

    static Dataset open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory; expected one sub-folder of images per class");
        }
        List<String> classes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path classDir : sortedEntries(dir, d -> Files.isDirectory(d) && !isHidden(d))) {
            List<Path> images = sortedEntries(classDir, ImageFolder::isImage);
            classes.add(classDir.getFileName().toString());
            for (Path image : images) {
                files.add(image);
                labels.add(classes.size() - 1);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no images; expected class sub-folders holding png, jpg, jpeg or bmp files");
        }
        ImageDecoder.Decoded[] decoded = new ImageDecoder.Decoded[files.size()];
        IntStream.range(0, decoded.length).parallel().forEach(i -> decoded[i] = ImageDecoder.decode(files.get(i)));
        return pack(classes, files, labels, decoded);
    }

    /** Checks that all images share one size; grey images join colour ones as three equal channels. */
    private static Dataset pack(List<String> classes, List<Path> files, List<Integer> labels,
            ImageDecoder.Decoded[] decoded) {
        ImageDecoder.Decoded first = decoded[0];
        int channels = 1;
        for (int i = 0; i < decoded.length; i++) {
            ImageDecoder.Decoded d = decoded[i];
            if (d.height() != first.height() || d.width() != first.width()) {
                throw new IllegalArgumentException(files.get(i) + ": image is " + d.width() + "x" + d.height()
                        + " pixels; expected " + first.width() + "x" + first.height() + " like " + files.get(0));
            }
            channels = Math.max(channels, d.channels());
        }
        byte[][] samples = new byte[decoded.length][];
        int[] labelArray = new int[decoded.length];
        for (int i = 0; i < decoded.length; i++) {
            byte[] s = decoded[i].samples();
            samples[i] = decoded[i].channels() < channels ? ImageDecoder.greyToRgb(s) : s;
            labelArray[i] = labels.get(i);
            decoded[i] = null;
        }
        return new ByteImages(classes, channels, first.height(), first.width(), samples, labelArray);
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && !isHidden(file) && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** Skips dot entries such as .ipynb_checkpoints folders and macOS ._ files. */
    private static boolean isHidden(Path entry) {
        return entry.getFileName().toString().startsWith(".");
    }

    private static List<Path> sortedEntries(Path dir, Predicate<Path> keep) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(keep).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot list directory (" + e.getMessage() + ")");
        }
    }
}
