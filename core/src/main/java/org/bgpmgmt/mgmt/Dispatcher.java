package org.bgpmgmt.mgmt;

import java.nio.ByteBuffer;

/**
 * Everything a {@link Connection} tells the rest of the context: the one way out of it. The
 * context implements it. Loop thread only.
 */
interface Dispatcher {
    /**
     * Handles a frame that is neither an echo nor a reply a request waits for; the frame is valid
     * only during the call.
     */
    void dispatch(Connection from, int type, ByteBuffer in, int offset, int length);

    /** The connection broke the protocol; the context counts, warns once and closes it. */
    void protocolError(Connection from, String reason);

    /** The connection was silent for the whole idle timeout; the context closes it. */
    void idle(Connection from, long silentMillis);

    /** A read or write failed or the peer closed; the context logs it and closes the connection. */
    void lost(Connection from, String reason);

    /** TLS failed under the connection (a record that does not decrypt, a renegotiation); closes it. */
    void tlsFailed(Connection from, String reason);

    /** The connection closed (any reason); its queue is empty and its requests have failed. */
    void closed(Connection from);
}
