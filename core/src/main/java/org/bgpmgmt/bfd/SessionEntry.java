package org.bgpmgmt.bfd;

import java.nio.ByteBuffer;
import org.bgpmgmt.mgmt.CatalogRow;
import org.bgpmgmt.wire.MessageType;

/**
 * A session's row: what it is, what was last reported, and the one message it owes its connection
 * (DP_ADD_SESSION or DP_DELETE_SESSION from a control plane, BFD_STATE_CHANGE from a data plane).
 * Loop thread only.
 */
final class SessionEntry extends CatalogRow {
    static final int NONE = 0;
    static final int ADD = 1;
    static final int DELETE = 2;
    static final int STATE = 3;

    private final SessionTable owner;
    final int lid;
    BfdSession session;
    SessionState state;
    SessionCounters counters;
    int owed = NONE;
    /** A state was reported, so a reconnect re-reports it (data plane). */
    boolean reported;

    SessionEntry(final SessionTable owner, final int lid) {
        this.owner = owner;
        this.lid = lid;
        this.state = SessionState.initial(lid);
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
            case DELETE:
                return MessageType.SESSION_LENGTH;
            case STATE:
                return MessageType.STATE_CHANGE_LENGTH;
            default:
                return 0;
        }
    }

    @Override
    protected void writeOwed(final ByteBuffer out, final int at) {
        final int sent = owed;
        owed = NONE;
        owner.write(this, sent, out, at);
        if (sent == DELETE) {
            attach(null); // the row was removed from the table; it lived on only to send this
        }
    }
}
