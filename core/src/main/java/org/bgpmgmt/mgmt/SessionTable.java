package org.bgpmgmt.mgmt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.bgpmgmt.wire.BfdState;
import org.bgpmgmt.wire.MessageType;
import org.bgpmgmt.wire.SessionMessage;
import org.bgpmgmt.wire.StateChangeMessage;

/**
 * The context's sessions keyed by lid, for either role, and which connection each one is attached
 * to (bfdd's {@code bs->bdc}). Loop thread only.
 *
 * <p>Control-plane role: an update or delete makes the row owe DP_ADD_SESSION or DP_DELETE_SESSION
 * to its connection; a lost connection detaches its rows, and a new one takes every detached row
 * and owes it an add (resync). Data-plane role: rows come from the control plane; a state report
 * makes the row owe BFD_STATE_CHANGE, and a (re)connect re-reports every row.
 */
final class SessionTable {
    private final BgpMgmtContext context;
    private final HashMap<Integer, SessionEntry> byLid = new HashMap<>();

    SessionTable(final BgpMgmtContext context) {
        this.context = context;
    }

    // ---------------------------------------------------------------- control-plane role

    void update(final BfdSession session) {
        SessionEntry e = byLid.get(session.lid());
        if (e == null) {
            e = new SessionEntry(session.lid());
            byLid.put(session.lid(), e);
        }
        e.session = session;
        if (e.connection == null || !e.connection.isUp()) {
            attach(e, context.leastLoadedConnection());
        }
        owe(e, SessionEntry.ADD);
    }

    boolean delete(final int lid) {
        final SessionEntry e = byLid.remove(lid);
        if (e == null) {
            return false;
        }
        if (e.connection != null && e.connection.isUp()) {
            owe(e, SessionEntry.DELETE); // the row lives on in the outbox until the delete is sent
        } else {
            attach(e, null);
        }
        return true;
    }

    void stateChanged(final StateChangeMessage m) {
        final SessionEntry e = byLid.get(m.lid());
        if (e == null) {
            context.unknownSession(m.lid());
            return;
        }
        final SessionState old = e.state;
        final int state = m.state();
        final boolean wentUp = state == BfdState.UP && old.state() != BfdState.UP;
        final boolean wentDown = state != BfdState.UP && old.state() == BfdState.UP;
        final long now = System.currentTimeMillis();
        e.state = new SessionState(e.lid, state, m.diagnostics(), m.rid(), m.remoteFlags(), m.desiredTx(),
            m.requiredRx(), m.requiredEchoRx(), m.detectionMultiplier(), old.upCount() + (wentUp ? 1 : 0),
            old.downCount() + (wentDown ? 1 : 0), wentUp ? now : old.lastUpMillis(),
            wentDown ? now : old.lastDownMillis());
        e.reported = true;
        context.notifyStateChanged(e.session, e.state);
    }

    // ---------------------------------------------------------------- data-plane role

    void received(final Connection from, final SessionMessage m, final int type) {
        final BfdSession session = BfdSession.from(m);
        if (type == MessageType.DP_DELETE_SESSION) {
            final SessionEntry e = byLid.remove(session.lid());
            if (e != null) {
                attach(e, null);
                context.notifySessionDeleted(e.session);
            }
            return;
        }
        SessionEntry e = byLid.get(session.lid());
        final boolean added = e == null;
        if (added) {
            e = new SessionEntry(session.lid());
            byLid.put(session.lid(), e);
        }
        e.session = session;
        if (e.connection != from) {
            attach(e, from);
        }
        context.notifySessionReceived(session, added);
    }

    boolean report(final SessionState state) {
        final SessionEntry e = byLid.get(state.lid());
        if (e == null) {
            return false;
        }
        final SessionState old = e.state;
        final boolean wentUp = state.state() == BfdState.UP && old.state() != BfdState.UP;
        final boolean wentDown = state.state() != BfdState.UP && old.state() == BfdState.UP;
        final long now = System.currentTimeMillis();
        e.state = new SessionState(state.lid(), state.state(), state.diagnostics(), state.remoteDiscriminator(),
            state.remoteFlags(), state.remoteDesiredTxMicros(), state.remoteRequiredRxMicros(),
            state.remoteRequiredEchoRxMicros(), state.remoteDetectMultiplier(), old.upCount() + (wentUp ? 1 : 0),
            old.downCount() + (wentDown ? 1 : 0), wentUp ? now : old.lastUpMillis(),
            wentDown ? now : old.lastDownMillis());
        e.reported = true;
        owe(e, SessionEntry.STATE);
        return true;
    }

    boolean updateCounters(final SessionCounters counters) {
        final SessionEntry e = byLid.get(counters.lid());
        if (e == null) {
            return false;
        }
        e.counters = counters;
        return true;
    }

    SessionCounters countersFor(final int lid) {
        final SessionEntry e = byLid.get(lid);
        return e != null && e.counters != null ? e.counters : SessionCounters.zero(lid);
    }

    // ---------------------------------------------------------------- connections

    /** A connection came up: it takes every detached row and is owed each one (resync). */
    void attachDetached(final Connection c) {
        final int owed = context.role() == Role.CONTROL_PLANE ? SessionEntry.ADD : SessionEntry.STATE;
        for (SessionEntry e : byLid.values()) {
            if (e.connection == null || !e.connection.isUp() || e.connection == c) {
                attach(e, c);
                if (owed == SessionEntry.ADD || e.reported) {
                    owe(e, owed);
                }
            }
        }
    }

    /** A connection went down: its rows wait detached for the next connection. */
    void detach(final Connection c) {
        for (SessionEntry e : byLid.values()) {
            if (e.connection == c) {
                attach(e, null);
            }
        }
    }

    /** The row's message left in the output buffer. */
    void sent(final SessionEntry e) {
        if (e.owed == SessionEntry.DELETE) {
            attach(e, null);
        }
        e.owed = SessionEntry.NONE;
    }

    private void attach(final SessionEntry e, final Connection c) {
        if (e.connection != null) {
            e.connection.attachedSessions--;
        }
        e.connection = c;
        e.queued = false;
        if (c != null) {
            c.attachedSessions++;
        }
    }

    private static void owe(final SessionEntry e, final int what) {
        e.owed = what;
        if (e.connection != null && e.connection.isUp()) {
            e.connection.owe(e);
        }
    }

    /** Tells a new listener what it missed: received sessions, or reported states. */
    void replay(final SessionListener listener, final Role role) {
        for (SessionEntry e : new ArrayList<>(byLid.values())) {
            if (role == Role.DATA_PLANE) {
                listener.sessionReceived(e.session, true);
            } else if (e.reported) {
                listener.stateChanged(e.session, e.state);
            }
        }
    }

    // ---------------------------------------------------------------- views

    int size() {
        return byLid.size();
    }

    List<BfdSession> sessions() {
        final List<BfdSession> all = new ArrayList<>(byLid.size());
        for (SessionEntry e : byLid.values()) {
            all.add(e.session);
        }
        all.sort((a, b) -> Integer.compareUnsigned(a.lid(), b.lid()));
        return all;
    }

    SessionState state(final int lid) {
        final SessionEntry e = byLid.get(lid);
        return e == null ? null : e.state;
    }

    Connection connectionOf(final int lid) {
        final SessionEntry e = byLid.get(lid);
        return e == null ? null : e.connection;
    }
}
