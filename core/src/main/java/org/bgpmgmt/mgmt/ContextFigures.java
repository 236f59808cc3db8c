package org.bgpmgmt.mgmt;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.LoopSnapshot;

/**
 * A context's figures for other threads: its counters, sessions and connections, as
 * {@link LoopSnapshot}s the loop refreshes on demand, so a read never waits on a stuck loop (it
 * returns what the loop published before the stall). The context's start publishes every figure
 * once; only a read before that falls back to the bounded wait of {@link BgpMgmtContext#await}.
 * Any thread.
 */
final class ContextFigures {

    private final BgpMgmtContext context;
    private final LoopSnapshot<ContextStats> stats;
    private final LoopSnapshot<List<BfdSession>> sessions;
    private final LoopSnapshot<List<Connection>> connections;
    private final LoopSnapshot<Map<Integer, SessionState>> states;

    ContextFigures(final BgpMgmtContext context, final EventLoop loop, final Callable<ContextStats> stats,
                   final Callable<List<BfdSession>> sessions, final Callable<List<Connection>> connections,
                   final Callable<Map<Integer, SessionState>> states) {
        this.context = context;
        this.stats = LoopSnapshot.of(loop, stats, null);
        this.sessions = LoopSnapshot.of(loop, sessions, null);
        this.connections = LoopSnapshot.of(loop, connections, null);
        this.states = LoopSnapshot.of(loop, states, null);
    }

    /** Publishes every figure once, so that a read never falls back to waiting. Loop thread only. */
    <T> T prime(final T passThrough) {
        stats.read();
        sessions.read();
        connections.read();
        states.read();
        return passThrough;
    }

    ContextStats stats() {
        return read(stats, "BgpMgmtContext.stats");
    }

    List<BfdSession> sessions() {
        return read(sessions, "BgpMgmtContext.sessions");
    }

    List<Connection> connections() {
        return read(connections, "BgpMgmtContext.connections");
    }

    /** Returns a session's state from the published table (a per-row read that never waits on a stuck loop). */
    SessionState sessionState(final int lid) {
        return sessionStates().get(lid);
    }

    Map<Integer, SessionState> sessionStates() {
        return read(states, "BgpMgmtContext.sessionState");
    }

    private <T> T read(final LoopSnapshot<T> snapshot, final String caller) {
        final T value = snapshot.read();
        return value != null ? value : context.await(caller, snapshot::read);
    }
}
