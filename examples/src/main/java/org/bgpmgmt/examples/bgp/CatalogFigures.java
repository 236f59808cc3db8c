package org.bgpmgmt.examples.bgp;

import java.util.List;
import java.util.Map;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.LoopSnapshot;

/**
 * The catalog's figures for other threads: the peer table, each peer's state and the counters, as
 * {@link LoopSnapshot}s of the context's loop, so a read never waits on a stuck loop. Each starts
 * from an empty value (no peers, no states, zero counters), which is what a read returns when the
 * loop has published nothing yet and does not answer in time; never a wait of its own. Any thread.
 */
final class CatalogFigures {
    private static final BgpCatalogStats ZERO = new BgpCatalogStats(0, 0, 0, 0, 0, 0);

    private final LoopSnapshot<List<BgpPeer>> peers;
    private final LoopSnapshot<BgpCatalogStats> stats;
    private final LoopSnapshot<Map<Integer, PeerState>> states;

    CatalogFigures(final EventLoop loop, final PeerTable table) {
        this.peers = LoopSnapshot.of(loop, table::peers, List.of());
        this.stats = LoopSnapshot.of(loop, table::stats, ZERO);
        this.states = LoopSnapshot.of(loop, table::states, Map.of());
    }

    /** Publishes every figure now, so a read during a later stall finds them. Loop thread only. */
    void prime() {
        peers.read();
        stats.read();
        states.read();
    }

    List<BgpPeer> peers() {
        return peers.read();
    }

    PeerState peerState(final int key) {
        return states.read().get(key);
    }

    BgpCatalogStats stats() {
        return stats.read();
    }
}
