package org.bgpmgmt.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * The load generator's side of a TLS connection: the handshake done blocking at open (before the
 * measured window), then {@link #read} and {@link #write} in place of the channel's, on the load
 * thread's selector. Not thread-safe.
 */
final class TlsPipe {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private final SocketChannel channel;
    private final SSLEngine engine;
    private final ByteBuffer netIn;  // fill mode
    private final ByteBuffer netOut; // fill mode

    /** Handshakes over {@code channel}, which must still be blocking. */
    TlsPipe(final SSLContext tls, final SocketChannel channel) throws IOException {
        this.channel = channel;
        this.engine = tls.createSSLEngine("127.0.0.1", 0);
        engine.setUseClientMode(true);
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        final ByteBuffer sink = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> engine.getDelegatedTask().run();
                case NEED_WRAP -> {
                    engine.wrap(EMPTY, netOut);
                    flushNet();
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    netIn.flip();
                    final SSLEngineResult r = engine.unwrap(netIn, sink);
                    netIn.compact();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && channel.read(netIn) < 0) {
                        throw new SSLException("the server closed during the handshake");
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the server refused the handshake");
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    /** Reads and decrypts into {@code dst} (which must have one record's room); -1 at the end. */
    int read(final ByteBuffer dst) throws IOException {
        final int n = channel.read(netIn);
        final int before = dst.position();
        while (netIn.position() > 0) {
            netIn.flip();
            final SSLEngineResult r = engine.unwrap(netIn, dst);
            netIn.compact();
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                break;
            }
        }
        final int moved = dst.position() - before;
        return moved == 0 && n < 0 ? -1 : moved;
    }

    /** Encrypts from {@code src} and writes what the socket takes; the rest waits here. */
    void write(final ByteBuffer src) throws IOException {
        if (!flushNet()) {
            return;
        }
        while (src.hasRemaining()) {
            final SSLEngineResult r = engine.wrap(src, netOut);
            if (!flushNet() || r.bytesConsumed() == 0) {
                return;
            }
        }
    }

    /** True while encrypted bytes wait for the socket. */
    boolean pending() {
        return netOut.position() > 0;
    }

    private boolean flushNet() throws IOException {
        netOut.flip();
        channel.write(netOut);
        netOut.compact();
        return netOut.position() == 0;
    }
}
