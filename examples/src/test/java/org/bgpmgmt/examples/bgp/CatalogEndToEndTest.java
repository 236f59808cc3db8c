package org.bgpmgmt.examples.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.bfd.SessionListener;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.RawPeer;
import org.bgpmgmt.wire.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Both roles of the catalog end to end over TCP loopback, each as server and as client. */
@Timeout(60)
class CatalogEndToEndTest extends CatalogFixture {
    @TempDir
    Path dir;

    @Test
    void shouldRunControlServerAgainstDataClient() throws Exception {
        final Side control = server(Role.CONTROL_PLANE, anyPort(), new BgpMgmtConfig());
        final Side data = client(Role.DATA_PLANE, control.context.endpoint(), new BgpMgmtConfig());
        Await.until("connected", control::connected);
        for (int key = 1; key <= 3; key++) {
            control.catalog.updatePeer(peer(key));
        }
        Await.until("three peers", () -> data.heard.peers.size() == 3);
        assertEquals(peer(2), data.heard.peers.get(2), "every field crossed the wire");

        final BgpPeer changed = BgpPeer.builder(2).peerAddress(peer(2).peerAddress()).remoteAs(65123)
            .passive(true).description("changed").build();
        control.catalog.updatePeer(changed);
        assertTrue(done(control.catalog.deletePeer(3)));
        assertFalse(done(control.catalog.deletePeer(3)));
        Await.until("update and delete", () -> data.heard.events.contains("delete 3"));
        assertEquals(List.of("add 1", "add 2", "add 3", "update 2", "delete 3"), data.heard.events);
        assertEquals(List.of(peer(1), changed), data.catalog.peers());
        assertEquals(List.of(peer(1), changed), control.catalog.peers());

        assertTrue(done(data.catalog.reportState(new PeerState(1, BgpFsmState.ESTABLISHED, 0, 0, 12))));
        assertFalse(done(data.catalog.reportState(PeerState.of(3, BgpFsmState.IDLE, 0))), "3 was deleted");
        Await.until("state report", () -> control.heard.states.containsKey(1));
        assertEquals(new PeerState(1, BgpFsmState.ESTABLISHED, 0, 0, 12), control.catalog.peerState(1));
        assertEquals(PeerState.initial(2), control.catalog.peerState(2), "nothing reported yet");
        assertNull(control.catalog.peerState(3));

        final PeerCounters counters = new PeerCounters(1, 100, 90, 40, 30, 1000, 998, 2);
        assertTrue(done(data.catalog.updateCounters(counters)));
        assertEquals(counters, control.catalog.requestCounters(1).get(10, TimeUnit.SECONDS));
        assertEquals(PeerCounters.zero(2), control.catalog.requestCounters(2).get(10, TimeUnit.SECONDS));
        final ExecutionException unknown = assertThrows(ExecutionException.class,
            () -> control.catalog.requestCounters(99).get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, unknown.getCause());

        final BgpCatalogStats stats = control.catalog.stats();
        assertEquals(2, stats.peers());
        assertEquals(0, stats.owedMessages());
        assertEquals(0, stats.malformedMessages());
        assertEquals(0, data.catalog.stats().unexpectedMessages());
    }

    @Test
    void shouldRunDataServerAgainstControlClientAndResyncAfterTheServerRestarts() throws Exception {
        final Side data = server(Role.DATA_PLANE, anyPort(), new BgpMgmtConfig());
        final Endpoint at = data.context.endpoint();
        final Side control = client(Role.CONTROL_PLANE, at, new BgpMgmtConfig(), catalog -> {
            for (int key = 1; key <= 3; key++) {
                catalog.updatePeer(peer(key)); // staged before attach: the first resync
            }
            assertTrue(done(catalog.deletePeer(3)));
            assertFalse(done(catalog.deletePeer(3)));
            catalog.updatePeer(peer(3));
        });
        Await.until("three peers", () -> data.heard.peers.size() == 3);
        assertTrue(done(data.catalog.reportState(PeerState.of(2, BgpFsmState.ACTIVE, 1))));
        Await.until("state", () -> control.heard.states.containsKey(2));
        assertTrue(done(data.catalog.updateCounters(new PeerCounters(3, 1, 2, 3, 4, 5, 6, 7))));
        assertEquals(new PeerCounters(3, 1, 2, 3, 4, 5, 6, 7),
            control.catalog.requestCounters(3).get(10, TimeUnit.SECONDS));

        data.context.close();
        Await.until("control sees the loss", () -> !control.connected());
        final ExecutionException down = assertThrows(ExecutionException.class,
            () -> control.catalog.requestCounters(1).get(10, TimeUnit.SECONDS));
        assertInstanceOf(org.bgpmgmt.mgmt.ConnectionClosedException.class, down.getCause());
        control.catalog.updatePeer(peer(4)); // while down: owed to the next connection

        final Side restarted = server(Role.DATA_PLANE, at, new BgpMgmtConfig());
        Await.until("every peer re-sent", () -> restarted.heard.peers.size() == 4);
        assertEquals(List.of(peer(1), peer(2), peer(3), peer(4)), restarted.catalog.peers());
        assertTrue(done(restarted.catalog.reportState(PeerState.of(4, BgpFsmState.CONNECT, 0))));
        Await.until("state from the new server", () -> control.heard.states.containsKey(4));
    }

