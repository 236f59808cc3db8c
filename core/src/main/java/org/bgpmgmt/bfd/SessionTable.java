package org.bgpmgmt.bfd;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bgpmgmt.event.LoopSnapshot;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Catalog;
import org.bgpmgmt.mgmt.CatalogTypes;
import org.bgpmgmt.mgmt.Connection;
import org.bgpmgmt.mgmt.ConnectionClosedException;
import org.bgpmgmt.mgmt.ReplyDecoder;
import org.bgpmgmt.wire.CountersReplyMessage;
import org.bgpmgmt.wire.CountersRequestMessage;
import org.bgpmgmt.wire.Framing;
import org.bgpmgmt.wire.MessageType;
import org.bgpmgmt.wire.SessionMessage;
import org.bgpmgmt.wire.StateChangeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BFD sessions of one context keyed by lid, for one side of bfddp: the {@link Catalog} behind
 * {@link BfdControlPlane} and {@link BfdDataPlane}, built on the public catalog SPI only. Loop
 * thread only, except {@link #addListener} and the figures.
 *
 * <p>Control plane: an update or delete makes the row owe DP_ADD_SESSION or DP_DELETE_SESSION to
 * its connection (the least loaded one when it has none); a lost connection detaches its rows, and
 * the next one to come up takes every detached row and is owed an add for each (resync). State
 * reports update the rows. Data plane: rows come from the control plane; a state report makes the
 * row owe BFD_STATE_CHANGE, a (re)connect re-reports every reported row, and counters requests are
 * answered at once.
 */
final class SessionTable implements Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTable.class);

    final boolean controlPlane;
    private final HashMap<Integer, SessionEntry> byLid = new HashMap<>();
    private final SessionMessage session = new SessionMessage();
    private final StateChangeMessage stateChange = new StateChangeMessage();
    private final CountersRequestMessage countersRequest = new CountersRequestMessage();
    private final CountersReplyMessage countersReply = new CountersReplyMessage();
    private final ReplyDecoder<SessionCounters> countersDecoder = this::decodeCounters;
    private volatile SessionListener[] listeners = new SessionListener[0];
    private BgpMgmtContext context;
    private LoopSnapshot<List<BfdSession>> sessionsFigure;
    private LoopSnapshot<Map<Integer, SessionState>> statesFigure;
    private LoopSnapshot<BfdStats> statsFigure;
    private long unknownSessions;
    private long malformed;
    private long listenerErrors;

    SessionTable(final boolean controlPlane) {
        this.controlPlane = controlPlane;
    }

    @Override
    public void register(final CatalogTypes types) {
        if (!types.framing().equals(Framing.BFDDP)) {
            throw new IllegalArgumentException("BFD sessions need bfddp's framing; " + types.context() + " frames "
                + types.framing().name());
        }
        final int otherSide = controlPlane ? MessageType.DP_ADD_SESSION : MessageType.BFD_STATE_CHANGE;
        if (types.isHandled(otherSide)) {
            throw new IllegalArgumentException(types.context() + " already keeps BFD sessions as the "
                + (controlPlane ? "data" : "control") + " plane; a context plays one side");
        }
        context = types.context();
        sessionsFigure = LoopSnapshot.of(context.loop(), this::sessions, List.of());
        statesFigure = LoopSnapshot.of(context.loop(), this::states, Map.of());
        statsFigure = LoopSnapshot.of(context.loop(), this::stats, new BfdStats(0, 0, 0, 0));
        if (controlPlane) {
            types.handle(MessageType.BFD_STATE_CHANGE,
                (c, in, at, length) -> stateChanged(c, stateChange.wrap(in, at)));
        } else {
            types.handle(MessageType.DP_ADD_SESSION, (c, in, at, length) -> received(c, session.wrap(in, at), false));
            types.handle(MessageType.DP_DELETE_SESSION, (c, in, at, length) -> received(c, session.wrap(in, at), true));
            types.handle(MessageType.DP_REQUEST_SESSION_COUNTERS,
                (c, in, at, length) -> answerCounters(c, countersRequest.wrap(in, at)));
        }
    }

    @Override
    public void connectionUp(final Connection c) {
        final int owed = controlPlane ? SessionEntry.ADD : SessionEntry.STATE;
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

    BgpMgmtContext context() {
        return context;
    }

    /** Any thread: heard from the next event on. */
    synchronized void addListener(final SessionListener listener) {
        final SessionListener[] now = listeners;
        final SessionListener[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = java.util.Objects.requireNonNull(listener, "listener");
        listeners = next;
    }

    // ---------------------------------------------------------------- control plane

    Void update(final BfdSession s) {
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
        return null;
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
        return new SessionCounters(m.lid(),
            new Traffic(m.controlInputPackets(), m.controlInputBytes(), m.controlOutputPackets(),
                m.controlOutputBytes()),
            new Traffic(m.echoInputPackets(), m.echoInputBytes(), m.echoOutputPackets(), m.echoOutputBytes()));
    }

    private void stateChanged(final Connection from, final StateChangeMessage m) {
        final SessionEntry e = byLid.get(m.lid());
        if (e == null) {
            unknownSessions++;
            return;
        }
        final StateReport report;
        try {
            report = new StateReport(m.lid(), BfdState.of(m.state()), BfdDiagnostic.of(m.diagnostics()),
                new RemoteSystem(m.rid(), m.remoteFlags(), m.desiredTx(), m.requiredRx(), m.requiredEchoRx(),
                    m.detectionMultiplier()));
        } catch (IllegalArgumentException bad) {
            refuse(from, "BFD_STATE_CHANGE", bad);
            return;
        }
        e.state = e.state.then(report, System.currentTimeMillis());
        e.reported = true;
        for (SessionListener l : listeners) {
            try {
                l.stateChanged(e.session, e.state);
            } catch (RuntimeException failed) {
                listenerFailed(l, failed);
            }
        }
    }

    // ---------------------------------------------------------------- data plane

    private void received(final Connection from, final SessionMessage m, final boolean delete) {
        final BfdSession s;
        try {
            s = SessionCodec.read(m);
        } catch (IllegalArgumentException bad) {
            // Content the frame check cannot see (found by fuzzing: an ifname with no NUL).
            refuse(from, delete ? "DP_DELETE_SESSION" : "DP_ADD_SESSION", bad);
            return;
        }
        if (delete) {
            final SessionEntry e = byLid.remove(s.lid());
            if (e != null) {
                e.attach(null);
                tellReceived(e.session, true, false);
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
        tellReceived(s, false, added);
    }

    private void tellReceived(final BfdSession s, final boolean deleted, final boolean added) {
        for (SessionListener l : listeners) {
            try {
                if (deleted) {
                    l.sessionDeleted(s);
                } else {
                    l.sessionReceived(s, added);
                }
            } catch (RuntimeException failed) {
                listenerFailed(l, failed);
            }
        }
    }

    boolean report(final StateReport report) {
        final SessionEntry e = byLid.get(report.lid());
        if (e == null) {
            return false;
        }
        e.state = e.state.then(report, System.currentTimeMillis());
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

    /** Answers at once; a full buffer drops the answer (counted by the connection), and the asker times out. */
    private void answerCounters(final Connection c, final CountersRequestMessage m) {
        final int lid = m.lid();
        final SessionEntry e = byLid.get(lid);
        final SessionCounters k = e != null && e.counters != null ? e.counters : SessionCounters.zero(lid);
        final int at = c.reserve(MessageType.COUNTERS_REPLY_LENGTH);
        if (at < 0) {
            return;
        }
        final Traffic control = k.control();
        final Traffic echo = k.echo();
        countersReply.encode(c.output(), at, m.id()).lid(k.lid())
            .controlInputBytes(control.inputBytes()).controlInputPackets(control.inputPackets())
            .controlOutputBytes(control.outputBytes()).controlOutputPackets(control.outputPackets())
            .echoInputBytes(echo.inputBytes()).echoInputPackets(echo.inputPackets())
            .echoOutputBytes(echo.outputBytes()).echoOutputPackets(echo.outputPackets());
        c.commit(MessageType.COUNTERS_REPLY_LENGTH);
    }

    // ---------------------------------------------------------------- rows, faults and figures

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
                final StateReport s = e.state.report();
                final RemoteSystem r = s.remote();
                stateChange.encode(out, at, 0).lid(s.lid()).rid(r.discriminator()).remoteFlags(r.flags())
                    .desiredTx(r.desiredTxMicros()).requiredRx(r.requiredRxMicros())
                    .requiredEchoRx(r.requiredEchoRxMicros()).state(s.state().code())
                    .diagnostics(s.diagnostic().code()).detectionMultiplier(r.detectMultiplier());
        }
    }

    /** A peer's message whose content is wrong: counted here, and the connection closes with the reason. */
    private void refuse(final Connection from, final String type, final IllegalArgumentException why) {
        malformed++;
        from.protocolError("malformed " + type + ": " + why.getMessage());
    }

    private void listenerFailed(final SessionListener l, final RuntimeException e) {
        listenerErrors++;
        LOG.warn("{}: session listener {} failed", context.name(), l, e);
    }

    List<BfdSession> sessions() {
        final List<BfdSession> all = new ArrayList<>(byLid.size());
        for (SessionEntry e : byLid.values()) {
            all.add(e.session);
        }
        all.sort((a, b) -> Integer.compareUnsigned(a.lid(), b.lid()));
        return List.copyOf(all);
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

    BfdStats stats() {
        return new BfdStats(byLid.size(), unknownSessions, malformed, listenerErrors);
    }

    // Figure reads, any thread: LoopSnapshot reads, which never wait on a stuck loop.

    List<BfdSession> readSessions() {
        return sessionsFigure.read();
    }

    Map<Integer, SessionState> readStates() {
        return statesFigure.read();
    }

    /** On the loop a direct lookup: publishing the whole table for one row would cost a copy. */
    SessionState readState(final int lid) {
        return context.loop().inLoop() ? state(lid) : statesFigure.read().get(lid);
    }

    BfdStats readStats() {
        return statsFigure.read();
    }
}
