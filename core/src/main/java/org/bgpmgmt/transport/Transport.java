package org.bgpmgmt.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The byte stream under a connection: the socket itself ({@link PlainTransport}) or TLS over it
 * ({@link TlsTransport}). Everything above, framing, owed rows, requests and counters, sees only
 * plaintext bytes. Loop thread only.
 */
public interface Transport {
    /**
     * Returns the socket whose readiness drives the read and write tasks.
     *
     * @return the socket
     */
    SocketChannel channel();

    /**
     * Moves bytes from the peer into {@code dst}, as {@link SocketChannel#read} does.
     *
     * @param dst where the plaintext goes
     * @return the count (maybe 0), or -1 once the peer has closed and nothing is left
     * @throws IOException when the socket or TLS fails
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Takes bytes from {@code src} towards the peer.
     *
     * @param src the plaintext to send
     * @return the count taken, 0 when the socket is full
     * @throws IOException when the socket or TLS fails
     */
    int write(ByteBuffer src) throws IOException;

    /**
     * Tells whether input is buffered below the connection, so a read must not wait for the socket.
     *
     * @return true when a read would find bytes without the socket
     */
    boolean hasBufferedInput();

    /**
     * Tells whether bytes taken by {@link #write} still wait for the socket.
     *
     * @return true while some are held
     */
    boolean hasPendingOutput();

    /**
     * Says goodbye before the caller closes the socket: TLS sends close_notify if the socket takes
     * it now; the plain socket has nothing to say. Here rather than behind an {@code instanceof} in
     * the connection, which then needs to know no transport by name.
     */
    default void closing() {
    }

    /**
     * Names a TLS or socket failure in one line, for the one warning a peer fault gets: the
     * exception's message, with its deepest cause's when that says more (an expired date).
     *
     * @param e the failure
     * @return the reason as text
     */
    static String reason(final Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        final String top = String.valueOf(e.getMessage());
        if (root == e || root.getMessage() == null || top.contains(root.getMessage())) {
            return top;
        }
        return top + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