    @Test
    void shouldDropPeersTheControlPlaneDeletedWhileDisconnected() throws Exception {
        final Side data = server(Role.DATA_PLANE, anyPort(), new BgpMgmtConfig());
        final Side first = client(Role.CONTROL_PLANE, data.context.endpoint(), new BgpMgmtConfig());
        for (int key = 1; key <= 3; key++) {
            first.catalog.updatePeer(peer(key));
        }
        Await.until("three peers", () -> data.heard.peers.size() == 3);
        first.context.close();
        Await.until("data plane sees the loss", () -> !data.connected());
        assertEquals(3, data.catalog.peers().size(), "peers survive a lost connection");
        assertTrue(done(data.catalog.reportState(PeerState.of(1, BgpFsmState.ESTABLISHED, 5))), "reported while down");

        // A restarted control plane stages its peers before attach, so its first resync is whole.
        final BgpPeer three = BgpPeer.builder(3).peerAddress(peer(3).peerAddress()).remoteAs(65003).build();
        final Side second = client(Role.CONTROL_PLANE, data.context.endpoint(), new BgpMgmtConfig(), catalog -> {
            catalog.updatePeer(peer(1));
            catalog.updatePeer(three);
        });
        Await.until("peer 2 dropped", () -> data.heard.events.contains("delete 2"));
        assertEquals(List.of(peer(1), three), data.catalog.peers());
        assertEquals(List.of("add 1", "add 2", "add 3", "update 1", "update 3", "delete 2"), data.heard.events);
        Await.until("state re-sent on reconnect", () -> second.heard.states.containsKey(1));
        assertEquals(0, second.catalog.stats().unknownPeerMessages(), "reported only once the peer was re-sent");
        assertEquals(PeerState.of(1, BgpFsmState.ESTABLISHED, 5), second.catalog.peerState(1));
    }

    @Test
    void shouldDeliverEveryPeerAndStateThroughATinyOutputBuffer() throws Exception {
        final int count = 500;
        final Side control = server(Role.CONTROL_PLANE, anyPort(), new BgpMgmtConfig().outputBufferSize(256));
        for (int key = 1; key <= count / 2; key++) {
            control.catalog.updatePeer(peer(key)); // half by resync, half pushed while up
        }
        final Side data = client(Role.DATA_PLANE, control.context.endpoint(),
            new BgpMgmtConfig().outputBufferSize(256));
        for (int key = count / 2 + 1; key <= count; key++) {
            control.catalog.updatePeer(peer(key));
        }
        Await.until("all peers", () -> data.heard.peers.size() == count);
        for (int key = 1; key <= count; key++) {
            assertEquals(peer(key), data.heard.peers.get(key));
        }
        for (int key = 1; key <= count; key++) {
            data.catalog.reportState(PeerState.of(key, BgpFsmState.OPEN_SENT, key));
        }
        Await.until("all states", () -> control.heard.states.size() == count);
        assertEquals(PeerState.of(count, BgpFsmState.OPEN_SENT, count), control.catalog.peerState(count));
        assertEquals(0, control.catalog.stats().owedMessages());
        assertEquals(0, data.catalog.stats().owedMessages());
    }

