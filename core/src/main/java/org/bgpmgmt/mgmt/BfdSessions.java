package org.bgpmgmt.mgmt;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.wire.BfdState;
import org.bgpmgmt.wire.CountersReplyMessage;
import org.bgpmgmt.wire.CountersRequestMessage;
import org.bgpmgmt.wire.MessageType;
import org.bgpmgmt.wire.SessionMessage;
import org.bgpmgmt.wire.StateChangeMessage;

/**
 * The context's BFD sessions keyed by lid, for either role: the first {@link Catalog}, built on the
 * public catalog SPI only. Loop thread only.
 *
 * <p>Control-plane role: an update or delete makes the row owe DP_ADD_SESSION or DP_DELETE_SESSION
 * to its connection (the least loaded one when it has none); a lost connection detaches its rows,
 * and the next one to come up takes every detached row and is owed an add for each (resync).
 * State reports update the rows. Data-plane role: rows come from the control plane; a state report
 * makes the row owe BFD_STATE_CHANGE, and a (re)connect re-reports every reported row; counters
 * requests are answered at once.
 */
final class BfdSessions implements Catalog {
    private final Role role;
    private final ContextListeners listeners;
    private final HashMap<Integer, SessionEntry> byLid = new HashMap<>();
    private final SessionMessage session = new SessionMessage();
    private final StateChangeMessage stateChange = new StateChangeMessage();
    private final CountersRequestMessage countersRequest = new CountersRequestMessage();
    private final CountersReplyMessage countersReply = new CountersReplyMessage();
    private final ReplyDecoder<SessionCounters> countersDecoder = this::decodeCounters;
    private BgpMgmtContext context;
    long unknownSessions;

    BfdSessions(final Role role, final ContextListeners listeners) {
        this.role = role;
        this.listeners = listeners;
    }

    @Override
    public void register(final CatalogTypes types) {
        context = types.context();
        if (role == Role.CONTROL_PLANE) {
            types.handle(MessageType.BFD_STATE_CHANGE, (c, in, at, length) -> stateChanged(stateChange.wrap(in, at)));
        } else {
            types.handle(MessageType.DP_ADD_SESSION, (c, in, at, length) -> received(c, session.wrap(in, at), false));
            types.handle(MessageType.DP_DELETE_SESSION, (c, in, at, length) -> received(c, session.wrap(in, at), true));
            types.handle(MessageType.DP_REQUEST_SESSION_COUNTERS,
                (c, in, at, length) -> answerCounters(c, countersRequest.wrap(in, at)));
        }
    }

    @Override
    public void connectionUp(final Connection c) {
        final int owed = role == Role.CONTROL_PLANE ? SessionEntry.ADD : SessionEntry.STATE;
        for (SessionEntry e : byLid.values()) {
            if (e.connection() == null || !e.connection().isUp() || e.connection() == c) {
                e.attach(c);
                if (owed == SessionEntry.ADD || e.reported) {
                    e.owe(owed);
                }
            }
        }
    }

    @Override
    public void connectionDown(final Connection c) {
        for (SessionEntry e : byLid.values()) {
            if (e.connection() == c) {
                e.attach(null);
            }
        }
    }

    // ---------------------------------------------------------------- control-plane role

    void update(final BfdSession s) {
        SessionEntry e = byLid.get(s.lid());
        if (e == null) {
            e = new SessionEntry(this, s.lid());
            byLid.put(s.lid(), e);
        }
        e.session = s;
        if (e.connection() == null || !e.connection().isUp()) {
            e.attach(context.leastLoadedConnection());
        }
        e.owe(SessionEntry.ADD);
    }

    boolean delete(final int lid) {
        final SessionEntry e = byLid.remove(lid);
        if (e == null) {
            return false;
        }
        if (e.connection() != null && e.connection().isUp()) {
            e.owe(SessionEntry.DELETE); // the row lives on in the queue until the delete is sent
        } else {
            e.attach(null);
        }
        return true;
    }

    CompletableFuture<SessionCounters> requestCounters(final int lid) {
        final SessionEntry e = byLid.get(lid);
        if (e == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no session with lid " + lid));
        }
        final Connection c = e.connection();
        if (c == null || !c.isUp()) {
            return CompletableFuture.failedFuture(new ConnectionClosedException("session " + lid
                + " has no connection"));
        }
        return c.request(MessageType.COUNTERS_REQUEST_LENGTH,
            (out, at, id) -> countersRequest.encode(out, at, id).lid(lid), MessageType.BFD_SESSION_COUNTERS,
            countersDecoder);
    }

    private SessionCounters decodeCounters(final ByteBuffer in, final int at, final int length) {
        final CountersReplyMessage m = countersReply.wrap(in, at);
        return new SessionCounters(m.lid(), m.controlInputBytes(), m.controlInputPackets(), m.controlOutputBytes(),
            m.controlOutputPackets(), m.echoInputBytes(), m.echoInputPackets(), m.echoOutputBytes(),
            m.echoOutputPackets());
    }

