package org.bgpmgmt.examples.bgp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.TwoLoops;

/**
 * Contexts with a catalog attached, on core's {@link TwoLoops} fixture (two loops per test, everything
 * in {@code closeLater} closed after it, both loops stopped within 10 s); for the catalog's socket tests.
 */
abstract class CatalogFixture extends TwoLoops {
    CatalogFixture() {
        super("catalog-");
    }

    /** A context and its catalog. */
    static final class Side {
        final BgpPeerCatalog catalog;
        final Heard heard = new Heard();
        BgpMgmtContext context;

        /** Listens before attaching, so that nothing a fast connection brings is missed. */
        Side(final Role role) {
            this.catalog = new BgpPeerCatalog(role);
            catalog.addListener(heard);
        }

        boolean connected() {
            return context.connections().stream().anyMatch(c -> c.isUp());
        }
    }

    /** Records what a catalog hears. */
    static final class Heard implements BgpPeerListener {
        final Map<Integer, BgpPeer> peers = new ConcurrentHashMap<>();
        final Map<Integer, PeerState> states = new ConcurrentHashMap<>();
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void peerReceived(final BgpPeer peer, final boolean added) {
            peers.put(peer.key(), peer);
            events.add((added ? "add " : "update ") + peer.key());
        }

        @Override
        public void peerDeleted(final BgpPeer peer) {
            peers.remove(peer.key());
            events.add("delete " + peer.key());
        }

        @Override
        public void peerStateChanged(final BgpPeer peer, final PeerState state) {
            states.put(peer.key(), state);
            events.add("state " + peer.key() + " " + state.state());
        }
    }

    /** Closes {@code c} after the test, before what was opened earlier (the fixture closes in list order). */
    <T extends AutoCloseable> T later(final T c) {
        closeLater.add(0, c);
        return c;
    }

    /** A server of {@code role} on {@code at} with a fresh catalog, the way a user wires one. */
    Side server(final Role role, final Endpoint at, final BgpMgmtConfig config) throws Exception {
        return server(role, at, config, c -> { });
    }

    /** A server as above whose context gets {@code beforeStart} too (e.g. BFD sessions beside the peers). */
    Side server(final Role role, final Endpoint at, final BgpMgmtConfig config,
                final Consumer<BgpMgmtContext> beforeStart) throws Exception {
        final Side side = new Side(role);
        side.context = later(Contexts.listen(serverLoop, at, config.name("srv"),
            c -> c.addCatalog(side.catalog), beforeStart));
        return side;
    }

    Side client(final Role role, final Endpoint to, final BgpMgmtConfig config) {
        return client(role, to, config, catalog -> { });
    }

    /** A client whose catalog gets {@code beforeAttach} (e.g. peers) after it is added, before start. */
    Side client(final Role role, final Endpoint to, final BgpMgmtConfig config,
                final Consumer<BgpPeerCatalog> beforeAttach) {
        final Side side = new Side(role);
        final BgpMgmtContext context = BgpMgmtContext.client(clientLoop, to, config.name("cli")
            .reconnectDelay(Duration.ofMillis(20))).addCatalog(side.catalog);
        beforeAttach.accept(side.catalog); // e.g. peers added before start, the first resync
        side.context = later(Contexts.connect(context));
        return side;
    }

    /** The value of a catalog call, at most 10 s later; a failure fails the test. */
    static <T> T done(final CompletableFuture<T> call) {
        try {
            return call.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the catalog call failed: " + call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static Endpoint anyPort() {
        return Endpoint.parse("127.0.0.1:0");
    }

    static BgpPeer peer(final int key) {
        try {
            return BgpPeer.builder(key).peerAddress(InetAddress.getByName("10." + (key >>> 16 & 0xFF) + "."
                    + (key >>> 8 & 0xFF) + "." + (key & 0xFF)))
                .localAddress(InetAddress.getByName("10.255.0.1")).remoteAs(64_512L + key).localAs(65000)
                .holdTime(90).keepalive(30).description("peer-" + key).build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
