package dev.sturdy.train;

import java.nio.file.Path;

/**
 * Everything one training run is told. mixupAlpha 0 means no Mixup, ngnv null no NGNV,
 * trackBetas empty no PANN tracking, limit 0 all training images; test may be null where it can
 * be derived from data (see {@link TestSplit}); init, when not null, is a model file whose weights
 * and normalisation the run starts from (fine-tuning); threads are libtorch's intra-op threads;
 * command is recorded in the model file.
 */
public record TrainingOptions(String architecture, String data, String test, int epochs, int batch, double learningRate,
                              Schedule schedule, double weightDecay, double mixupAlpha, NgnvSettings ngnv,
                              int[] trackBetas, int trackLimit, int limit, long seed, Path init, boolean resume, Path out,
                              double bound, int threads, String command) {

    public TrainingOptions {
        require(epochs > 0, "--epochs must be positive, got " + epochs);
        require(batch >= 2, "--batch must be at least 2 (batch norm needs two samples), got " + batch);
        require(learningRate > 0 && Double.isFinite(learningRate), "--lr must be positive, got " + learningRate);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "--wd must be >= 0, got " + weightDecay);
        require(mixupAlpha >= 0 && Double.isFinite(mixupAlpha), "--mixup alpha must be >= 0, got " + mixupAlpha);
        require(limit >= 0, "--limit must be >= 0, got " + limit);
        require(trackLimit > 0, "--track-limit must be positive, got " + trackLimit);
        require(bound > 0 && Double.isFinite(bound), "--bound must be positive, got " + bound);
        require(threads >= 1, "--threads must be at least 1, got " + threads);
        trackBetas = trackBetas.clone();
    }

    /** The checkpoint written beside the model after every epoch. */
    public Path checkpoint() {
        return out.resolveSibling(out.getFileName() + ".ckpt");
    }

    /** The per-epoch CSV of --track-pann (and of every run: loss and accuracy per epoch). */
    public Path trackCsv() {
        return out.resolveSibling(baseName() + ".track.csv");
    }

    public Path trackPng() {
        return out.resolveSibling(baseName() + ".track.png");
    }

    private String baseName() {
        String name = out.getFileName().toString();
        return name.endsWith(".model") ? name.substring(0, name.length() - ".model".length()) : name;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
