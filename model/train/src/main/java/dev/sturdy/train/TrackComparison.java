package dev.sturdy.train;

import dev.sturdy.model.plot.LinePlot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Several runs' per-epoch histories (the *.track.csv files of `sturdy train`) in one plot and one
 * CSV, e.g. weight decay 0 against 5e-4 (the paper's Figure 3):
 * <pre>
 * java -cp deploy/target/sturdy.jar dev.sturdy.train.TrackComparison OUT.png TITLE backbone,B8,B9 "wd 0=a.track.csv" "wd 5e-4=b.track.csv"
 * </pre>
 * Each run gets the backbone as a solid line and every PANN column dashed; OUT.csv beside the
 * PNG holds the plotted values as run,epoch,column,accuracy.
 */
public final class TrackComparison {

    /** One run's history: its label, the CSV's column names and its rows of numbers. */
    record Run(String label, List<String> columns, List<double[]> rows) {

        static Run read(String label, Path csv) throws IOException {
            if (!Files.isRegularFile(csv)) {
                throw new IllegalArgumentException(csv + ": no such file (expected a *.track.csv of sturdy train)");
            }
            List<String> lines = Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty() || !lines.get(0).startsWith("epoch,")) {
                throw new IllegalArgumentException(csv + ": not a track CSV of sturdy train (no 'epoch,...' header)");
            }
            List<String> columns = List.of(lines.get(0).split(","));
            List<double[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                if (cells.length != columns.size()) {
                    throw new IllegalArgumentException(csv + ": row '" + line + "' has " + cells.length + " cells, the header "
                            + columns.size());
                }
                rows.add(Arrays.stream(cells).mapToDouble(Double::parseDouble).toArray());
            }
            return new Run(label, columns, rows);
        }

        double[] column(String name) {
            int c = columns.indexOf(name);
            if (c < 0) {
                throw new IllegalArgumentException("run '" + label + "' has no column '" + name + "'; it has "
                        + String.join(", ", columns));
            }
            return rows.stream().mapToDouble(r -> r[c]).toArray();
        }
    }

    private TrackComparison() {
    }

    /** Draws the columns of every run into png and writes them to the CSV beside it. */
    static void write(Path png, String title, List<String> columns, List<Run> runs) throws IOException {
        LinePlot plot = new LinePlot().title(title).xLabel("epoch").yLabel("test accuracy (%)").yRange(0, 100);
        StringBuilder csv = new StringBuilder("run,epoch,column,accuracy\n");
        for (Run run : runs) {
            double[] epochs = run.column("epoch");
            for (String column : columns) {
                double[] values = run.column(column);
                String name = run.label() + ": " + (column.equals("backbone") ? "backbone" : "PANN " + column.replace("B", "B="));
                if (column.equals("backbone")) {
                    plot.series(name, epochs, values);
                } else {
                    plot.dashedSeries(name, epochs, values);
                }
                for (int i = 0; i < epochs.length; i++) {
                    csv.append(String.format(Locale.ROOT, "%s,%d,%s,%.3f%n", run.label(), (int) epochs[i], column, values[i]));
                }
            }
        }
        plot.writePng(png);
        String name = png.getFileName().toString();
        Path csvFile = png.resolveSibling((name.endsWith(".png") ? name.substring(0, name.length() - 4) : name) + ".csv");
        Files.writeString(csvFile, csv.toString());
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: TrackComparison OUT.png TITLE COLUMNS LABEL=RUN.track.csv... (COLUMNS e.g. backbone,B8,B9)");
            System.exit(2);
        }
        try {
            List<Run> runs = new ArrayList<>();
            for (String spec : Arrays.asList(args).subList(3, args.length)) {
                int eq = spec.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + spec + "': expected LABEL=RUN.track.csv");
                }
                runs.add(Run.read(spec.substring(0, eq), Path.of(spec.substring(eq + 1))));
            }
            write(Path.of(args[0]), args[1], List.of(args[2].split(",")), runs);
        } catch (IllegalArgumentException e) {
            System.err.println("TrackComparison: " + e.getMessage());
            System.exit(2);
        }
    }
}
