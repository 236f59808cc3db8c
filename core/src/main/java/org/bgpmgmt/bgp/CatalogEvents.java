package org.bgpmgmt.bgp;

import java.util.Arrays;
import java.util.Objects;
import org.bgpmgmt.mgmt.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's listeners and its rate-limited warnings. {@link #add} from any thread; the rest on
 * the loop thread.
 */
final class CatalogEvents {
    private static final Logger LOG = LoggerFactory.getLogger(BgpPeerCatalog.class);
    private static final long WARNING_INTERVAL_NANOS = 10_000_000_000L;

    private final Object owner;
    private volatile BgpPeerListener[] listeners = new BgpPeerListener[0];
    private long lastWarningNanos = System.nanoTime() - WARNING_INTERVAL_NANOS;
    long listenerErrors;
    long malformed;

    /** Creates the events of {@code owner}, whose toString names it in log lines. */
    CatalogEvents(final Object owner) {
        this.owner = owner;
    }

    synchronized void add(final BgpPeerListener listener) {
        final BgpPeerListener[] now = listeners;
        final BgpPeerListener[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = Objects.requireNonNull(listener, "listener");
        listeners = next;
    }

    void stateChanged(final BgpPeer peer, final PeerState state) {
        for (BgpPeerListener l : listeners) {
            try {
                l.peerStateChanged(peer, state);
            } catch (RuntimeException e) {
                listenerFailed(e);
            }
        }
    }

    void received(final BgpPeer peer, final boolean added) {
        for (BgpPeerListener l : listeners) {
            try {
                l.peerReceived(peer, added);
            } catch (RuntimeException e) {
                listenerFailed(e);
            }
        }
    }

    void deleted(final BgpPeer peer) {
        for (BgpPeerListener l : listeners) {
            try {
                l.peerDeleted(peer);
            } catch (RuntimeException e) {
                listenerFailed(e);
            }
        }
    }

    /** Counts a malformed frame and warns at most once per 10 s; the connection goes on. */
    void malformed(final Connection c, final String reason) {
        malformed++;
        final long now = System.nanoTime();
        if (now - lastWarningNanos >= WARNING_INTERVAL_NANOS) {
            lastWarningNanos = now;
            LOG.warn("{}: malformed catalog message from {}: {}; skipped", owner, c.peer(), reason);
        } else {
            LOG.debug("{}: malformed catalog message from {}: {}; skipped", owner, c.peer(), reason);
        }
    }

    void unexpected(final Connection c, final int type) {
        LOG.debug("{}: {} from {} is not for this role; skipped", owner, BgpMessageType.name(type), c.peer());
    }

    private void listenerFailed(final RuntimeException e) {
        listenerErrors++;
        LOG.warn("{}: peer listener failed", owner, e);
    }
}
