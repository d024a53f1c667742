package dev.sturdy.party.cli;

/** Progress of a count of items (images, ...) as a {@link StatusLine}: rate, then ETA or total time. */
final class Progress {

    private final StatusLine status = new StatusLine(10);
    private final String label;
    private final int total;
    private final long start = System.nanoTime();

    Progress(String label, int total) {
        this.label = label;
        this.total = total;
    }

    /** Called with the count done so far, from any thread. */
    void update(int done) {
        boolean finished = done >= total;
        if (done == 0 || !status.due(finished)) {
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        status.show(String.format("%-10s %6d/%d  %7.1f/s  %s", label, done, total, rate,
                finished ? String.format("%.1f s", seconds) : String.format("ETA %.0f s", (total - done) / Math.max(rate, 1e-9))),
                finished);
    }
}
