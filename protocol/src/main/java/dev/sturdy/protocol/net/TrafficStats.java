package dev.sturdy.protocol.net;

import java.util.Arrays;

/**
 * Cumulative payload counters of one endpoint, per peer id (0..N, the dealer is id N). Bytes are
 * payload bytes (8 per ring element); frame headers (query, step, tag, length) are not included,
 * they are counted as messages.
 */
public final class TrafficStats {
    private final long[] bytesSent, bytesReceived, messagesSent, messagesReceived;

    public TrafficStats(int ids) {
        bytesSent = new long[ids];
        bytesReceived = new long[ids];
        messagesSent = new long[ids];
        messagesReceived = new long[ids];
    }

    private TrafficStats(TrafficStats o) {
        bytesSent = o.bytesSent.clone();
        bytesReceived = o.bytesReceived.clone();
        messagesSent = o.messagesSent.clone();
        messagesReceived = o.messagesReceived.clone();
    }

    public void recordSent(int peer, long elements) {
        bytesSent[peer] += 8 * elements;
        messagesSent[peer]++;
    }

    public void recordReceived(int peer, long elements) {
        bytesReceived[peer] += 8 * elements;
        messagesReceived[peer]++;
    }

    public int ids() {
        return bytesSent.length;
    }

    public long bytesSent(int peer) {
        return bytesSent[peer];
    }

    public long bytesReceived(int peer) {
        return bytesReceived[peer];
    }

    public long messagesSent(int peer) {
        return messagesSent[peer];
    }

    public long messagesReceived(int peer) {
        return messagesReceived[peer];
    }

    public long totalBytesSent() {
        return Arrays.stream(bytesSent).sum();
    }

    public long totalBytesReceived() {
        return Arrays.stream(bytesReceived).sum();
    }

    public TrafficStats snapshot() {
        return new TrafficStats(this);
    }

    /** this minus an earlier snapshot. */
    public TrafficStats minus(TrafficStats earlier) {
        TrafficStats d = new TrafficStats(this);
        for (int i = 0; i < d.ids(); i++) {
            d.bytesSent[i] -= earlier.bytesSent[i];
            d.bytesReceived[i] -= earlier.bytesReceived[i];
            d.messagesSent[i] -= earlier.messagesSent[i];
            d.messagesReceived[i] -= earlier.messagesReceived[i];
        }
        return d;
    }

    /** Adds another delta into this one. */
    public void add(TrafficStats d) {
        for (int i = 0; i < ids(); i++) {
            bytesSent[i] += d.bytesSent[i];
            bytesReceived[i] += d.bytesReceived[i];
            messagesSent[i] += d.messagesSent[i];
            messagesReceived[i] += d.messagesReceived[i];
        }
    }

    @Override
    public String toString() {
        return "sent " + Arrays.toString(bytesSent) + " B, received " + Arrays.toString(bytesReceived) + " B";
    }
}
