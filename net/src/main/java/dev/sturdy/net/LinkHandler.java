package dev.sturdy.net;

import dev.sturdy.net.tls.TlsCredentials;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The last handler of a connection: the dialer sends its HELLO once the connection (and TLS) is
 * up, the acceptor checks it against the peer's certificate and answers with its own HELLO, which
 * the dialer checks in turn; a refused peer sees the connection close before any HELLO, and an
 * accepted connection that sends no HELLO in time is closed. After that, DATA frames go to the
 * peer's streams, CREDIT frames widen a stream's send window and CANCEL frames stop a stream.
 * Runs on the event loop.
 */
final class LinkHandler extends ChannelInboundHandlerAdapter {
    private final NettyTransport transport;
    private final int expectedPeer;
    private final SslHandler ssl;
    private int peer = -1;
    private boolean refused;

    /** @param expectedPeer the dialed role, or -1 on the accepting side */
    LinkHandler(NettyTransport transport, int expectedPeer, SslHandler ssl) {
        this.transport = transport;
        this.expectedPeer = expectedPeer;
        this.ssl = ssl;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (ssl == null && expectedPeer >= 0) {
            sendHello(ctx);
        }
        if (expectedPeer < 0) {
            long ms = transport.helloTimeoutMillis();
            ctx.executor().schedule(() -> {
                if (peer < 0 && ctx.channel().isActive()) {
                    refuse(ctx, "no HELLO within " + ms + " ms of connecting");
                }
            }, ms, TimeUnit.MILLISECONDS);
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent e) {
            if (!e.isSuccess()) {
                refuse(ctx, "TLS handshake failed: " + describe(e.cause()));
            } else if (expectedPeer >= 0) {
                sendHello(ctx);
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    private void sendHello(ChannelHandlerContext ctx) {
        TransportConfig cfg = transport.config();
        ctx.writeAndFlush(Frames.hello(ctx.alloc(), cfg.id(), cfg.computeParties()));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        boolean handedOver = false;
        try {
            byte type = frame.readByte();
            if (peer < 0) {
                if (type != Frames.HELLO || frame.readableBytes() < 16) {
                    refuse(ctx, "the first frame is not a HELLO");
                    return;
                }
                int magic = frame.readInt(), version = frame.readInt(), id = frame.readInt(), parties = frame.readInt();
                String error = transport.checkHello(expectedPeer, magic, version, id, parties, peerCertificateName());
                if (error != null) {
                    refuse(ctx, error);
                    return;
                }
                peer = id;
                if (expectedPeer < 0) {
                    sendHello(ctx); // the acceptor answers only a HELLO it accepted
                }
                transport.connected(peer, ctx.channel());
            } else if (type == Frames.DATA && frame.readableBytes() >= Frames.DATA_HEADER - 1) {
                long stream = frame.readLong();
                Chunk c = Chunk.read(frame);
                if (frame.readableBytes() % 8 != 0 || c.offset() < 0 || c.total() < c.offset() + c.count()) {
                    transport.lost(peer, ctx.channel(), "malformed DATA frame");
                    ctx.close();
                    return;
                }
                handedOver = true;
                if (transport.link(peer).deliver(stream, c) == PeerLink.Delivery.STARTED) {
                    transport.streamStarted(peer, stream);
                }
            } else if (type == Frames.CREDIT && frame.readableBytes() == 16) {
                transport.link(peer).credited(frame.readLong(), frame.readLong());
            } else if (type == Frames.CANCEL && frame.readableBytes() >= 8) {
                long stream = frame.readLong();
                transport.link(peer).stoppedByPeer(stream, Frames.cancelReason(frame));
            } else {
                transport.lost(peer, ctx.channel(), "unexpected frame type " + type);
                ctx.close();
            }
        } finally {
            if (!handedOver) {
                frame.release();
            }
        }
    }

    private String peerCertificateName() {
        if (ssl == null) {
            return null;
        }
        String name = TlsCredentials.peerName(ssl.engine().getSession());
        return name == null ? "(none)" : name;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (peer < 0) {
            refuse(ctx, describe(cause));
        } else {
            transport.lost(peer, ctx.channel(), describe(cause));
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (peer >= 0) {
            transport.lost(peer, ctx.channel(), "the connection closed");
        } else if (expectedPeer >= 0 && !refused && (ssl == null || ssl.handshakeFuture().isSuccess())) {
            // TLS 1.3: the server checks our certificate after our side finished the handshake
            refuse(ctx, "it closed the connection without answering this role's HELLO (did it refuse this role's "
                    + "certificate or identity?)");
        }
        super.channelInactive(ctx);
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
        if (!refused) {
            refused = true;
            transport.refuse(expectedPeer, ctx.channel(), reason);
        }
    }

    /** The innermost message, which for TLS says what was wrong with the certificate. */
    private static String describe(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String s = c.getClass().getSimpleName() + ": " + c.getMessage();
        if (t instanceof SSLException || c instanceof SSLException
                || c instanceof java.security.cert.CertPathValidatorException
                || c.getClass().getName().contains("SunCertPathBuilderException")) {
            s += " (certificates must be signed by this deployment's CA)";
        }
        return s;
    }
}
