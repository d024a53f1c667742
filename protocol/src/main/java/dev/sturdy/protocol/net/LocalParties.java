package dev.sturdy.protocol.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs N compute parties and the dealer as threads over one {@link InMemoryNetwork} and collects
 * the parties' results. If any role fails, throws a {@link PartyFailure} listing every failure
 * by role, so a test sees the root cause (e.g. the dealer stopped) next to its consequences.
 */
public final class LocalParties {
    private LocalParties() {
    }

    /** Thrown when one or more roles failed; the message names every failed role. */
    public static final class PartyFailure extends RuntimeException {
        PartyFailure(String message, Throwable first) {
            super(message, first);
        }
    }

    public static <T> List<T> run(int computeParties, Duration timeout, Function<Network, T> party,
                                  Consumer<Network> dealer) {
        try (InMemoryNetwork net = new InMemoryNetwork(computeParties, timeout)) {
            ExecutorService pool = Executors.newFixedThreadPool(computeParties + 1, r -> {
                Thread t = new Thread(r, "sturdy-local-party");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<T>> futures = new ArrayList<>();
                for (int p = 0; p < computeParties; p++) {
                    Network ep = net.endpoint(p);
                    futures.add(pool.submit(() -> party.apply(ep)));
                }
                Network dealerEp = net.endpoint(computeParties);
                Future<?> dealerFuture = pool.submit(() -> dealer.accept(dealerEp));
                List<T> results = new ArrayList<>();
                StringBuilder failures = new StringBuilder();
                Throwable first = null;
                for (int p = 0; p <= computeParties; p++) {
                    Future<?> f = p < computeParties ? futures.get(p) : dealerFuture;
                    try {
                        Object v = f.get();
                        if (p < computeParties) {
                            @SuppressWarnings("unchecked")
                            T t = (T) v;
                            results.add(t);
                        }
                    } catch (ExecutionException e) {
                        Throwable c = e.getCause();
                        if (first == null) {
                            first = c;
                        }
                        failures.append(p == computeParties ? "dealer" : "party " + p).append(": ")
                                .append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append('\n');
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                }
                if (first != null) {
                    throw new PartyFailure("roles failed:\n" + failures, first);
                }
                return results;
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
