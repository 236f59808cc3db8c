package org.bgpmgmt.examples.bgp;

import java.nio.ByteBuffer;
import org.bgpmgmt.mgmt.CatalogRow;

/**
 * A peer's row in the catalog's table: the peer, what was last reported, and the one message it
 * owes its connection (PEER_ADD or PEER_DELETE from a control plane, PEER_STATE from a data
 * plane). Loop thread only.
 */
final class PeerRow extends CatalogRow {
    static final int NONE = 0;
    static final int ADD = 1;
    static final int DELETE = 2;
    static final int STATE = 3;

    private final PeerWriter writer;
    final int key;
    BgpPeer peer;
    PeerState state;
    PeerCounters counters;
    int owed = NONE;
    /** Data plane: a state was reported, so a reconnect re-reports it. */
    boolean reported;
    /** Data plane: kept from a lost connection and not received again yet. */
    boolean stale;

    PeerRow(final PeerWriter writer, final int key) {
        this.writer = writer;
        this.key = key;
        this.state = PeerState.initial(key);
    }

    /** Marks the message this row owes and queues it on its connection, if that is up. */
    void owe(final int what) {
        owed = what;
        owe();
    }

    @Override
    protected int owedLength() {
        switch (owed) {
            case ADD:
                return BgpMessageType.PEER_ADD_LENGTH;
            case DELETE:
                return BgpMessageType.PEER_KEY_LENGTH;
            case STATE:
                return BgpMessageType.PEER_STATE_LENGTH;
            default:
                return 0;
        }
    }

    @Override
    protected void writeOwed(final ByteBuffer out, final int at) {
        final int sent = owed;
        owed = NONE;
        writer.row(this, sent, out, at);
        if (sent == DELETE) {
            attach(null); // removed from the table; the row lived on only to send this
        }
    }
}
