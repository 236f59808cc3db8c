package org.bgpmgmt.mgmt;

/**
 * Hears connections come up and go down: how a message catalog of the user's own (see
 * {@link org.bgpmgmt.wire.MessageRegistry}) resyncs its state after a (re)connect, as the session
 * table does. Runs on the loop thread and must not block; exceptions are logged and counted.
 */
public interface ConnectionListener {
    /**
     * A connection is up, with fresh buffers; after the built-in session resync was queued.
     *
     * @param connection the connection; enqueue on it to resync
     */
    default void connectionUp(Connection connection) {
    }

    /**
     * A connection went down; its pending requests have failed.
     *
     * @param connection the connection
     */
    default void connectionDown(Connection connection) {
    }
}
