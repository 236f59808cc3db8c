package org.bgpmgmt.mgmt;

/**
 * Hears connections come up and go down, after every {@link Catalog} did. Added before the
 * context starts. Runs on the loop thread and must not block; exceptions are logged and counted.
 */
public interface ConnectionListener {
    /**
     * A connection is up, with fresh buffers; after every catalog queued its resync.
     *
     * @param connection the connection
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
