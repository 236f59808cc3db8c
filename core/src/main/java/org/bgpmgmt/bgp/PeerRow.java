package org.bgpmgmt.bgp;

/**
 * A peer's row in the catalog's table: the peer, what was last reported, which link (connection)
 * it is attached to and which message it still owes that link. Loop thread only.
 *
 * <p>Sending is state-based, as for the context's BFD sessions: a change marks the row with the
 * message it owes and queues it once on its link's outbox; the link encodes the row's current
 * content when its output buffer has room. An update made while the buffer is full is delayed,
 * never lost, and ten updates in a row send one message.
 */
final class PeerRow {
    static final int NONE = 0;
    static final int ADD = 1;
    static final int DELETE = 2;
    static final int STATE = 3;

    final int key;
    BgpPeer peer;
    PeerState state;
    PeerCounters counters;
    PeerLink link;
    int owed = NONE;
    /** Data plane: a state was reported, so a reconnect re-reports it. */
    boolean reported;
    /** Data plane: kept from a lost connection and not received again yet. */
    boolean stale;
    boolean queued;

    PeerRow(final int key) {
        this.key = key;
        this.state = PeerState.initial(key);
    }
}
