package dev.sturdy.deploy.bench;

import dev.sturdy.deploy.DeploymentWriter;
import dev.sturdy.model.Model;
import dev.sturdy.model.graph.Node;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.party.client.PlainReference;
import dev.sturdy.party.compute.ModelShareFile;
import dev.sturdy.party.samples.DemoImages;
import dev.sturdy.protocol.prg.Prg;
import dev.sturdy.protocol.prg.Seed;
import dev.sturdy.protocol.ring.FixedPoint;
import dev.sturdy.protocol.sharing.AdditiveSharing;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The model bench: splits the model's weights and the sample images once (the fixed-point layout
 * does not depend on B), runs every mode (PANN at each B, exact ReLU as B = 0) at every batch size
 * under every emulated latency, checks each secure answer against the plaintext one, and adds the
 * plaintext time and accuracy.
 */
final class ModelBench {
    /**
     * What to measure. {@code modes}: precisions B, 0 for exact ReLU; {@code data}: the data set spec of the
     * input and accuracy images, or null for {@link DemoImages#load}'s choice.
     */
    record Settings(Model model, int parties, boolean tls, int[] modes, int[] batches, int reps, double[] latencies,
                    double bandwidthMbit, int accuracyImages, String data, boolean dealerAhead) {
    }

    private final Settings s;
    private final Path dir;
    private final Consumer<String> progress;
    private final Shape shape;
    private final int classes;
    private double[] normalised;
    private int outputBits;
    private final Map<String, String> layerTypes = new HashMap<>();

    ModelBench(Settings s, Path dir, Consumer<String> progress) {
        this.s = s;
        this.dir = dir;
        this.progress = progress;
        this.shape = s.model().graph().input();
        this.classes = s.model().numClasses();
        for (Node n : s.model().graph().nodes()) {
            layerTypes.put(n.name(), n.op().getClass().getSimpleName());
        }
    }

    /** The share set's directory name. */
    static final String SHARES = "shares";

    List<BenchRow> run() throws IOException {
        var addresses = BenchCluster.prepare(dir, s.parties());
        int maxBatch = Arrays.stream(s.batches()).max().orElseThrow();
        DemoImages images = images(maxBatch);
        normalised = normalised(images);
        progress.accept("splitting the weights and " + maxBatch + " " + images.source() + " for " + s.parties()
                + " parties");
        writeShares();
        List<BenchJob> jobs = new ArrayList<>();
        for (int mode : s.modes()) {
            for (int batch : s.batches()) {
                jobs.add(BenchJob.model(SHARES, mode, batch, batch == 1 ? s.reps() : Math.max(1, s.reps() / 3),
                        s.dealerAhead()));
            }
        }
        Map<Integer, Double> plainMillis = new HashMap<>(), accuracy = new HashMap<>();
        Map<Integer, int[]> plainClasses = new HashMap<>();
        DemoImages labelled = s.accuracyImages() > 0 ? images(s.accuracyImages()) : null;
        for (int mode : s.modes()) {
            PlainReference plain = new PlainReference(s.model(), mode);
            plain.logits(normalised, maxBatch); // warm-up
            long t0 = System.nanoTime();
            double[] logits = plain.logits(normalised, maxBatch);
            plainMillis.put(mode, (System.nanoTime() - t0) / 1e6 / maxBatch);
            plainClasses.put(mode, argmaxes(logits, maxBatch));
            accuracy.put(mode, labelled == null ? Double.NaN : accuracy(plain, labelled));
        }
        List<BenchRow> rows = new ArrayList<>();
        for (double latency : s.latencies()) {
            progress.accept(String.format("%d jobs at one-way latency %.0f ms%s, %d compute parties, TLS %s", jobs.size(),
                    latency, s.bandwidthMbit() > 0 ? String.format(", %.0f Mbit/s", s.bandwidthMbit()) : "",
                    s.parties(), s.tls() ? "on" : "off"));
            BenchPlan plan = new BenchPlan(s.parties(), s.tls(), addresses, latency, s.bandwidthMbit(), jobs);
            List<Map<?, ?>[]> lines = BenchCluster.run(dir, plan, progress);
            for (int j = 0; j < jobs.size(); j++) {
                BenchJob job = jobs.get(j);
                int agree = agreements(j, job, plainClasses.get(job.beta()));
                rows.add(BenchRow.of(latency, job, lines.get(j), layerTypes, plainMillis.get(job.beta()),
                        accuracy.get(job.beta()), agree));
            }
        }
        return rows;
    }

    /** The images' pixels with the model's input normalisation applied, image by image. */
    private double[] normalised(DemoImages images) {
        double[] x = images.pixels().clone();
        for (int i = 0; i < images.count(); i++) {
            s.model().normalization().apply(x, i * shape.size(), shape.height() * shape.width());
        }
        return x;
    }

    private DemoImages images(int count) {
        return s.data() == null ? DemoImages.load(shape, count) : DemoImages.fromData(s.data(), shape, count);
    }

    private void writeShares() throws IOException {
        SecureRandom rnd = new SecureRandom();
        Path set = dir.resolve(SHARES);
        ModelShareFile.writeSplit(s.model(), s.parties(), 0, 0, set, rnd);
        ModelShareFile first = ModelShareFile.load(DeploymentWriter.roleDir(set, 0, s.parties()).resolve(ModelShareFile.FILE_NAME));
        outputBits = first.secure().outputBits();
        FixedPoint fp = new FixedPoint(first.fractionalBits());
        for (int batch : s.batches()) {
            long[] secret = fp.encode(Arrays.copyOf(normalised, batch * shape.size()));
            long[][] shares = AdditiveSharing.split(secret, s.parties(), new Prg(Seed.random(rnd)));
            for (int p = 0; p < s.parties(); p++) {
                BenchFiles.write(BenchFiles.input(DeploymentWriter.roleDir(set, p, s.parties()), batch), shares[p]);
            }
        }
    }

    /** Images of the job's batch whose secure class (from the parties' output shares) is the plaintext class. */
    private int agreements(int j, BenchJob job, int[] plainClasses) throws IOException {
        Path set = dir.resolve(job.shares());
        long[][] shares = new long[s.parties()][];
        for (int p = 0; p < s.parties(); p++) {
            shares[p] = BenchFiles.read(BenchFiles.output(DeploymentWriter.roleDir(set, p, s.parties()), j),
                    job.batch() * classes);
        }
        double[] logits = new FixedPoint(outputBits).decode(AdditiveSharing.reconstruct(shares));
        int[] secure = argmaxes(logits, job.batch());
        int agree = 0;
        for (int i = 0; i < job.batch(); i++) {
            agree += secure[i] == plainClasses[i] ? 1 : 0;
        }
        return agree;
    }

    private int[] argmaxes(double[] logits, int batch) {
        int[] out = new int[batch];
        for (int i = 0; i < batch; i++) {
            out[i] = PlainReference.argmax(logits, i * classes, classes);
        }
        return out;
    }

    private double accuracy(PlainReference plain, DemoImages labelled) {
        if (labelled.labels().length == 0 || labelled.labels()[0] < 0) {
            return Double.NaN;
        }
        int n = labelled.count();
        int[] predicted = argmaxes(plain.logits(normalised(labelled), n), n);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += predicted[i] == labelled.labels()[i] ? 1 : 0;
        }
        return 100.0 * correct / n;
    }
}
