package dev.sturdy.net;

import java.time.Duration;

/**
 * Network conditions a transport imposes on what it sends, to reproduce a WAN on one machine
 * (these kernels have no netem): every frame leaves {@code oneWayDelay} after its last byte was
 * "transmitted" at {@code bitsPerSecond} on a link that sends one frame at a time. Applied on the
 * sending side of each link, so a round between two parties costs one delay and a message of
 * s bytes at least s / bandwidth. {@link #NONE} (the default) sends at once.
 *
 * @param oneWayDelay   added to every frame; zero for none
 * @param bitsPerSecond bandwidth cap per link and direction; 0 for none
 */
public record LinkEmulation(Duration oneWayDelay, long bitsPerSecond) {
    public static final LinkEmulation NONE = new LinkEmulation(Duration.ZERO, 0);

    public LinkEmulation {
        if (oneWayDelay.isNegative()) {
            throw new IllegalArgumentException("the one-way delay cannot be negative, got " + oneWayDelay.toMillis() + " ms");
        }
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("the bandwidth cannot be negative, got " + bitsPerSecond + " bit/s");
        }
    }

    /** A delay in milliseconds and a cap in Mbit/s (0 for none), as configuration files give them. */
    public static LinkEmulation of(double delayMillis, double megabitsPerSecond) {
        if (!(delayMillis >= 0) || !(megabitsPerSecond >= 0)) {
            throw new IllegalArgumentException("link delay and bandwidth must be non-negative numbers, got "
                    + delayMillis + " ms and " + megabitsPerSecond + " Mbit/s");
        }
        return new LinkEmulation(Duration.ofNanos(Math.round(delayMillis * 1e6)), Math.round(megabitsPerSecond * 1e6));
    }

    public boolean active() {
        return !oneWayDelay.isZero() || bitsPerSecond > 0;
    }

    /** How long {@code bytes} take on the link at the cap (0 without a cap). */
    public long transmitNanos(long bytes) {
        return bitsPerSecond == 0 ? 0 : (long) (bytes * 8e9 / bitsPerSecond);
    }

    @Override
    public String toString() {
        if (!active()) {
            return "no link emulation";
        }
        return String.format("one-way delay %.1f ms, %s", oneWayDelay.toNanos() / 1e6,
                bitsPerSecond == 0 ? "no bandwidth cap" : String.format("%.1f Mbit/s", bitsPerSecond / 1e6));
    }
}
