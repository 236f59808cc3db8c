package org.bgpmgmt.examples;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.examples.bgp.BgpFsmState;
import org.bgpmgmt.examples.bgp.BgpPeer;
import org.bgpmgmt.examples.bgp.BgpPeerCatalog;
import org.bgpmgmt.examples.bgp.BgpPeerListener;
import org.bgpmgmt.examples.bgp.PeerCounters;
import org.bgpmgmt.examples.bgp.PeerState;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.examples.bgp.Role;

/**
 * The BGP peer catalog's recipes, compiled here and run by {@code CatalogRecipeTest};
 * docs/bgp-catalog.md shows the bodies of {@link #controlPlane} and {@link #dataPlane}, and
 * {@code DocRecipesTest} checks every shown line is here, in order. Not thread-safe.
 */
final class CatalogRecipe {
    private CatalogRecipe() {
    }

    /** A control plane and its catalog. */
    record Control(BgpMgmtContext context, BgpPeerCatalog peers) {
    }

    /** A control plane with peer 1, listening on {@code listen}; started when this returns. */
    static Control controlPlane(final EventLoop loop, final String listen) throws Exception {
        BgpPeerCatalog peers = new BgpPeerCatalog(Role.CONTROL_PLANE);
        BgpMgmtContext control = BgpMgmtContext.server(loop, Endpoint.parse(listen),
                new BgpMgmtConfig()).addCatalog(peers);
        peers.addListener(new BgpPeerListener() {                 // runs on the loop thread
            @Override public void peerStateChanged(BgpPeer peer, PeerState state) {
                System.out.println(peer.description() + " is " + state.state());
            }
        });
        peers.updatePeer(BgpPeer.builder(1)                       // key 1; sent in the first resync
                .peerAddress(InetAddress.getByName("203.0.113.1"))
                .localAddress(InetAddress.getByName("203.0.113.254"))
                .remoteAs(64497).localAs(65000).description("transit-a")
                .build());
        control.start().get(5, TimeUnit.SECONDS);                 // binds: nothing was touched before
        return new Control(control, peers);
    }

    /** A data plane that reports each peer it receives Established; connecting when this returns. */
    static BgpMgmtContext dataPlane(final EventLoop loop, final String connect) {
        BgpPeerCatalog peers = new BgpPeerCatalog(Role.DATA_PLANE);
        peers.addListener(new BgpPeerListener() {                 // runs on the loop thread
            @Override public void peerReceived(BgpPeer peer, boolean added) {
                peers.updateCounters(new PeerCounters(peer.key(), 100, 90, 40, 30, 1000, 998, 1));
                peers.reportState(PeerState.of(peer.key(), BgpFsmState.ESTABLISHED, 0));
            }
        });
        BgpMgmtContext dataPlane = BgpMgmtContext.client(loop, Endpoint.parse(connect),
                new BgpMgmtConfig()).addCatalog(peers);
        dataPlane.start();                                        // connects, and reconnects after a loss
        return dataPlane;
    }

    /** Both on one loop: returns peer 1's counters once the data plane reported it Established. */
    static PeerCounters run() throws Exception {
        EventLoop loop = new EventLoop(new EventLoopConfig().name("bgp-catalog")).start();
        try {
            Control control = controlPlane(loop, "127.0.0.1:0");
            CountDownLatch established = new CountDownLatch(1);
            control.peers().addListener(new BgpPeerListener() {
                @Override public void peerStateChanged(BgpPeer peer, PeerState state) {
                    if (state.isEstablished()) {
                        established.countDown();
                    }
                }
            });
            BgpMgmtContext dataPlane = dataPlane(loop, control.context().endpoint().toString());
            if (!established.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("peer 1 never reported Established");
            }
            PeerCounters counters = control.peers().requestCounters(1).get(5, TimeUnit.SECONDS);
            dataPlane.close();
            control.context().close();
            return counters;
        } finally {
            loop.shutdown(Duration.ofSeconds(5));
        }
    }
}
