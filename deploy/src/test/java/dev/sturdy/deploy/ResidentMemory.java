package dev.sturdy.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples a process's resident set size (Linux /proc) every 100 ms while open and keeps the peak:
 * heap, Netty's direct buffers and everything else a role holds.
 */
final class ResidentMemory implements AutoCloseable {
    private final Path status;
    private final Thread sampler;
    private volatile long peak;
    private volatile boolean open = true;

    ResidentMemory(long pid) {
        status = Path.of("/proc/" + pid + "/status");
        sampler = new Thread(this::sample, "rss-" + pid);
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (open) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        peak = Math.max(peak, kib << 10);
                    }
                }
                Thread.sleep(100);
            } catch (IOException e) {
                return; // the process ended
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The largest resident set seen, in bytes. */
    long peak() {
        return peak;
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        sampler.join();
    }
}
