package org.bgpmgmt.mgmt;

/**
 * A session's row in the context's table: what it is, what was last reported, which connection it
 * is attached to, and which message it still owes that connection. Loop thread only.
 *
 * <p>Sending is state-based, not fire-and-forget: an update marks the row with the message it
 * owes and queues it once on its connection's outbox; the connection encodes it when its output
 * buffer has room. So an update made while the buffer is full is delayed, never lost, and ten
 * updates in a row still send one message.
 */
final class SessionEntry {
    static final int NONE = 0;
    static final int ADD = 1;
    static final int DELETE = 2;
    static final int STATE = 3;

    final int lid;
    BfdSession session;
    SessionState state;
    SessionCounters counters;
    Connection connection;
    int owed = NONE;
    boolean reported;
    boolean queued;

    SessionEntry(final int lid) {
        this.lid = lid;
        this.state = SessionState.initial(lid);
    }
}
