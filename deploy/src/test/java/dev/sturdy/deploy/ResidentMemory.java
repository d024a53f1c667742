package dev.sturdy.deploy;

import java.io.IOException;

/**
 * Samples a process's resident set size (Linux /proc) every 100 ms while open and keeps the peak:
 * heap, Netty's direct buffers and everything else a role holds.
 */
final class ResidentMemory implements AutoCloseable {
    private final long pid;
    private final Thread sampler;
    private volatile long peak;
    private volatile boolean open = true;

    ResidentMemory(long pid) {
        this.pid = pid;
        sampler = new Thread(this::sample, "rss-" + pid);
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (open) {
            try {
                peak = Math.max(peak, ProcStatus.value(pid, "VmRSS") << 10);
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
