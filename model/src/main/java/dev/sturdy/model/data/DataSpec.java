package dev.sturdy.model.data;

import java.nio.file.Path;

/**
 * Opens a data set from a one-line spec, {@code KIND:PATH[:test|train]}:
 * <ul>
 * <li>{@code imagefolder:DIR}: one sub-folder per class (the rest of the spec is the path, taken literally);
 * <li>{@code cifar10-bin:PATH}: a directory with test_batch.bin and/or data_batch_N.bin, or one .bin file;
 * <li>{@code cifar100-bin:PATH}: a directory with test.bin and/or train.bin, or one .bin file (fine labels);
 * <li>{@code idx:DIR}: MNIST or Fashion-MNIST IDX files, gzipped or not.
 * </ul>
 * Without a split suffix a reader takes the test split where it has one.
 */
public final class DataSpec {

    /** Where Debian's dataset-fashion-mnist package installs Fashion-MNIST. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private static final String KINDS = "imagefolder, cifar10-bin, cifar100-bin, idx";

    private DataSpec() {
    }

    public static Dataset open(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("data set spec '" + spec + "': expected KIND:PATH with KIND one of " + KINDS);
        }
        String kind = spec.substring(0, colon);
        String rest = spec.substring(colon + 1);
        if (kind.equals("imagefolder")) {
            return ImageFolder.open(Path.of(rest));
        }
        Split split = null;
        for (Split s : Split.values()) {
            String suffix = ":" + s.name().toLowerCase();
            if (rest.endsWith(suffix)) {
                split = s;
                rest = rest.substring(0, rest.length() - suffix.length());
                break;
            }
        }
        Path path = Path.of(rest);
        return switch (kind) {
            case "cifar10-bin" -> CifarBinary.open(CifarBinary.Variant.CIFAR10, path, split);
            case "cifar100-bin" -> CifarBinary.open(CifarBinary.Variant.CIFAR100, path, split);
            case "idx" -> IdxFiles.open(path, split);
            default -> throw new IllegalArgumentException("data set spec '" + spec + "': unknown kind '" + kind
                    + "'; expected one of " + KINDS);
        };
    }
}
