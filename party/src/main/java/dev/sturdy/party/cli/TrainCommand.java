package dev.sturdy.party.cli;

import dev.sturdy.train.EpochRecord;
import dev.sturdy.train.NgnvSettings;
import dev.sturdy.train.Schedule;
import dev.sturdy.train.TrainingMonitor;
import dev.sturdy.train.TrainingOptions;
import dev.sturdy.train.TrainingRun;
import dev.sturdy.train.Zoo;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a zoo network on DJL (PyTorch, CPU), optionally sturdy (NGNV, Mixup), and export a Sturdy model.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", required = true, description = "resnet20, resnet32, resnet44, resnet56, resnet110, resnet18, mobilenetv2, shufflenetv2 (CIFAR variants) or smallcnn")
    String arch;

    @Option(names = "--data", required = true, description = "Training data: idx:DIR:train, cifar10-bin:DIR:train or imagefolder:DIR")
    String data;

    @Option(names = "--test", description = "Test data for --track-pann (default: the test split beside --data)")
    String test;

    @Option(names = "--epochs", required = true, description = "Epochs")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "Batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.1", description = "Initial learning rate (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--schedule", defaultValue = "paper", description = "paper (x0.1 at 50% and 75% of the epochs) or cosine")
    String schedule;

    @Option(names = "--wd", defaultValue = "0", description = "Weight decay (default ${DEFAULT-VALUE})")
    double wd;

    @Option(names = "--mixup", description = "Mixup with lambda ~ Beta(a, a), e.g. 0.5")
    Double mixup;

    @Option(names = "--ngnv", description = "NGNV noise: r=R,lambda=L[,sign], e.g. r=0.3,lambda=0.1")
    String ngnv;

    @Option(names = "--track-pann", description = "After each epoch, test accuracy of the PANN at these B (e.g. 8,9) into a CSV and a PNG")
    String trackPann;

    @Option(names = "--track-limit", defaultValue = "1000", description = "Class-balanced test images for --track-pann (default ${DEFAULT-VALUE})")
    int trackLimit;

    @Option(names = "--limit", defaultValue = "0", description = "Train on a class-balanced subset of N images (0: all)")
    int limit;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of initialisation, order, augmentation and noise (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--bound", defaultValue = "50", description = "PANN bound recorded in the model (default ${DEFAULT-VALUE})")
    double bound;

    @Option(names = "--threads", defaultValue = "1",
            description = "libtorch intra-op threads (default ${DEFAULT-VALUE}: on a busy machine, more threads mostly wait for each other)")
    int threads;

    @Option(names = "--init", description = "Start from the weights and input normalisation of this model file (same --arch): fine-tuning")
    Path init;

    @Option(names = "--resume", description = "Continue from the checkpoint beside --out")
    boolean resume;

    @Option(names = "--out", required = true, description = "Model file to write (checkpoint: OUT.ckpt, per-epoch CSV: *.track.csv)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Zoo.requireKnown(arch); // before the data loads
        TrainingOptions options = new TrainingOptions(arch, data, test, epochs, batch, lr, Schedule.parse(schedule), wd,
                mixup == null ? 0 : mixup, ngnv == null ? null : NgnvSettings.parse(ngnv),
                trackPann == null ? new int[0] : BetaRange.parse(trackPann), trackLimit, limit, seed, init, resume, out, bound, threads,
                "sturdy train " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        long start = System.nanoTime();
        TrainingRun.Result result = new TrainingRun(options, new Monitor(options.trackBetas())).run();
        System.out.printf(Locale.ROOT, "wrote %s (%s, %d epochs, %.1f min)%n", out, arch, result.history().size(),
                (System.nanoTime() - start) / 60e9);
        return 0;
    }

    /** Progress on standard error: one line per batch redrawn on a terminal, one per epoch otherwise. */
    private static final class Monitor implements TrainingMonitor {
        private final int[] betas;
        private final StatusLine status = new StatusLine(30);

        Monitor(int[] betas) {
            this.betas = betas;
        }

        @Override
        public void batch(int epoch, int epochs, int done, int total, double loss, double accuracy, double imagesPerSecond,
                          double etaSeconds) {
            if (!status.due(done >= total)) {
                return;
            }
            status.show(String.format(Locale.ROOT, "epoch %d/%d  %6d/%d  loss %.4f  acc %5.2f%%  %6.0f img/s  ETA %s",
                    epoch, epochs, done, total, loss, accuracy, imagesPerSecond, duration(etaSeconds)), false);
        }

        @Override
        public void epoch(EpochRecord r, int epochs) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "epoch %d/%d done: loss %.4f, train acc %.2f%%, %.0f img/s, %.0f s", r.epoch(), epochs, r.loss(),
                    r.trainAccuracy(), r.imagesPerSecond(), r.seconds()));
            if (!Double.isNaN(r.backbone())) {
                line.append(String.format(Locale.ROOT, "; test backbone %.2f%%", r.backbone()));
                for (int i = 0; i < betas.length; i++) {
                    line.append(String.format(Locale.ROOT, ", B=%d %.2f%%", betas[i], r.pann()[i]));
                }
                line.append(String.format(Locale.ROOT, ", max |z| %.1f", r.maxAbs()));
            }
            status.println(line.toString());
        }

        @Override
        public void note(String text) {
            status.println("sturdy train: " + text);
        }

        private static String duration(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60) : String.format("%dm%02ds", s / 60, s % 60);
        }
    }
}
