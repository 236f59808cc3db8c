package org.bgpmgmt.examples.bgp;

import java.util.Arrays;
import java.util.Objects;
import org.bgpmgmt.mgmt.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's listeners, and the protocol errors it finds in what it receives. {@link #add} from
 * any thread; the rest on the loop thread.
 */
final class CatalogEvents {
    private static final Logger LOG = LoggerFactory.getLogger(BgpPeerCatalog.class);

    private final Object owner;
    private volatile BgpPeerListener[] listeners = new BgpPeerListener[0];
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

    /**
     * Counts a catalog frame that broke the catalog's rules (malformed content or a reserved type)
     * and closes its connection with a protocol error, as bfddp's framing errors are: the context
     * counts it, warns once naming the peer and the reason, and a client reconnects.
     */
    void reject(final Connection c, final String reason) {
        malformed++;
        LOG.debug("{}: protocol error from {}: {}", owner, c.peer(), reason);
        c.protocolError("BGP peer catalog: " + reason);
    }

    void unexpected(final Connection c, final int type) {
        LOG.debug("{}: {} from {} is not for this role; skipped", owner, BgpMessageType.name(type), c.peer());
    }

    private void listenerFailed(final RuntimeException e) {
        listenerErrors++;
        LOG.warn("{}: peer listener failed", owner, e);
    }
}
