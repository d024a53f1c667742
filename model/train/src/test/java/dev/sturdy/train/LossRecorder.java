package dev.sturdy.train;

import java.util.List;

/** A monitor that records the running mean loss after every batch. */
record LossRecorder(List<Double> losses) implements TrainingMonitor {
    @Override
    public void batch(int epoch, int epochs, int done, int total, double loss, double accuracy, double imagesPerSecond,
                      double etaSeconds) {
        losses.add(loss);
    }

    @Override
    public void epoch(EpochRecord record, int epochs) {
    }

    @Override
    public void note(String text) {
    }
}
