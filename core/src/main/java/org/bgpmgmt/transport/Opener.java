package org.bgpmgmt.transport;

/**
 * The seam between the sockets and what runs over them: the {@link Acceptor} and {@link
 * Connector} know how to get a ready stream (bound, accepted or connected, and handshaken with
 * TLS), the management context knows what a connection is. The context implements this in a
 * package-private class, so its public types grow nothing for the transport, and the transport
 * sees connections only as {@code C}. Loop thread only.
 *
 * @param <C> the context's connection type
 */
public interface Opener<C> {
    /**
     * Makes a connection that is not open yet. The acceptor lists it before it opens it, so that
     * a connection closed while it opens (its first flush fails) is already there to be removed.
     *
     * @return a new, closed connection
     */
    C newConnection();

    /**
     * Opens {@code connection} over a ready stream: its reads start and its listeners hear it.
     *
     * @param connection one made by {@link #newConnection()}; a client's is reopened on each reconnect
     * @param transport the stream, plain or TLS
     * @param peer the peer as logs name it
     */
    void open(C connection, Transport transport, String peer);

    /**
     * Hears that a TLS handshake failed; its socket is already closed. Counts it and logs it once.
     *
     * @param peer the peer as logs name it
     * @param reason why, in one line
     */
    void handshakeFailed(String peer, String reason);
}
