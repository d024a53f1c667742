package dev.sturdy.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The sending side of one emulated link ({@link LinkEmulation}): each frame gets the time its last
 * byte leaves a link of the capped bandwidth that sends one frame after the other, plus the one-way
 * delay, and is written to the channel at that time by a task on the channel's event loop (which
 * never sleeps). Frames leave in the order they were queued. A sender whose frames are more than a
 * socket buffer's worth of transmission time ahead of the link waits, as a full socket would make it.
 */
final class DelayedWriter {
    private record Pending(Channel channel, ByteBuf frame, long dueNanos) {
    }

    private final LinkEmulation emulation;
    private final long maxBacklogNanos;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long linkFreeNanos = System.nanoTime();

    /** @param bufferBytes how far ahead of the link a sender may run, in bytes (the socket buffer) */
    DelayedWriter(LinkEmulation emulation, int bufferBytes) {
        this.emulation = emulation;
        this.maxBacklogNanos = emulation.transmitNanos(bufferBytes);
    }

    /** Queues a frame; the caller's thread then waits while the link is too far behind. */
    void write(Channel ch, ByteBuf frame) {
        long backlog;
        synchronized (queue) {
            long now = System.nanoTime();
            linkFreeNanos = Math.max(now, linkFreeNanos) + emulation.transmitNanos(frame.readableBytes());
            long due = linkFreeNanos + emulation.oneWayDelay().toNanos();
            queue.add(new Pending(ch, frame, due));
            if (queue.size() == 1) {
                ch.eventLoop().schedule(this::drain, due - now, TimeUnit.NANOSECONDS);
            }
            backlog = linkFreeNanos - now;
        }
        if (backlog > maxBacklogNanos) {
            LockSupport.parkNanos(backlog - maxBacklogNanos);
        }
    }

    /** Waits (up to {@code timeoutNanos}) until every queued frame has been handed to its channel. */
    void drainBefore(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() - deadline < 0) {
            synchronized (queue) {
                if (queue.isEmpty()) {
                    return;
                }
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** On an event loop: writes every frame that is due, then schedules itself for the next one. */
    private void drain() {
        synchronized (queue) {
            long now = System.nanoTime();
            Pending p;
            while ((p = queue.peek()) != null && p.dueNanos - now <= 0) {
                queue.poll();
                if (p.channel.isActive()) {
                    p.channel.writeAndFlush(p.frame, p.channel.voidPromise());
                } else {
                    p.frame.release();
                }
            }
            if (p != null) {
                p.channel.eventLoop().schedule(this::drain, p.dueNanos - now, TimeUnit.NANOSECONDS);
            }
        }
    }
}