    @Test
    void shouldKeepPeersOwedWhileTheDataPlaneDoesNotRead() throws Exception {
        // 640 kB of PEER_ADD over a unix socket, whose buffers (about 200 kB each way) do not grow
        // the way TCP's do on loopback: the output buffer must refuse, and nothing may be lost.
        final int count = 5000;
        final Side control = server(Role.CONTROL_PLANE, Endpoint.unix(dir.resolve("cp.sock")),
            new BgpMgmtConfig().outputBufferSize(256).requestTimeout(java.time.Duration.ofSeconds(30)));
        try (RawPeer raw = new RawPeer(control.context.endpoint())) {
            raw.readUntil(BgpMessageType.PEER_SYNC_END); // the resync of an empty table
            for (int key = 1; key <= count; key++) {
                control.catalog.updatePeer(peer(key));
            }
            Await.until("peers wait for room in the output buffer", () -> control.catalog.stats().owedMessages() > 0);
            // Made while the buffer is full: it waits behind the owed peers instead of failing.
            final CompletableFuture<PeerCounters> counters = control.catalog.requestCounters(count);
            Await.until("the request is pending", () -> counters.isDone()
                || control.context.stats().connections().get(0).pendingRequests() == 1);
            assertFalse(counters.isDone(), "waits for room instead of failing: " + counters);
            final boolean[] seen = new boolean[count + 1];
            int distinct = 0;
            final PeerAddMessage add = new PeerAddMessage();
            ByteBuffer frame;
            while (Header.typeAt(frame = raw.readFrame(), 0) != BgpMessageType.PEER_COUNTERS_REQUEST) {
                assertEquals(BgpMessageType.PEER_ADD, Header.typeAt(frame, 0), "only peers before the request");
                final BgpPeer p = BgpPeer.from(add.wrap(frame, 0));
                assertEquals(peer(p.key()), p);
                if (!seen[p.key()]) {
                    seen[p.key()] = true;
                    distinct++;
                }
            }
            assertEquals(count, distinct, "the request leaves behind every peer owed before it");
            assertFalse(counters.isDone(), "no reply yet: " + counters);
            assertEquals(count, frame.getInt(8));
            final ByteBuffer reply = ByteBuffer.allocate(BgpMessageType.PEER_COUNTERS_LENGTH);
            new PeerCountersMessage().encode(reply, 0, Header.idAt(frame, 0)).key(count).messagesIn(7).updatesIn(3);
            raw.write(reply.array());
            assertEquals(new PeerCounters(count, 7, 0, 3, 0, 0, 0, 0), counters.get(10, TimeUnit.SECONDS));
            Await.until("nothing owed", () -> control.catalog.stats().owedMessages() == 0);
        }
    }

    @Test
    void shouldMakeCloseWaitForOwedPeers() throws Exception {
        final int count = 5000;
        final Side control = server(Role.CONTROL_PLANE, Endpoint.unix(dir.resolve("close.sock")),
            new BgpMgmtConfig().outputBufferSize(256).closeTimeout(java.time.Duration.ofSeconds(30)));
        try (RawPeer raw = new RawPeer(control.context.endpoint())) {
            raw.readUntil(BgpMessageType.PEER_SYNC_END);
            for (int key = 1; key <= count; key++) {
                control.catalog.updatePeer(peer(key));
            }
            Await.until("peers wait for room in the output buffer", () -> control.catalog.stats().owedMessages() > 0);
            final Thread closer = new Thread(control.context::close, "closer");
            closer.start();
            Thread.sleep(300);
            assertTrue(closer.isAlive(), "close waits while the catalog owes peers");
            final boolean[] seen = new boolean[count + 1];
            int distinct = 0;
            final PeerAddMessage add = new PeerAddMessage();
            while (distinct < count) {
                final BgpPeer p = BgpPeer.from(add.wrap(raw.readUntil(BgpMessageType.PEER_ADD), 0));
                if (!seen[p.key()]) {
                    seen[p.key()] = true;
                    distinct++;
                }
            }
            assertTrue(raw.closedByPeer(java.time.Duration.ofSeconds(10)), "closed once every peer was sent");
            closer.join(10_000);
            assertFalse(closer.isAlive(), "close returned");
        }
    }

    @Test
    void shouldLetListenersAnswerPeersAtOnceOnTheLoop() throws Exception {
        final Side control = server(Role.CONTROL_PLANE, anyPort(), new BgpMgmtConfig());
        control.catalog.updatePeer(peer(1));
        control.catalog.updatePeer(peer(2));
        final BgpPeerCatalog catalog = new BgpPeerCatalog(Role.DATA_PLANE);
        final List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        catalog.addListener(new BgpPeerListener() {
            @Override
            public void peerReceived(final BgpPeer peer, final boolean added) {
                // The loop thread: the catalog acts at once, so the future is already complete.
                answers.add(peer.key() + " " + catalog.reportState(PeerState.of(peer.key(), BgpFsmState.ACTIVE, 0))
                    .getNow(null));
            }
        });
        later(Contexts.connect(org.bgpmgmt.mgmt.BgpMgmtContext.client(clientLoop,
            control.context.endpoint(), new BgpMgmtConfig()).addCatalog(catalog)));
        Await.until("peers", () -> answers.size() == 2);
        assertEquals(List.of("1 true", "2 true"), answers);
        Await.until("the states, sent at once", () -> control.heard.states.size() == 2);
        assertEquals(PeerState.of(2, BgpFsmState.ACTIVE, 0), control.catalog.peerState(2));
        assertEquals(List.of(peer(1), peer(2)), catalog.peers());
        assertTrue(done(catalog.reportState(PeerState.of(1, BgpFsmState.ESTABLISHED, 3))));
        Await.until("a report from another thread", () -> control.catalog.peerState(1).isEstablished());
    }

