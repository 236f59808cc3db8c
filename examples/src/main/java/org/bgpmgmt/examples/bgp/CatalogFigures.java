package org.bgpmgmt.examples.bgp;

import java.util.List;
import java.util.Map;
import org.bgpmgmt.event.LoopSnapshot;
import org.bgpmgmt.mgmt.BgpMgmtContext;

/**
 * The catalog's figures for other threads: the peer table and the counters, as
 * {@link LoopSnapshot}s of the context's loop, so a read never waits on a stuck loop. Until the
 * loop first publishes (a read it answered, or a connection coming up or going down), a read falls
 * back to the context's bounded wait. Any thread.
 */
final class CatalogFigures {

    private final BgpMgmtContext context;
    private final LoopSnapshot<List<BgpPeer>> peers;
    private final LoopSnapshot<BgpCatalogStats> stats;
    private final LoopSnapshot<Map<Integer, PeerState>> states;

    CatalogFigures(final BgpMgmtContext context, final PeerTable table) {
        this.context = context;
        this.peers = LoopSnapshot.of(context.loop(), table::peers, null);
        this.stats = LoopSnapshot.of(context.loop(), table::stats, null);
        this.states = LoopSnapshot.of(context.loop(), table::states, null);
    }

    /** Publishes both figures now. Loop thread only. */
    void prime() {
        peers.read();
        stats.read();
        states.read();
    }

    List<BgpPeer> peers() {
        final List<BgpPeer> p = peers.read();
        return p != null ? p : context.await("BgpPeerCatalog.peers", peers::read);
    }

    PeerState peerState(final int key) {
        final Map<Integer, PeerState> s = states.read();
        return (s != null ? s : context.await("BgpPeerCatalog.peerState", states::read)).get(key);
    }

    BgpCatalogStats stats() {
        final BgpCatalogStats s = stats.read();
        return s != null ? s : context.await("BgpPeerCatalog.stats", stats::read);
    }
}
