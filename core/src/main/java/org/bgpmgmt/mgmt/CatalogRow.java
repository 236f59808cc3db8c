package org.bgpmgmt.mgmt;

import java.nio.ByteBuffer;

/**
 * One keyed row of a {@link Catalog}: the connection it is attached to, and the one message it owes
 * that connection, if any. Loop thread only.
 *
 * <p>Sending is state-based: a change sets what the row owes and calls {@link #owe()}; the
 * connection queues the row once and, as soon as its output buffer has room, asks it for {@link
 * #owedLength()} bytes and has it {@link #writeOwed write} them straight into the buffer. So a row
 * changed while the buffer is full is delayed, never lost, and ten changes in a row send one
 * message: the row's state at the moment there is room. Rows queued on one connection leave in the
 * order they were first owed; a message a catalog reserves itself ({@link Connection#reserve}) goes
 * after every row already owed there.
 */
public abstract class CatalogRow {
    private Connection connection;
    /** The connection whose outbox holds this row; null when queued nowhere. Connection's field. */
    Connection queuedOn;

    /** Creates a row attached to no connection. */
    protected CatalogRow() {
    }

    /**
     * Returns the connection this row is attached to. Loop thread only.
     *
     * @return the connection, or null when detached
     */
    public final Connection connection() {
        return connection;
    }

    /**
     * Attaches this row to {@code target} (null detaches it), keeping each connection's count of
     * attached rows, by which {@link BgpMgmtContext#leastLoadedConnection()} chooses. A message
     * still queued on the old connection is not sent there. Loop thread only.
     *
     * @param target the connection, or null
     */
    public final void attach(final Connection target) {
        if (connection == target) {
            return;
        }
        if (connection != null) {
            connection.attached(-1);
        }
        connection = target;
        queuedOn = null;
        if (target != null) {
            target.attached(1);
        }
    }

    /**
     * Queues this row on its connection, which will call {@link #writeOwed} once there is room.
     * Queued once however often it is called. Loop thread only.
     *
     * @return false when the row is detached or its connection is not up (nothing is queued)
     */
    public final boolean owe() {
        return connection != null && connection.owe(this);
    }

    /**
     * Tells whether this row waits in its connection's queue. Loop thread only.
     *
     * @return true while queued
     */
    public final boolean isQueued() {
        return queuedOn != null && queuedOn == connection;
    }

    /**
     * Returns the length of the whole frame this row owes now, header included, or 0 when it owes
     * nothing any more (then it just leaves the queue). A length over the output buffer's size is
     * a bug: the row is dropped from the queue with an {@link IllegalStateException}. Called by the
     * connection when the row reaches the head of the queue. Loop thread only.
     *
     * @return the frame length in bytes, or 0
     */
    protected abstract int owedLength();

    /**
     * Writes the owed frame, exactly {@link #owedLength()} bytes, at {@code at}; the row has then
     * left the queue and owes nothing unless this method owes again. Loop thread only.
     *
     * @param out the connection's output buffer, big-endian; write with absolute puts only
     * @param at where the frame starts
     */
    protected abstract void writeOwed(ByteBuffer out, int at);
}
