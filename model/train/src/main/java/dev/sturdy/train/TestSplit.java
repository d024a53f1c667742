package dev.sturdy.train;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the test split that belongs to a training data spec, where the layout says which it is. */
public final class TestSplit {

    private TestSplit() {
    }

    /**
     * "idx:DIR:train" gives "idx:DIR" (readers take the test split by default), likewise for the
     * CIFAR binaries; "imagefolder:.../train" gives "imagefolder:.../test" when that folder
     * exists; anything else null.
     */
    public static String of(String trainSpec) {
        if (trainSpec.endsWith(":train") && !trainSpec.startsWith("imagefolder:")) {
            return trainSpec.substring(0, trainSpec.length() - ":train".length());
        }
        if (trainSpec.startsWith("imagefolder:")) {
            Path dir = Path.of(trainSpec.substring("imagefolder:".length())).toAbsolutePath().normalize();
            if (dir.getFileName() != null && dir.getFileName().toString().equals("train")) {
                Path test = dir.resolveSibling("test");
                if (Files.isDirectory(test)) {
                    return "imagefolder:" + test;
                }
            }
        }
        return null;
    }
}
