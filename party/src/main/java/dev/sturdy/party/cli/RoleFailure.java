package dev.sturdy.party.cli;

import dev.sturdy.protocol.net.NetworkException;

/** A role process that cannot run (e.g. a peer never connected) prints one line and exits with 1. */
final class RoleFailure {
    static final int EXIT = 1;

    private RoleFailure() {
    }

    static int report(String role, Throwable cause) throws Exception {
        if (cause instanceof NetworkException) {
            System.err.println("sturdy " + role + ": " + cause.getMessage());
            return EXIT;
        }
        throw cause instanceof Exception e ? e : new RuntimeException(cause);
    }
}
