package dev.sturdy.party.server;

import io.grpc.Context;

/**
 * While open, interrupts the thread that opened it when the current gRPC call is cancelled (the
 * client gave up, e.g. because another party already failed the query), so a query waiting for a
 * peer that will never answer stops at once instead of at the receive timeout. Closing stops
 * listening and clears an interrupt it may have left, so the call's thread goes back clean.
 */
final class InterruptOnCancel implements AutoCloseable {
    private final Context context = Context.current();
    private final Thread worker = Thread.currentThread();
    private final Context.CancellationListener listener = c -> interruptIfOpen();
    private boolean open = true;

    InterruptOnCancel() {
        context.addListener(listener, Runnable::run);
    }

    private synchronized void interruptIfOpen() {
        if (open) {
            worker.interrupt();
        }
    }

    @Override
    public void close() {
        context.removeListener(listener);
        synchronized (this) {
            open = false;
        }
        Thread.interrupted();
    }
}
