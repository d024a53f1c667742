package dev.sturdy.model.approx;

import dev.sturdy.model.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The composite sign polynomials: ours for B = 4..20, precomputed by {@link SignPolynomialGenerator}
 * and shipped as a resource, and approxCNN's reference files for comparison.
 */
public final class SignPolynomials {

    public static final int MIN_BETA = 4;
    public static final int MAX_BETA = 20;

    static final String RESOURCE = "sign-polynomials.json";
    static final String FORMAT = "sturdy-sign-polynomials";
    static final int VERSION = 1;

    /** Even power-basis coefficients up to this fraction of a component's largest coefficient count as zero. */
    private static final double NEGLIGIBLE_EVEN = 1e-12;

    private SignPolynomials() {
    }

    private static final class Shipped {
        static final List<CompositeSign> BY_BETA = load();

        private static List<CompositeSign> load() {
            try (InputStream in = SignPolynomials.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " missing from the classpath");
                }
                return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Our composite sign for precision 2^-beta, MIN_BETA <= beta <= MAX_BETA. */
    public static CompositeSign forBeta(int beta) {
        if (beta < MIN_BETA || beta > MAX_BETA) {
            throw new IllegalArgumentException("precision B must be in " + MIN_BETA + ".." + MAX_BETA + ", got " + beta);
        }
        return Shipped.BY_BETA.get(beta - MIN_BETA);
    }

    /** The resource text for the given signs (one per B, ascending from MIN_BETA). */
    static String toJson(List<CompositeSign> signs) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (CompositeSign s : signs) {
            List<double[]> components = s.components().stream().map(OddPolynomial::oddCoefficients).toList();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("beta", s.beta());
            entry.put("eps", s.eps());
            entry.put("degrees", s.degrees());
            entry.put("components", components);
            entries.add(entry);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("note", "odd power-basis coefficients c1, c3, ... per component, p1 first; regenerate with "
                + SignPolynomialGenerator.class.getName());
        root.put("polynomials", entries);
        return Json.pretty(root) + "\n";
    }

    static List<CompositeSign> fromJson(String text) {
        Map<?, ?> root = (Map<?, ?>) Json.parse(text);
        if (!FORMAT.equals(root.get("format")) || !Long.valueOf(VERSION).equals(root.get("version"))) {
            throw new IllegalStateException(RESOURCE + ": not " + FORMAT + " version " + VERSION);
        }
        List<CompositeSign> out = new ArrayList<>();
        for (Object o : (List<?>) root.get("polynomials")) {
            Map<?, ?> entry = (Map<?, ?>) o;
            int beta = ((Number) entry.get("beta")).intValue();
            if (beta != MIN_BETA + out.size()) {
                throw new IllegalStateException(RESOURCE + ": expected B = " + (MIN_BETA + out.size()) + ", found " + beta);
            }
            List<OddPolynomial> components = new ArrayList<>();
            for (Object c : (List<?>) entry.get("components")) {
                components.add(new OddPolynomial(((List<?>) c).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray()));
            }
            out.add(new CompositeSign(beta, ((Number) entry.get("eps")).doubleValue(), components));
        }
        if (out.size() != MAX_BETA - MIN_BETA + 1) {
            throw new IllegalStateException(RESOURCE + ": " + out.size() + " entries, expected B = " + MIN_BETA + ".." + MAX_BETA);
        }
        return List.copyOf(out);
    }

    /**
     * Reads approxCNN's files for precision 2^-beta from dir: deg_B.txt (the component degrees) and
     * coeff_B.txt (per component c0, c1, ..., cd in the power basis, one number a line; the even ones
     * must be negligible and are dropped). eps is unknown (NaN).
     */
    public static CompositeSign loadApproxCnn(Path dir, int beta) throws IOException {
        Path degFile = dir.resolve("deg_" + beta + ".txt");
        Path coeffFile = dir.resolve("coeff_" + beta + ".txt");
        List<String> degreeWords = readNumbers(degFile);
        int[] degrees = new int[degreeWords.size()];
        for (int k = 0; k < degrees.length; k++) {
            degrees[k] = parseDegree(degFile, degreeWords.get(k));
        }
        if (degrees.length == 0) {
            throw new IOException(degFile + ": no degrees");
        }
        List<String> numbers = readNumbers(coeffFile);
        int needed = 0;
        for (int d : degrees) {
            needed += d + 1;
        }
        if (numbers.size() != needed) {
            throw new IOException(coeffFile + ": " + numbers.size() + " coefficients, but degrees "
                    + java.util.Arrays.toString(degrees) + " in " + degFile.getFileName() + " need " + needed);
        }
        List<OddPolynomial> components = new ArrayList<>();
        int at = 0;
        for (int k = 0; k < degrees.length; k++) {
            double[] all = new double[degrees[k] + 1];
            double largest = 0;
            for (int i = 0; i < all.length; i++) {
                all[i] = parseCoefficient(coeffFile, at + i + 1, numbers.get(at + i));
                largest = Math.max(largest, Math.abs(all[i]));
            }
            double[] odd = new double[(degrees[k] + 1) / 2];
            for (int i = 0; i < all.length; i++) {
                if (i % 2 == 1) {
                    odd[i / 2] = all[i];
                } else if (Math.abs(all[i]) > NEGLIGIBLE_EVEN * largest) {
                    throw new IOException(coeffFile + ": component " + (k + 1) + " is not odd: c" + i + " = "
                            + all[i] + " (line " + (at + i + 1) + ")");
                }
            }
            components.add(new OddPolynomial(odd));
            at += all.length;
        }
        return new CompositeSign(beta, Double.NaN, components);
    }

    private static List<String> readNumbers(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing approxCNN file " + file);
        }
        return List.of(Files.readString(file).trim().split("\\s+")).stream().filter(s -> !s.isEmpty()).toList();
    }

    private static int parseDegree(Path file, String s) throws IOException {
        int d;
        try {
            d = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": '" + s + "' is not a degree");
        }
        if (d < 1 || d % 2 == 0) {
            throw new IOException(file + ": degree " + d + " is not odd and positive");
        }
        return d;
    }

    private static double parseCoefficient(Path file, int line, String s) throws IOException {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": coefficient " + line + " is not a number: '" + s + "'");
        }
        if (!Double.isFinite(v)) {
            throw new IOException(file + ": coefficient " + line + " is not finite: " + s);
        }
        return v;
    }
}
