package dev.sturdy.train;

/** Where a training run reports progress; the command line draws it on standard error. */
public interface TrainingMonitor {

    /** After each batch: images done in this epoch, running mean loss and accuracy, speed, time left in the run. */
    void batch(int epoch, int epochs, int done, int total, double loss, double accuracy, double imagesPerSecond,
               double etaSeconds);

    /** After each epoch, with its record (and tracked accuracies). */
    void epoch(EpochRecord record, int epochs);

    /** A one-line note for the user (resuming, a bound that will not hold, ...). */
    void note(String text);

    TrainingMonitor SILENT = new TrainingMonitor() {
        @Override
        public void batch(int epoch, int epochs, int done, int total, double loss, double accuracy, double imagesPerSecond,
                          double etaSeconds) {
        }

        @Override
        public void epoch(EpochRecord record, int epochs) {
        }

        @Override
        public void note(String text) {
        }
    };
}
