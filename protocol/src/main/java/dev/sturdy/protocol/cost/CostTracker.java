package dev.sturdy.protocol.cost;

import dev.sturdy.protocol.correlation.CorrelationKind;
import dev.sturdy.protocol.net.Network;
import dev.sturdy.protocol.net.TrafficStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Attributes the costs of one role to operation labels (e.g. layer names) within a query: rounds,
 * payload bytes and messages per peer (from the network's counters), correlation elements by kind
 * (from the correlation source's counters) and wall time. Costs go to the label active when they
 * happen; {@link #section(String)} switches the label until the returned handle is closed.
 * Everything outside a section goes to {@link #UNLABELLED}. On a {@link WaitTimingNetwork} it also
 * books the time spent waiting for each peer.
 */
public final class CostTracker {
    public static final String UNLABELLED = "(unlabelled)";

    private final Network net;
    private final Supplier<long[]> correlationUsage;
    private final Supplier<long[]> waits;
    private final Map<String, CostReport.Entry> entries = new LinkedHashMap<>();
    private long query = Network.SETUP_QUERY;
    private String label = UNLABELLED;
    private TrafficStats trafficMark;
    private long[] usageMark;
    private long[] waitMark;
    private long timeMark;
    private long rounds;

    /** @param correlationUsage cumulative correlation elements per {@link CorrelationKind} ordinal */
    public CostTracker(Network net, Supplier<long[]> correlationUsage) {
        this.net = net;
        this.correlationUsage = correlationUsage;
        long[] none = new long[net.computeParties() + 1];
        this.waits = net instanceof WaitTimingNetwork w ? w::waitNanos : () -> none;
        mark();
    }

    private void mark() {
        trafficMark = net.stats().snapshot();
        usageMark = correlationUsage.get();
        waitMark = waits.get();
        timeMark = System.nanoTime();
        rounds = 0;
    }

    /** Books what happened since the last mark to the current label. */
    private void flush() {
        TrafficStats t = net.stats().minus(trafficMark);
        long[] usage = correlationUsage.get();
        long[] dUsage = new long[usage.length];
        boolean any = rounds != 0 || t.totalBytesSent() != 0 || t.totalBytesReceived() != 0;
        for (int i = 0; i < usage.length; i++) {
            dUsage[i] = usage[i] - usageMark[i];
            any |= dUsage[i] != 0;
        }
        long[] wait = waits.get();
        for (int i = 0; i < wait.length; i++) {
            wait[i] -= waitMark[i];
        }
        long nanos = System.nanoTime() - timeMark;
        if (any || !label.equals(UNLABELLED)) {
            entries.computeIfAbsent(label, l -> new CostReport.Entry(l, net.stats().ids()))
                    .add(rounds, t, dUsage, nanos, wait);
        }
        mark();
    }

    /** Starts a new query: clears the entries. Call together with {@link Network#beginQuery}. */
    public void beginQuery(long queryId) {
        entries.clear();
        query = queryId;
        label = UNLABELLED;
        mark();
    }

    /** Counts one communication round for the current label. */
    public void round() {
        rounds++;
    }

    /** Costs until close() go to {@code newLabel}; the previous label resumes after. */
    public Section section(String newLabel) {
        flush();
        String previous = label;
        label = newLabel;
        return new Section(previous);
    }

    public final class Section implements AutoCloseable {
        private final String previous;
        private boolean closed;

        private Section(String previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                flush();
                label = previous;
            }
        }
    }

    /** The costs of the current query so far, per label, plus totals. */
    public CostReport report() {
        flush();
        return new CostReport(net.id(), net.computeParties(), query, entries.values());
    }
}
