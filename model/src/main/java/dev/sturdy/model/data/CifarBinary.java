package dev.sturdy.model.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The original CIFAR-10 and CIFAR-100 binary releases: fixed-size records of label byte(s) and
 * 3072 pixel bytes (1024 red, 1024 green, 1024 blue, rows in order), which is already CHW.
 */
final class CifarBinary {

    private static final int SIDE = 32;
    private static final int PIXELS = 3 * SIDE * SIDE;
    private static final List<String> CIFAR10_NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    /** The two layouts: how many label bytes precede the pixels and which of them is the label. */
    enum Variant {
        CIFAR10("cifar10-bin", 1, 10, List.of("test_batch.bin"),
                List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"),
                "batches.meta.txt"),
        CIFAR100("cifar100-bin", 2, 100, List.of("test.bin"), List.of("train.bin"), "fine_label_names.txt");

        final String kind;
        final int labelBytes;
        final int classCount;
        final List<String> testFiles;
        final List<String> trainFiles;
        final String namesFile;

        Variant(String kind, int labelBytes, int classCount, List<String> testFiles, List<String> trainFiles,
                String namesFile) {
            this.kind = kind;
            this.labelBytes = labelBytes;
            this.classCount = classCount;
            this.testFiles = testFiles;
            this.trainFiles = trainFiles;
            this.namesFile = namesFile;
        }

        int recordSize() {
            return labelBytes + PIXELS;
        }

        List<String> defaultNames() {
            return this == CIFAR10 ? CIFAR10_NAMES
                    : IntStream.range(0, classCount).mapToObj(k -> "class" + k).toList();
        }
    }

    private CifarBinary() {
    }

    /** Opens a directory of batch files (split chooses test or train; test when null and present) or one file. */
    static Dataset open(Variant variant, Path path, Split split) {
        List<Path> files = batchFiles(variant, path, split);
        Path folder = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        List<String> classes = classNames(variant, folder.resolve(variant.namesFile));
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path file : files) {
            readRecords(variant, file, images, labels);
        }
        return new ByteImages(classes, 3, SIDE, SIDE, images.toArray(new byte[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<Path> batchFiles(Variant variant, Path path, Split split) {
        String expected = "expected a directory holding " + String.join(", ", variant.testFiles) + " or "
                + String.join(", ", variant.trainFiles) + ", or one .bin file";
        if (Files.isRegularFile(path)) {
            if (split != null) {
                throw new IllegalArgumentException(variant.kind + ":" + path + ": a split suffix needs a directory, not a file");
            }
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(path + ": does not exist; " + expected);
        }
        List<Path> test = present(path, variant.testFiles);
        List<Path> train = present(path, variant.trainFiles);
        List<Path> chosen = split == Split.TRAIN ? train : split == Split.TEST || !test.isEmpty() ? test : train;
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException(path + ": no " + (split == null ? "batch" : split.name().toLowerCase())
                    + " files; " + expected);
        }
        return chosen;
    }

    private static List<Path> present(Path dir, List<String> names) {
        return names.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
    }

    private static void readRecords(Variant variant, Path file, List<byte[]> images, List<Integer> labels) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
        int record = variant.recordSize();
        if (bytes.length == 0 || bytes.length % record != 0) {
            throw new IllegalArgumentException(file + ": " + bytes.length + " bytes is not a whole number of "
                    + record + "-byte " + variant.kind + " records (truncated or not " + variant.kind + ")");
        }
        for (int at = 0; at < bytes.length; at += record) {
            // CIFAR-100 puts the coarse label first and the fine label, which we use, second.
            int label = bytes[at + variant.labelBytes - 1] & 0xff;
            if (label >= variant.classCount) {
                throw new IllegalArgumentException(file + ": record " + at / record + " has label " + label
                        + "; expected 0.." + (variant.classCount - 1) + " (not a " + variant.kind + " file?)");
            }
            byte[] image = new byte[PIXELS];
            System.arraycopy(bytes, at + variant.labelBytes, image, 0, PIXELS);
            images.add(image);
            labels.add(label);
        }
    }

    private static List<String> classNames(Variant variant, Path namesFile) {
        if (!Files.isRegularFile(namesFile)) {
            return variant.defaultNames();
        }
        List<String> names;
        try {
            names = Files.readAllLines(namesFile).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(namesFile + ": cannot read class names (" + e.getMessage() + ")");
        }
        if (names.size() != variant.classCount) {
            throw new IllegalArgumentException(namesFile + ": " + names.size() + " class names; expected "
                    + variant.classCount + ", one per line");
        }
        return names;
    }
}
