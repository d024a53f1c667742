package dev.sturdy.deploy.cli;

import dev.sturdy.deploy.bench.Bench;
import dev.sturdy.model.Model;
import dev.sturdy.model.fixed.FixedPointPolicy;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.json.Json;
import dev.sturdy.party.cli.BetaRange;
import dev.sturdy.party.cli.PrintingCommand;
import dev.sturdy.party.samples.DemoModel;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sturdy bench}: what secure inference costs at each precision, with every role its own
 * process over loopback sockets (TLS by default), optionally under emulated latency and bandwidth;
 * or one of the side-by-side workloads.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Cost of secure inference per precision B and for exact ReLU (rounds, bytes, correlations, "
                + "latency, throughput, plaintext time), every role its own process; or a side-by-side workload.")
public final class BenchCommand extends PrintingCommand {
    @Option(names = "--model", description = "Model file (default: the embedded demo model).")
    private Path modelFile;

    @Option(names = "--beta", defaultValue = "6..14", description = "Precisions B (default: ${DEFAULT-VALUE}).")
    private String beta;

    @Option(names = "--relu", defaultValue = "exact", description = "exact: also measure exact ReLU; none: only PANN "
            + "(default: ${DEFAULT-VALUE}).")
    private String relu;

    @Option(names = "--batch", defaultValue = "1,16", split = ",", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    private int[] batches;

    @Option(names = "--parties", defaultValue = "2", description = "Compute parties: 2 or 3 (default: ${DEFAULT-VALUE}).")
    private int parties;

    @Option(names = "--tls", defaultValue = "on", description = "on|off: mutual TLS between the roles "
            + "(default: ${DEFAULT-VALUE}).")
    private String tls;

    @Option(names = "--workload", description = "Run a side-by-side workload instead: mul, poly, relu or lenet.")
    private String workload;

    @Option(names = "--elements", description = "Secret values of mul/poly/relu (default: 1,000,000 for mul, "
            + "100,000 for the others).")
    private Integer elements;

    @Option(names = "--latency-ms", defaultValue = "0", split = ",", description = "Emulated one-way latencies in ms, "
            + "each a run of its own (default: ${DEFAULT-VALUE}).")
    private double[] latencies;

    @Option(names = "--bandwidth-mbit", defaultValue = "0", description = "Emulated bandwidth per link and direction "
            + "in Mbit/s, 0 for none (default: ${DEFAULT-VALUE}).")
    private double bandwidth;

    @Option(names = "--reps", defaultValue = "3", description = "Timed runs after the warm-up at batch 1 (a third of "
            + "it, at least 1, at larger batches; default: ${DEFAULT-VALUE}).")
    private int reps;

    @Option(names = "--accuracy-images", defaultValue = "1000", description = "Labelled sample images for the "
            + "plaintext accuracy per B, 0 for none (default: ${DEFAULT-VALUE}).")
    private int accuracyImages;

    @Option(names = "--data", description = "Data set spec (KIND:PATH, as in 'sturdy eval') for the input and accuracy "
            + "images, class-balanced (default: Fashion-MNIST images for 28x28 grey models, else synthetic inputs and "
            + "no accuracy).")
    private String data;

    @Option(names = "--dealer", defaultValue = "live", description = "live: the dealer computes its corrections during "
            + "each query; ahead: before it, as a deployed dealer does while idle (dealer.prepared), and the parties "
            + "start timing once they are ready (default: ${DEFAULT-VALUE}).")
    private String dealer;

    @Option(names = "--json", description = "Print one JSON document.")
    private boolean json;

    @Option(names = "--out", description = "Write table.md, results.csv, results.json and PNG plots here.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Bench.Options o = options();
        Bench.Result r = workload != null ? Bench.workload(o, workload, elements)
                : Bench.model(o, loadModel(), modes(), batches);
        if (out != null) {
            r.write(out);
            System.err.println("sturdy bench: wrote " + out.resolve("table.md") + ", results.csv, results.json"
                    + (workload == null ? " and plots" : ""));
        }
        if (json) {
            out().println(Json.pretty(r.toMap()));
        } else {
            out().print(r.text());
        }
        out().flush();
        return 0;
    }

    private Bench.Options options() {
        if (parties < 2 || parties > 3) {
            throw new IllegalArgumentException("--parties must be 2 or 3, not " + parties);
        }
        if (!tls.equals("on") && !tls.equals("off")) {
            throw new IllegalArgumentException("--tls must be on or off, not '" + tls + "'");
        }
        if (workload != null && data != null) {
            throw new IllegalArgumentException("--data is for model benches; the workloads make their own inputs");
        }
        if (!dealer.equals("live") && !dealer.equals("ahead")) {
            throw new IllegalArgumentException("--dealer must be live or ahead, not '" + dealer + "'");
        }
        if (workload != null && dealer.equals("ahead")) {
            throw new IllegalArgumentException("--dealer ahead is for model benches; the workloads' dealer runs live");
        }
        if (reps < 1) {
            throw new IllegalArgumentException("--reps must be at least 1, not " + reps);
        }
        if (Arrays.stream(batches).anyMatch(b -> b < 1 || b > 64)) {
            throw new IllegalArgumentException("--batch sizes must be in 1..64, got " + Arrays.toString(batches));
        }
        if (Arrays.stream(latencies).anyMatch(l -> !(l >= 0) || l > 10_000) || !(bandwidth >= 0)) {
            throw new IllegalArgumentException("--latency-ms must be in 0..10000 and --bandwidth-mbit non-negative");
        }
        return new Bench.Options(parties, tls.equals("on"), reps, latencies, bandwidth, accuracyImages, data,
                dealer.equals("ahead"), message -> System.err.println("sturdy bench: " + message));
    }

    private int[] modes() {
        if (!relu.equals("exact") && !relu.equals("none")) {
            throw new IllegalArgumentException("--relu must be exact or none, not '" + relu + "'");
        }
        int[] b = BetaRange.parse(beta);
        for (int x : b) { // the bench's shares have the default f (those of B = 0), so B up to 14
            FixedPointPolicy.requireEnoughActivationBits(x, FixedPointPolicy.DEFAULT_ACTIVATION_BITS);
        }
        return relu.equals("exact") ? Arrays.copyOf(b, b.length + 1) : b; // the appended 0 is exact ReLU
    }

    private Model loadModel() throws java.io.IOException {
        return modelFile == null ? DemoModel.load() : ModelFiles.read(modelFile);
    }
}