    private void stateChanged(final StateChangeMessage m) {
        final SessionEntry e = byLid.get(m.lid());
        if (e == null) {
            unknownSessions++;
            return;
        }
        e.state = next(e.state, new SessionState(e.lid, m.state(), m.diagnostics(), m.rid(), m.remoteFlags(),
            m.desiredTx(), m.requiredRx(), m.requiredEchoRx(), m.detectionMultiplier(), 0, 0, 0, 0));
        e.reported = true;
        listeners.stateChanged(e.session, e.state);
    }

    // ---------------------------------------------------------------- data-plane role

    private void received(final Connection from, final SessionMessage m, final boolean delete) {
        final BfdSession s;
        try {
            s = SessionCodec.read(m);
        } catch (IllegalArgumentException e) {
            // Content the frame check cannot see (found by fuzzing: an ifname with no NUL).
            from.protocolError("malformed " + (delete ? "DP_DELETE_SESSION" : "DP_ADD_SESSION") + ": "
                + e.getMessage());
            return;
        }
        if (delete) {
            final SessionEntry e = byLid.remove(s.lid());
            if (e != null) {
                e.attach(null);
                listeners.sessionDeleted(e.session);
            }
            return;
        }
        SessionEntry e = byLid.get(s.lid());
        final boolean added = e == null;
        if (added) {
            e = new SessionEntry(this, s.lid());
            byLid.put(s.lid(), e);
        }
        e.session = s;
        e.attach(from);
        listeners.sessionReceived(s, added);
    }

    boolean report(final SessionState state) {
        final SessionEntry e = byLid.get(state.lid());
        if (e == null) {
            return false;
        }
        e.state = next(e.state, state);
        e.reported = true;
        e.owe(SessionEntry.STATE);
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

    /** Answers at once; a full buffer drops the answer (counted), and the asker times out. */
    private void answerCounters(final Connection c, final CountersRequestMessage m) {
        final int lid = m.lid();
        final SessionEntry e = byLid.get(lid);
        final SessionCounters k = e != null && e.counters != null ? e.counters : SessionCounters.zero(lid);
        final int at = c.reserve(MessageType.COUNTERS_REPLY_LENGTH);
        if (at < 0) {
            return;
        }
        countersReply.encode(c.output(), at, m.id()).lid(k.lid())
            .controlInputBytes(k.controlInputBytes()).controlInputPackets(k.controlInputPackets())
            .controlOutputBytes(k.controlOutputBytes()).controlOutputPackets(k.controlOutputPackets())
            .echoInputBytes(k.echoInputBytes()).echoInputPackets(k.echoInputPackets())
            .echoOutputBytes(k.echoOutputBytes()).echoOutputPackets(k.echoOutputPackets());
        c.commit(MessageType.COUNTERS_REPLY_LENGTH);
    }

    // ---------------------------------------------------------------- rows and views

    /** Encodes the message a row owes; called by the row when its connection has room. */
    void write(final SessionEntry e, final int what, final ByteBuffer out, final int at) {
        switch (what) {
            case SessionEntry.ADD:
                SessionCodec.write(e.session, session.encodeAdd(out, at, 0));
                break;
            case SessionEntry.DELETE:
                SessionCodec.write(e.session, session.encodeDelete(out, at, 0));
                break;
            default:
                final SessionState s = e.state;
                stateChange.encode(out, at, 0).lid(s.lid()).rid(s.remoteDiscriminator()).remoteFlags(s.remoteFlags())
                    .desiredTx(s.remoteDesiredTxMicros()).requiredRx(s.remoteRequiredRxMicros())
                    .requiredEchoRx(s.remoteRequiredEchoRxMicros()).state(s.state()).diagnostics(s.diagnostics())
                    .detectionMultiplier(s.remoteDetectMultiplier());
        }
    }

    /** The reported state with the up/down transitions counted on top of {@code old}. */
    private static SessionState next(final SessionState old, final SessionState s) {
        final boolean wentUp = s.state() == BfdState.UP && old.state() != BfdState.UP;
        final boolean wentDown = s.state() != BfdState.UP && old.state() == BfdState.UP;
        final long now = System.currentTimeMillis();
        return new SessionState(s.lid(), s.state(), s.diagnostics(), s.remoteDiscriminator(), s.remoteFlags(),
            s.remoteDesiredTxMicros(), s.remoteRequiredRxMicros(), s.remoteRequiredEchoRxMicros(),
            s.remoteDetectMultiplier(), old.upCount() + (wentUp ? 1 : 0), old.downCount() + (wentDown ? 1 : 0),
            wentUp ? now : old.lastUpMillis(), wentDown ? now : old.lastDownMillis());
    }

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

    /** Returns every session's state by lid, for the published table. */
    Map<Integer, SessionState> states() {
        final Map<Integer, SessionState> all = new HashMap<>(byLid.size() * 2);
        for (Map.Entry<Integer, SessionEntry> e : byLid.entrySet()) {
            all.put(e.getKey(), e.getValue().state);
        }
        return Map.copyOf(all);
    }

    SessionState state(final int lid) {
        final SessionEntry e = byLid.get(lid);
        return e == null ? null : e.state;
    }
}
