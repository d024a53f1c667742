package dev.sturdy.net;

import dev.sturdy.net.tls.TlsCredentials;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * What one role needs to join the network.
 *
 * @param id             this role: 0..N-1 compute parties, N the dealer
 * @param computeParties N
 * @param bind           where this role listens (roles with a lower id dial it); unused by id 0
 * @param addresses      every role's dialable address, indexed by id (this role's own entry is unused)
 * @param tls            this role's key, certificate and the deployment CA; null means plaintext, which
 *                       only benchmarks use (party processes always require TLS)
 * @param receiveTimeout how long a receive waits for a peer's message before failing
 * @param startTimeout   how long {@link NettyTransport#start} waits for every peer to connect
 * @param link           emulated delay and bandwidth on every link this role sends on ({@link LinkEmulation#NONE}: off)
 */
public record TransportConfig(int id, int computeParties, InetSocketAddress bind, List<InetSocketAddress> addresses,
                              TlsCredentials tls, Duration receiveTimeout, Duration startTimeout, LinkEmulation link) {
    public TransportConfig {
        if (computeParties < 2) {
            throw new IllegalArgumentException("a network needs at least 2 compute parties, got " + computeParties);
        }
        if (id < 0 || id > computeParties) {
            throw new IllegalArgumentException("role id " + id + " out of range 0.." + computeParties);
        }
        if (addresses.size() != computeParties + 1) {
            throw new IllegalArgumentException("need the addresses of " + (computeParties + 1) + " roles, got "
                    + addresses.size());
        }
        addresses = List.copyOf(addresses);
        link = link == null ? LinkEmulation.NONE : link;
    }

    /** Without link emulation. */
    public TransportConfig(int id, int computeParties, InetSocketAddress bind, List<InetSocketAddress> addresses,
                           TlsCredentials tls, Duration receiveTimeout, Duration startTimeout) {
        this(id, computeParties, bind, addresses, tls, receiveTimeout, startTimeout, LinkEmulation.NONE);
    }

    /** "party 1" or "the dealer (id 2)", as {@link dev.sturdy.protocol.net.Network#nameOf} says it. */
    public String nameOf(int role) {
        return role == computeParties ? "the dealer (id " + role + ")" : "party " + role;
    }
}
