package org.bgpmgmt.mgmt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The byte stream under a {@link Connection}: the socket itself ({@link PlainTransport}) or TLS
 * over it ({@link TlsTransport}). Everything above, framing, owed rows, requests and counters, sees
 * only plaintext bytes. Loop thread only.
 */
interface Transport {
    /** The socket whose readiness drives the read and write tasks. */
    SocketChannel channel();

    /**
     * Moves bytes from the peer into {@code dst}, as {@link SocketChannel#read} does: the count
     * (maybe 0), or -1 once the peer has closed and nothing is left.
     */
    int read(ByteBuffer dst) throws IOException;

    /** Takes bytes from {@code src} towards the peer: the count taken, 0 when the socket is full. */
    int write(ByteBuffer src) throws IOException;

    /** True when input is buffered below the connection, so a read must not wait for the socket. */
    boolean hasBufferedInput();

    /** True when bytes taken by {@link #write} still wait for the socket. */
    boolean hasPendingOutput();
}
