package org.bgpmgmt.mgmt;

import java.time.Duration;
import java.util.List;
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
    /** How long one task may hold the loop before a read stops waiting for fresh figures. */
    static final Duration PATIENCE = Duration.ofMillis(50);

    private final BgpMgmtContext context;
    private final LoopSnapshot<ContextStats> stats;
    private final LoopSnapshot<List<BfdSession>> sessions;
    private final LoopSnapshot<List<Connection>> connections;

    ContextFigures(final BgpMgmtContext context, final EventLoop loop, final Callable<ContextStats> stats,
                   final Callable<List<BfdSession>> sessions, final Callable<List<Connection>> connections) {
        this.context = context;
        this.stats = LoopSnapshot.of(loop, stats, null, PATIENCE);
        this.sessions = LoopSnapshot.of(loop, sessions, null, PATIENCE);
        this.connections = LoopSnapshot.of(loop, connections, null, PATIENCE);
    }

    /** Publishes every figure once, so that a read never falls back to waiting. Loop thread only. */
    <T> T prime(final T passThrough) {
        stats.read();
        sessions.read();
        connections.read();
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

    private <T> T read(final LoopSnapshot<T> snapshot, final String caller) {
        final T value = snapshot.read();
        return value != null ? value : context.await(caller, snapshot::read);
    }
}
