package dev.sturdy.party.cli;

import dev.sturdy.model.Model;
import dev.sturdy.model.approx.CompositeSign;
import dev.sturdy.model.approx.SignPolynomials;
import dev.sturdy.model.data.DataSpec;
import dev.sturdy.model.data.Dataset;
import dev.sturdy.model.data.Samples;
import dev.sturdy.model.eval.AccuracyRun;
import dev.sturdy.model.eval.ActivationMode;
import dev.sturdy.model.eval.LabelledImages;
import dev.sturdy.model.eval.ModeResult;
import dev.sturdy.model.eval.PlainEvaluator;
import dev.sturdy.model.eval.RangeStats;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true, description = "Accuracy of a model's backbone and of its PANN at each precision 2^-B, in plaintext.")
final class EvalCommand extends PrintingCommand {

    @Option(names = "--model", required = true, description = "Sturdy model file")
    Path modelPath;

    @Option(names = "--data", required = true,
            description = "imagefolder:DIR, cifar10-bin:PATH, cifar100-bin:PATH or idx:DIR[:train]")
    String data;

    @Option(names = "--beta", defaultValue = "8..14", description = "Precisions B: 9, 8..14 or 8,10,12 (default ${DEFAULT-VALUE})")
    String beta;

    @Option(names = "--bound", description = "Interval bound (default: the model's, usually 50)")
    Double bound;

    @Option(names = "--limit", defaultValue = "0", description = "Evaluate a class-balanced sample of N images (0: all)")
    int limit;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the --limit sample (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--poly", description = "Use published sign polynomials in approxCNN layout (deg_B.txt, coeff_B.txt) from DIR")
    Path poly;

    @Option(names = "--threads", description = "Worker threads (default: available processors)")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON document")
    boolean json;

    @Option(names = "--plot", description = "Write an accuracy-versus-precision PNG")
    Path plot;

    @Override
    public Integer call() throws Exception {
        int[] betas = BetaRange.parse(beta);
        Model model = ModelFiles.read(modelPath);
        double b = bound != null ? bound : model.pann().bound();
        List<ActivationMode> modes = new ArrayList<>();
        for (int x : betas) {
            CompositeSign sign = poly == null ? SignPolynomials.forBeta(x) : SignPolynomials.loadApproxCnn(poly, x);
            modes.add(ActivationMode.pann(sign, b));
        }
        Dataset dataset = DataSpec.open(data);
        int[] indices = Samples.classBalanced(dataset, limit, seed);
        LabelledImages images = LabelledImages.load(dataset, indices, model.graph().input());
        PlainEvaluator evaluator = new PlainEvaluator(model);
        AccuracyRun run = new AccuracyRun(evaluator, threads != null ? threads : Runtime.getRuntime().availableProcessors());

        ModeResult backbone = evaluate(run, images, ActivationMode.BACKBONE);
        List<ModeResult> pann = new ArrayList<>();
        for (ActivationMode m : modes) {
            pann.add(evaluate(run, images, m));
        }
        if (json) {
            out().println(Json.pretty(report(model, images, b, betas, backbone, pann)));
        } else {
            printTable(model, images, b, betas, backbone, pann);
        }
        if (plot != null) {
            AccuracyPlot.write(plot, model.name(), betas, backbone, pann, poly == null ? "Sturdy polynomials" : "approxCNN polynomials");
            if (!json) {
                out().println("plot written to " + plot);
            }
        }
        return 0;
    }

    private static ModeResult evaluate(AccuracyRun run, LabelledImages images, ActivationMode mode) {
        Progress progress = new Progress(mode.label(), images.count());
        return run.run(images, mode, progress::update);
    }

    private Map<String, Object> report(Model model, LabelledImages images, double b, int[] betas, ModeResult backbone,
                                       List<ModeResult> pann) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", model.name());
        doc.put("data", data);
        doc.put("images", images.count());
        doc.put("bound", b);
        doc.put("polynomials", poly == null ? "sturdy" : "approxcnn:" + poly);
        Map<String, Object> bb = new LinkedHashMap<>();
        bb.put("accuracy", backbone.accuracy());
        bb.put("maxAbs", backbone.ranges().largestMagnitude());
        bb.put("seconds", backbone.seconds());
        doc.put("backbone", bb);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < betas.length; i++) {
            ModeResult r = pann.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("beta", betas[i]);
            row.put("accuracy", r.accuracy());
            row.put("outOfRange", r.ranges().totalOutside());
            row.put("maxAbs", r.ranges().largestMagnitude());
            row.put("seconds", r.seconds());
            row.put("outOfRangeLayers", outOfRangeLayers(r.ranges()));
            rows.add(row);
        }
        doc.put("pann", rows);
        return doc;
    }

    private static List<Map<String, Object>> outOfRangeLayers(RangeStats s) {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int l = 0; l < s.layers().size(); l++) {
            if (s.outside(l) > 0) {
                Map<String, Object> layer = new LinkedHashMap<>();
                layer.put("layer", s.layers().get(l));
                layer.put("outOfRange", s.outside(l));
                layer.put("of", s.total(l));
                layer.put("maxAbs", s.maxAbs(l));
                layers.add(layer);
            }
        }
        return layers;
    }

    private void printTable(Model model, LabelledImages images, double b, int[] betas, ModeResult backbone,
                            List<ModeResult> pann) {
        out().printf("%s on %d images of %s, bound %s, %s polynomials%n", model.name(), images.count(), data,
                plain(b), poly == null ? "Sturdy" : "approxCNN (" + poly + ")");
        out().printf("%-10s %9s %14s %9s %9s%n", "mode", "accuracy", "out of range", "max |z|", "seconds");
        out().printf("%-10s %8.2f%% %14s %9.2f %9.1f%n", "backbone", backbone.accuracy(), "-",
                backbone.ranges().largestMagnitude(), backbone.seconds());
        boolean anyOutside = false;
        for (int i = 0; i < betas.length; i++) {
            ModeResult r = pann.get(i);
            out().printf("%-10s %8.2f%% %14d %9.2f %9.1f%n", "B=" + betas[i], r.accuracy(), r.ranges().totalOutside(),
                    r.ranges().largestMagnitude(), r.seconds());
            anyOutside |= r.ranges().totalOutside() > 0;
        }
        if (anyOutside) {
            out().println();
            out().println("Activation inputs left [-" + plain(b) + ", " + plain(b) + "]: the PANN is outside its guarantee there.");
            for (int i = 0; i < betas.length; i++) {
                RangeStats s = pann.get(i).ranges();
                for (Map<String, Object> layer : outOfRangeLayers(s)) {
                    out().printf("  B=%-3d %-24s %d of %d inputs, max |z| %.2f%n", betas[i], layer.get("layer"),
                            layer.get("outOfRange"), layer.get("of"), (double) layer.get("maxAbs"));
                }
            }
            double needed = backbone.ranges().largestMagnitude();
            for (ModeResult r : pann) {
                needed = Math.max(needed, firstViolation(r.ranges()));
            }
            out().printf("Rerun with --bound %s or more: the largest input at the first layer that left the interval"
                    + " (later layers were computed from out-of-range values and are not reliable).%n", plain(Math.ceil(needed)));
        }
    }

    /** Largest input magnitude at the first activation layer that saw an out-of-range input, 0 if none. */
    private static double firstViolation(RangeStats s) {
        for (int l = 0; l < s.layers().size(); l++) {
            if (s.outside(l) > 0) {
                return s.maxAbs(l);
            }
        }
        return 0;
    }

}
