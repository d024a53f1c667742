package dev.sturdy.deploy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Linux restarts TCP slow start after an idle period ({@code net.ipv4.tcp_slow_start_after_idle},
 * default 1), so on a long link every opening after a pause pays extra round trips. It is a
 * system-wide sysctl: when the bench runs as root it switches it off for the run and restores it
 * afterwards; otherwise it says how to. (With emulated delay on loopback the real RTT is tiny, so
 * it matters little there; it matters on real WAN links.)
 */
final class SlowStartAfterIdle implements AutoCloseable {
    static final Path SYSCTL = Path.of("/proc/sys/net/ipv4/tcp_slow_start_after_idle");

    private final String previous;

    private SlowStartAfterIdle(String previous) {
        this.previous = previous;
    }

    static SlowStartAfterIdle off(Consumer<String> progress) {
        try {
            String now = Files.readString(SYSCTL).trim();
            if (now.equals("0")) {
                return new SlowStartAfterIdle(null);
            }
            try {
                Files.writeString(SYSCTL, "0\n");
                progress.accept("set net.ipv4.tcp_slow_start_after_idle=0 for the run (was " + now + ")");
                return new SlowStartAfterIdle(now);
            } catch (IOException e) {
                progress.accept("net.ipv4.tcp_slow_start_after_idle is " + now + "; on real long links run "
                        + "'sysctl -w net.ipv4.tcp_slow_start_after_idle=0' as root");
                return new SlowStartAfterIdle(null);
            }
        } catch (IOException e) {
            return new SlowStartAfterIdle(null); // not Linux: nothing to tune
        }
    }

    @Override
    public void close() {
        if (previous != null) {
            try {
                Files.writeString(SYSCTL, previous + "\n");
            } catch (IOException e) {
                System.err.println("sturdy bench: could not restore net.ipv4.tcp_slow_start_after_idle=" + previous
                        + ": " + e.getMessage());
            }
        }
    }
}
