package dev.sturdy.party.metrics;

import dev.sturdy.net.NettyTransport;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * What one role tells operators, in Prometheus' text format: queries by outcome, a latency
 * histogram, rounds and payload bytes of finished queries, and gauges read from the transport
 * (open streams, data held for unopened queries, time the dealer waited for party 0 to read); the
 * dealer's also its queries prepared ahead.
 * Only counts, sizes and times: never a share, an input, an output or a weight.
 */
public final class RoleMetrics {
    /** Upper bounds of the latency buckets, seconds. */
    private static final double[] BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    public enum Outcome { OK, REFUSED, FAILED }

    private final String role;
    private final AtomicLongArray outcomes = new AtomicLongArray(Outcome.values().length);
    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length);
    private final AtomicLong latencyMicros = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private volatile Gauges gauges = Gauges.NONE;
    private volatile LongSupplier preparedQueries;
    private final AtomicLong servedPrepared = new AtomicLong();

    /** Readings of the role's transport, once it is up. */
    public record Gauges(LongSupplier openStreams, LongSupplier unclaimedBytes, LongSupplier sendWaitNanos) {
        static final Gauges NONE = new Gauges(() -> 0, () -> 0, () -> 0);

        public static Gauges of(NettyTransport t) {
            return new Gauges(t::streamCount, t::unclaimedBytes, t::sendWaitNanos);
        }
    }

    /** @param role "party-0", ..., "dealer": the label of every series */
    public RoleMetrics(String role) {
        this.role = role;
    }

    public void gauges(Gauges g) {
        gauges = g;
    }

    /** On the dealer: how many queries are prepared ahead now. */
    public void preparedQueries(LongSupplier ready) {
        preparedQueries = ready;
    }

    /** On the dealer: a query was served from one prepared ahead. */
    public void servedPrepared() {
        servedPrepared.incrementAndGet();
    }

    public void refused() {
        outcomes.incrementAndGet(Outcome.REFUSED.ordinal());
    }

    public void failed() {
        outcomes.incrementAndGet(Outcome.FAILED.ordinal());
    }

    /** A query that finished: its time, and the rounds and payload bytes this role spent on it. */
    public void finished(double seconds, long queryRounds, long queryBytesSent) {
        outcomes.incrementAndGet(Outcome.OK.ordinal());
        for (int b = 0; b < BUCKETS.length; b++) {
            if (seconds <= BUCKETS[b]) {
                buckets.incrementAndGet(b);
            }
        }
        latencyMicros.addAndGet(Math.round(seconds * 1e6));
        rounds.addAndGet(queryRounds);
        bytesSent.addAndGet(queryBytesSent);
    }

    /** The exposition text. */
    public String scrape() {
        StringBuilder s = new StringBuilder();
        String r = "role=\"" + role + "\"";
        s.append("# HELP sturdy_queries_total Queries by outcome: ok, refused (limits, bad requests), failed.\n");
        s.append("# TYPE sturdy_queries_total counter\n");
        for (Outcome o : Outcome.values()) {
            s.append("sturdy_queries_total{").append(r).append(",outcome=\"").append(o.name().toLowerCase(Locale.ROOT))
                    .append("\"} ").append(outcomes.get(o.ordinal())).append('\n');
        }
        s.append("# HELP sturdy_query_seconds Time of finished queries on this role.\n");
        s.append("# TYPE sturdy_query_seconds histogram\n");
        for (int b = 0; b < BUCKETS.length; b++) {
            s.append("sturdy_query_seconds_bucket{").append(r).append(",le=\"").append(BUCKETS[b]).append("\"} ")
                    .append(buckets.get(b)).append('\n');
        }
        long ok = outcomes.get(Outcome.OK.ordinal());
        s.append("sturdy_query_seconds_bucket{").append(r).append(",le=\"+Inf\"} ").append(ok).append('\n');
        s.append("sturdy_query_seconds_sum{").append(r).append("} ")
                .append(String.format(Locale.ROOT, "%.6f", latencyMicros.get() / 1e6)).append('\n');
        s.append("sturdy_query_seconds_count{").append(r).append("} ").append(ok).append('\n');
        counter(s, "sturdy_rounds_total", "Communication rounds of finished queries.", r, rounds.get());
        counter(s, "sturdy_payload_bytes_sent_total", "Payload bytes this role sent in finished queries.", r,
                bytesSent.get());
        Gauges g = gauges;
        gauge(s, "sturdy_open_streams", "Query streams this role holds state for (recently closed ones included).", r,
                g.openStreams().getAsLong());
        gauge(s, "sturdy_unclaimed_bytes", "Bytes held for queries no client asked this role to run yet.", r,
                g.unclaimedBytes().getAsLong());
        s.append("# HELP sturdy_send_wait_seconds_total Time spent waiting for a peer to read (the dealer: its lead "
                + "over a party was a full window).\n# TYPE sturdy_send_wait_seconds_total counter\n");
        s.append("sturdy_send_wait_seconds_total{").append(r).append("} ")
                .append(String.format(Locale.ROOT, "%.6f", g.sendWaitNanos().getAsLong() / 1e9)).append('\n');
        LongSupplier prepared = preparedQueries;
        if (prepared != null) {
            gauge(s, "sturdy_dealer_prepared_queries", "Queries the dealer has computed ahead and holds ready.", r,
                    prepared.getAsLong());
            counter(s, "sturdy_dealer_served_prepared_total", "Queries served from one computed ahead.", r,
                    servedPrepared.get());
        }
        return s.toString();
    }

    private static void counter(StringBuilder s, String name, String help, String labels, long value) {
        s.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" counter\n")
                .append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }

    private static void gauge(StringBuilder s, String name, String help, String labels, long value) {
        s.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" gauge\n")
                .append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }
}
