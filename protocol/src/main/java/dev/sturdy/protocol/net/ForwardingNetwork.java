package dev.sturdy.protocol.net;

/** A {@link Network} that hands every call to another one; subclasses override what they observe. */
public abstract class ForwardingNetwork implements Network {
    protected final Network inner;

    protected ForwardingNetwork(Network inner) {
        this.inner = inner;
    }

    @Override
    public int id() {
        return inner.id();
    }

    @Override
    public int computeParties() {
        return inner.computeParties();
    }

    @Override
    public void beginQuery(long queryId) {
        inner.beginQuery(queryId);
    }

    @Override
    public long currentQuery() {
        return inner.currentQuery();
    }

    @Override
    public void send(int peer, long tag, long[] data, int offset, int length) {
        inner.send(peer, tag, data, offset, length);
    }

    @Override
    public void receive(int peer, long tag, long[] into, int offset, int length) {
        inner.receive(peer, tag, into, offset, length);
    }

    @Override
    public long[] receive(int peer, long tag) {
        return inner.receive(peer, tag);
    }

    @Override
    public TrafficStats stats() {
        return inner.stats();
    }

    @Override
    public void abandon(String reason) {
        inner.abandon(reason);
    }

    @Override
    public void close() {
        inner.close();
    }
}
