package dev.sturdy.protocol.net;

/** A message did not arrive in time, or arrived with the wrong query, step, tag or length. */
public class NetworkException extends RuntimeException {
    public NetworkException(String message) {
        super(message);
    }

    public NetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
