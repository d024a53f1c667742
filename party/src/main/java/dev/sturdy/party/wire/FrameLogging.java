package dev.sturdy.party.wire;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * gRPC's HTTP/2 frame logger prints every DATA frame in hex at FINE, which would put input and
 * output shares into a log whenever someone turns logging up. It logs under the names of gRPC's
 * client and server handlers, whose level is pinned to INFO in every process that sends or
 * receives shares over gRPC, whatever the logging configuration says.
 */
public final class FrameLogging {
    /** Held here: JUL keeps loggers only weakly, and a collected logger would forget its level. */
    private static final Logger[] FRAMES = {
        Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyClientHandler"),
        Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler"),
    };

    private FrameLogging() {
    }

    public static void pin() {
        for (Logger l : FRAMES) {
            l.setLevel(Level.INFO);
        }
    }
}
