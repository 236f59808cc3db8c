package org.bgpmgmt.mgmt;

import java.util.List;
import java.util.concurrent.Callable;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.LoopSnapshot;

/**
 * A context's figures for other threads: its counters and connections, as {@link LoopSnapshot}s
 * the loop refreshes on demand, so a read never waits on a stuck loop (it returns what the loop
 * published before the stall, or the zero figures of a context not yet started). Any thread.
 */
final class ContextFigures {
    private final LoopSnapshot<ContextStats> stats;
    private final LoopSnapshot<List<Connection>> connections;

    ContextFigures(final EventLoop loop, final Callable<ContextStats> stats, final ContextStats zero,
                   final Callable<List<Connection>> connections) {
        this.stats = LoopSnapshot.of(loop, stats, zero);
        this.connections = LoopSnapshot.of(loop, connections, List.of());
    }

    /** Publishes every figure once, so that a read after start is never older than the start. Loop thread only. */
    <T> T prime(final T passThrough) {
        stats.read();
        connections.read();
        return passThrough;
    }

    ContextStats stats() {
        return stats.read();
    }

    List<Connection> connections() {
        return connections.read();
    }
}
