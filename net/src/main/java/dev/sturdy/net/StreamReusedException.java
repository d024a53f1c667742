package dev.sturdy.net;

import dev.sturdy.protocol.net.NetworkException;

/**
 * A stream id that this role closed recently was opened again. Late frames of the old stream
 * could otherwise be read as the new one's, so the id stays refused until the sweep forgets it.
 */
public final class StreamReusedException extends NetworkException {
    StreamReusedException(String message) {
        super(message);
    }
}