    @Test
    void shouldLeaveABfddpOnlyDataPlaneUndisturbed() throws Exception {
        final java.util.concurrent.atomic.AtomicReference<BfdControlPlane> bfd =
            new java.util.concurrent.atomic.AtomicReference<>();
        final Side control = server(Role.CONTROL_PLANE, anyPort(), new BgpMgmtConfig(),
            c -> bfd.set(BfdControlPlane.addTo(c)));
        control.catalog.updatePeer(peer(1));
        final List<Integer> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();
        final org.bgpmgmt.mgmt.BgpMgmtContext plain = later(Contexts.connect(clientLoop,
            control.context.endpoint(), new BgpMgmtConfig(),
            c -> BfdDataPlane.addTo(c).addListener(new SessionListener() {
                @Override
                public void sessionReceived(final BfdSession session, final boolean added) {
                    sessions.add(session.lid());
                }
            })));
        Await.until("connected", control::connected);
        done(bfd.get().updateSession(BfdSession.builder(7)
            .addresses(java.net.InetAddress.getByName("127.0.0.1"), java.net.InetAddress.getByName("127.0.0.2"))
            .build()));
        Await.until("the session beside the peer", () -> sessions.contains(7));
        final org.bgpmgmt.mgmt.ConnectionStats stats = plain.stats().connections().get(0);
        assertTrue(stats.up());
        assertEquals(2, stats.faults().unknownMessages(), "PEER_ADD and PEER_SYNC_END, counted and skipped");
        assertEquals(0, stats.faults().protocolErrors());
    }

    @Test
    void shouldRefuseMisuse() throws Exception {
        final BgpPeerCatalog catalog = new BgpPeerCatalog(Role.CONTROL_PLANE);
        assertThrows(IllegalStateException.class, () -> catalog.requestCounters(1), "not added");
        assertThrows(IllegalStateException.class, catalog::peers, "not added");
        assertThrows(IllegalStateException.class, () -> catalog.updatePeer(peer(1)), "not added");
        final Side data = server(Role.DATA_PLANE, anyPort(), new BgpMgmtConfig());
        assertThrows(IllegalStateException.class, () -> data.context.addCatalog(catalog), "started");
        final org.bgpmgmt.mgmt.BgpMgmtContext fresh = org.bgpmgmt.mgmt.BgpMgmtContext.server(serverLoop, anyPort(),
            new BgpMgmtConfig());
        final BgpPeerCatalog first = new BgpPeerCatalog(Role.DATA_PLANE);
        fresh.addCatalog(first);
        assertThrows(IllegalArgumentException.class, () -> fresh.addCatalog(catalog), "its types are taken");
        assertThrows(IllegalStateException.class, () -> fresh.addCatalog(first), "added twice");
        assertThrows(IllegalArgumentException.class, () -> fresh.addCatalog(new BgpPeerCatalog(Role.DATA_PLANE)),
            "types taken");
        final org.bgpmgmt.wire.MessageRegistry<org.bgpmgmt.mgmt.MessageHandler> mine =
            new org.bgpmgmt.wire.MessageRegistry<org.bgpmgmt.mgmt.MessageHandler>()
                .register(0x0180, "MINE", 0, (c, b, o, l) -> { });
        final org.bgpmgmt.mgmt.BgpMgmtContext taken = org.bgpmgmt.mgmt.BgpMgmtContext.server(serverLoop, anyPort(),
            new BgpMgmtConfig().registry(mine));
        assertThrows(IllegalArgumentException.class, () -> taken.addCatalog(new BgpPeerCatalog(Role.DATA_PLANE)),
            "a reserved type taken");
        assertThrows(IllegalStateException.class, () -> data.catalog.updatePeer(peer(1)), "data plane");
        assertThrows(IllegalStateException.class, () -> data.catalog.requestCounters(1), "data plane");
        assertFalse(done(data.catalog.updateCounters(PeerCounters.zero(5))), "no such peer");
    }
}
