package dev.sturdy.model.eval;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Top-1 accuracy of one activation mode over a set of images, on several threads, each with its
 * own workspace and range statistics (merged at the end).
 */
public final class AccuracyRun {

    private final PlainEvaluator evaluator;
    private final int threads;

    public AccuracyRun(PlainEvaluator evaluator, int threads) {
        this.evaluator = evaluator;
        this.threads = Math.max(1, threads);
    }

    /** progress receives the number of images finished so far (from any thread). */
    public ModeResult run(LabelledImages images, ActivationMode mode, IntConsumer progress) {
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        RangeStats total = evaluator.newStats();
        int[] correct = new int[threads];
        Thread[] workers = new Thread[threads];
        RuntimeException[] failure = new RuntimeException[1];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                PlainEvaluator.Workspace ws = evaluator.newWorkspace();
                RangeStats stats = evaluator.newStats();
                double[] logits = new double[evaluator.numClasses()];
                int size = images.shape().size();
                try {
                    for (int i = next.getAndIncrement(); i < images.count(); i = next.getAndIncrement()) {
                        evaluator.logits(images.pixels(), i * size, mode, ws, stats, logits);
                        if (argmax(logits) == images.labels()[i]) {
                            correct[id]++;
                        }
                        progress.accept(done.incrementAndGet());
                    }
                } catch (RuntimeException e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                    next.set(images.count());
                }
                synchronized (total) {
                    total.merge(stats);
                }
            }, "eval-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while evaluating", e);
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        int sum = 0;
        for (int c : correct) {
            sum += c;
        }
        return new ModeResult(mode.label(), images.count(), sum, total, (System.nanoTime() - start) / 1e9);
    }

    public static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
