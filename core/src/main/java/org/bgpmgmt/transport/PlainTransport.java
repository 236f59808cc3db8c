package org.bgpmgmt.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** The socket as it is: no buffering of its own. Loop thread only. */
public final class PlainTransport implements Transport {
    private final SocketChannel channel;

    /**
     * Wraps a connected, non-blocking socket.
     *
     * @param channel the socket
     */
    public PlainTransport(final SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public int write(final ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    @Override
    public boolean hasBufferedInput() {
        return false;
    }

    @Override
    public boolean hasPendingOutput() {
        return false;
    }
}
