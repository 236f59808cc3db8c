package org.bgpmgmt.examples.bgp;

/**
 * Hears what happens to the peers of a {@link BgpPeerCatalog}. Every method runs on the context's
 * loop thread, must not block, and has an empty default; an exception thrown here is logged and
 * counted and does not disturb the connection.
 */
public interface BgpPeerListener {
    /**
     * A data plane reported a peer's state (control-plane role). Loop thread only.
     *
     * @param peer the peer as configured
     * @param state the state as reported
     */
    default void peerStateChanged(BgpPeer peer, PeerState state) {
    }

    /**
     * The control plane added or updated a peer, or re-sent it after a reconnect (data-plane
     * role). Loop thread only.
     *
     * @param peer the peer as received
     * @param added true for a new key, false for an update or a re-send
     */
    default void peerReceived(BgpPeer peer, boolean added) {
    }

    /**
     * The control plane deleted a peer, or left it out of a resync (data-plane role). Loop
     * thread only.
     *
     * @param peer the peer as it was
     */
    default void peerDeleted(BgpPeer peer) {
    }
}
