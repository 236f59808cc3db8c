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

    /**
     * The output buffer of {@code connection} has emptied after at least one enqueue on it was
     * refused for lack of room: the moment to send what a catalog still owes. Called once per
     * such episode, not on every write.
     *
     * @param connection the connection
     */
    default void outputDrained(Connection connection) {
    }

    /**
     * Tells {@link BgpMgmtContext#close()} whether this listener still owes {@code connection}
     * messages, so that close waits for them (bounded by the close timeout) as it does for the
     * built-in session outbox.
     *
     * @param connection the connection
     * @return true while messages are owed
     */
    default boolean hasPendingOutput(Connection connection) {
        return false;
    }
}
