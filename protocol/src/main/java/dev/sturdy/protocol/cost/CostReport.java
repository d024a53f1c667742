package dev.sturdy.protocol.cost;

import dev.sturdy.protocol.correlation.CorrelationKind;
import dev.sturdy.protocol.net.TrafficStats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Costs of one role (party or dealer) for one query, per operation label and in total: rounds,
 * payload bytes and messages sent and received per peer (the dealer is id N, so "dealer bytes"
 * on a party are what it received from id N), correlation elements by kind, and time.
 */
public final class CostReport {
    private final int role;
    private final int parties;
    private final long query;
    private final List<Entry> entries;
    private final Entry total;

    /** Costs of one label. Mutable while tracked, copied into reports. */
    public static final class Entry {
        private final String label;
        private long rounds;
        private final TrafficStats traffic;
        private final long[] correlations = new long[CorrelationKind.values().length];
        private long nanos;
        private final long[] waitNanos;

        Entry(String label, int ids) {
            this.label = label;
            this.traffic = new TrafficStats(ids);
            this.waitNanos = new long[ids];
        }

        void add(long r, TrafficStats t, long[] usage, long ns, long[] waits) {
            rounds += r;
            traffic.add(t);
            for (int i = 0; i < usage.length; i++) {
                correlations[i] += usage[i];
            }
            nanos += ns;
            for (int i = 0; i < waits.length; i++) {
                waitNanos[i] += waits[i];
            }
        }

        Entry copy() {
            Entry e = new Entry(label, traffic.ids());
            e.add(rounds, traffic, correlations, nanos, waitNanos);
            return e;
        }

        public String label() {
            return label;
        }

        public long rounds() {
            return rounds;
        }

        public long bytesSent(int peer) {
            return traffic.bytesSent(peer);
        }

        public long bytesReceived(int peer) {
            return traffic.bytesReceived(peer);
        }

        public long bytesSent() {
            return traffic.totalBytesSent();
        }

        public long bytesReceived() {
            return traffic.totalBytesReceived();
        }

        public long messagesSent(int peer) {
            return traffic.messagesSent(peer);
        }

        public long correlations(CorrelationKind k) {
            return correlations[k.ordinal()];
        }

        public double millis() {
            return nanos / 1e6;
        }

        /**
         * Time spent waiting in receives from {@code peer} (the dealer is id N); measured only when the
         * session's network is a {@link WaitTimingNetwork}, else 0.
         */
        public double waitMillis(int peer) {
            return waitNanos[peer] / 1e6;
        }

        /** On a party: bytes exchanged with the dealer (id N); on the dealer: everything it sent. */
        public long dealerBytes(int role, int parties) {
            return role == parties ? traffic.totalBytesSent() + traffic.totalBytesReceived()
                    : traffic.bytesReceived(parties) + traffic.bytesSent(parties);
        }

        Map<String, Object> toMap(int role, int parties) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", label);
            m.put("rounds", rounds);
            List<Object> sent = new ArrayList<>(), recv = new ArrayList<>();
            for (int p = 0; p <= parties; p++) {
                sent.add(traffic.bytesSent(p));
                recv.add(traffic.bytesReceived(p));
            }
            m.put("bytesSentTo", sent);
            m.put("bytesReceivedFrom", recv);
            m.put("dealerBytes", dealerBytes(role, parties));
            Map<String, Object> c = new LinkedHashMap<>();
            for (CorrelationKind k : CorrelationKind.values()) {
                c.put(k.name().toLowerCase(), correlations[k.ordinal()]);
            }
            m.put("correlations", c);
            m.put("millis", millis());
            List<Object> waits = new ArrayList<>();
            for (int p = 0; p <= parties; p++) {
                waits.add(waitMillis(p));
            }
            m.put("waitMillisFrom", waits);
            return m;
        }
    }

    CostReport(int role, int parties, long query, Collection<Entry> tracked) {
        this.role = role;
        this.parties = parties;
        this.query = query;
        this.entries = new ArrayList<>();
        this.total = new Entry("total", parties + 1);
        for (Entry e : tracked) {
            Entry c = e.copy();
            entries.add(c);
            total.add(c.rounds, c.traffic, c.correlations, c.nanos, c.waitNanos);
        }
    }

    public int role() {
        return role;
    }

    public long query() {
        return query;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public Entry entry(String label) {
        for (Entry e : entries) {
            if (e.label.equals(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no costs recorded under label '" + label + "'");
    }

    public Entry total() {
        return total;
    }

    /** Dealer traffic: on a party what it exchanged with the dealer, on the dealer all it sent. */
    public long dealerBytes() {
        return total.dealerBytes(role, parties);
    }

    /** A nested map of plain values (String, Long, Double, List, Map) for a JSON writer. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role == parties ? "dealer" : "party " + role);
        m.put("query", query);
        List<Object> list = new ArrayList<>();
        for (Entry e : entries) {
            list.add(e.toMap(role, parties));
        }
        m.put("operations", list);
        m.put("total", total.toMap(role, parties));
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(role == parties ? "dealer" : "party " + role).append(", query ").append(query).append('\n');
        sb.append(String.format("%-20s %6s %14s %14s %14s %12s  %s%n", "operation", "rounds", "sent B", "received B",
                "dealer B", "ms", "correlations"));
        List<Entry> rows = new ArrayList<>(entries);
        rows.add(total);
        for (Entry e : rows) {
            StringBuilder c = new StringBuilder();
            for (CorrelationKind k : CorrelationKind.values()) {
                if (e.correlations[k.ordinal()] != 0) {
                    c.append(k.name().toLowerCase()).append('=').append(e.correlations[k.ordinal()]).append(' ');
                }
            }
            sb.append(String.format("%-20s %6d %14d %14d %14d %12.2f  %s%n", e.label, e.rounds, e.bytesSent(),
                    e.bytesReceived(), e.dealerBytes(role, parties), e.millis(),
                    c.toString().trim()));
        }
        return sb.toString();
    }
}
