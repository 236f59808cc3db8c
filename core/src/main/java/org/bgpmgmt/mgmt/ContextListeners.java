package org.bgpmgmt.mgmt;

import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A context's catalogs and its connection listeners, and the calls into them: each
 * runs on the loop thread, and one that throws is logged and counted without disturbing the
 * connection or the others. All are added before the context starts; the arrays are replaced,
 * never changed, so notifying allocates nothing.
 */
final class ContextListeners {
    private static final Logger LOG = LoggerFactory.getLogger(BgpMgmtContext.class);

    private final String name;
    private volatile ConnectionListener[] connections = new ConnectionListener[0];
    private volatile Catalog[] catalogs = new Catalog[0];
    long errors;

    ContextListeners(final String name) {
        this.name = name;
    }

    /** Before start: adds a connection listener. */
    void add(final ConnectionListener listener) {
        final ConnectionListener[] now = connections;
        final ConnectionListener[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = Objects.requireNonNull(listener, "listener");
        connections = next;
    }

    /** Before start: adds a catalog, after the ones added before it. */
    void add(final Catalog catalog) {
        final Catalog[] now = catalogs;
        final Catalog[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = Objects.requireNonNull(catalog, "catalog");
        catalogs = next;
    }

    /** A connection came up: catalogs resync first, in order, then the listeners hear it. */
    void connectionUp(final Connection c) {
        for (Catalog k : catalogs) {
            try {
                k.connectionUp(c);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        for (ConnectionListener l : connections) {
            try {
                l.connectionUp(c);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    void connectionDown(final Connection c) {
        for (Catalog k : catalogs) {
            try {
                k.connectionDown(c);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        for (ConnectionListener l : connections) {
            try {
                l.connectionDown(c);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    void failed(final RuntimeException e) {
        errors++;
        LOG.warn("{}: listener failed", name, e);
    }
}
