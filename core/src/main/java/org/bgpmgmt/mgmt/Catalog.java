package org.bgpmgmt.mgmt;

/**
 * A table of keyed rows kept in step over a context's connections, in message types of its own:
 * the service provider interface through which the context's BFD sessions, the BGP peer catalog
 * and a user's catalog are built. Added with {@link BgpMgmtContext#addCatalog} before the context
 * starts.
 *
 * <p>One message, end to end: the connection reads and frames it and calls the {@link
 * MessageHandler} the catalog registered for its type; the handler changes a {@link CatalogRow}
 * and calls {@link CatalogRow#owe()}, or answers at once with {@link Connection#reserve} and
 * {@link Connection#commit}; the connection encodes owed rows into its output buffer as soon as it
 * has room and writes them to the socket. Requests go through {@link Connection#request}.
 *
 * <p>Loop thread only, except {@link #register} (the thread that adds the catalog). The methods
 * must not block; an exception from a connection callback is logged and counted as a listener
 * error.
 */
public interface Catalog {
    /**
     * Registers the handlers of the catalog's message types, and defines the new ones. Called once,
     * by {@link BgpMgmtContext#addCatalog}. Any thread (the one adding the catalog).
     *
     * @param types where to register; also names the context
     */
    void register(CatalogTypes types);

    /**
     * A connection is up with empty buffers: the moment to resync, attaching rows to it and owing
     * them. Called for each catalog in the order they were added. Loop thread only.
     *
     * @param connection the connection
     */
    default void connectionUp(Connection connection) {
    }

    /**
     * A connection went down: its queue is gone and its requests have failed; the rows attached to
     * it are still attached to it, for the catalog to detach or keep. Loop thread only.
     *
     * @param connection the connection
     */
    default void connectionDown(Connection connection) {
    }
}
