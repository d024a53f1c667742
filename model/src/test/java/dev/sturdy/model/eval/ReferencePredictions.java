package dev.sturdy.model.eval;

import dev.sturdy.model.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The predicted class of every CIFAR-10 test image under an independent float64 evaluation of the
 * published ResNet-20 (../shared/reference/resnet20-lee2022b-preds.csv; its README says how it was
 * made): column {@code bb} for the backbone, {@code b8} .. {@code b12} for the PANN with approxCNN's
 * polynomials at that B, bound 50, ImageNet mean and std; rows in the record order of test_batch.bin.
 */
public final class ReferencePredictions {
    private final Map<String, int[]> columns;

    private ReferencePredictions(Map<String, int[]> columns) {
        this.columns = columns;
    }

    public static ReferencePredictions load() {
        List<String> lines;
        try {
            lines = Files.readAllLines(TestData.shared("reference/resnet20-lee2022b-preds.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> rows = lines.stream().filter(l -> !l.startsWith("#")).toList();
        String[] header = rows.get(0).split(",");
        Map<String, int[]> columns = new HashMap<>();
        for (int c = 0; c < header.length; c++) {
            if (!header[c].equals("file")) {
                columns.put(header[c], new int[rows.size() - 1]);
            }
        }
        for (int r = 1; r < rows.size(); r++) {
            String[] cells = rows.get(r).split(",");
            if (Integer.parseInt(cells[0]) != r - 1) {
                throw new IllegalStateException("reference row " + r + " holds record " + cells[0]);
            }
            for (int c = 0; c < header.length; c++) {
                int[] column = columns.get(header[c]);
                if (column != null) {
                    column[r - 1] = Integer.parseInt(cells[c]);
                }
            }
        }
        return new ReferencePredictions(columns);
    }

    /** The reference class of test record {@code index} in column {@code bb} or {@code b8} .. {@code b12}, or its label. */
    public int get(String column, int index) {
        return columns.get(column)[index];
    }

    /** How many test records the reference covers. */
    public int size() {
        return columns.get("index").length;
    }
}
