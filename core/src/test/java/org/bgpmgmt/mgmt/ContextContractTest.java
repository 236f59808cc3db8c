package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.TwoLoops;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.RawPeer;
import org.bgpmgmt.wire.BfdState;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The behaviors every transport must show; subclasses pick TCP IPv4, TCP IPv6 or a unix socket. */
@Timeout(60)
abstract class ContextContractTest extends TwoLoops {
    @TempDir
    Path dir;

    /** Where the server under test listens. */
    abstract Endpoint endpoint(Path tempDir);

    ContextContractTest() {
        super("");
    }

    <T extends AutoCloseable> T later(final T c) {
        closeLater.add(0, c);
        return c;
    }

    @SafeVarargs
    final BgpMgmtContext server(final Role role, final BgpMgmtConfig config,
                                final java.util.function.Consumer<BgpMgmtContext>... setup) throws Exception {
        return later(Contexts.listen(serverLoop, endpoint(dir), config.role(role).name("srv"), setup));
    }

    @SafeVarargs
    final BgpMgmtContext client(final Role role, final Endpoint to, final BgpMgmtConfig config,
                                final java.util.function.Consumer<BgpMgmtContext>... setup) {
        return later(Contexts.connect(clientLoop, to, config.role(role).name("cli")
            .reconnectDelay(Duration.ofMillis(20)), setup));
    }

    static BfdSession session(final int lid) throws Exception {
        return BfdSession.builder(lid).addresses(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"))
            .minTx(200_000 + lid).ifname("eth" + lid % 10).build();
    }

    /** Records what a data plane hears. */
    static final class Heard implements SessionListener {
        final Map<Integer, BfdSession> sessions = new ConcurrentHashMap<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final Map<Integer, SessionState> states = new ConcurrentHashMap<>();

        @Override
        public void sessionReceived(final BfdSession session, final boolean added) {
            sessions.put(session.lid(), session);
            events.add((added ? "add " : "update ") + session.lid());
        }

        @Override
        public void sessionDeleted(final BfdSession session) {
            sessions.remove(session.lid());
            events.add("delete " + session.lid());
        }

        @Override
        public void stateChanged(final BfdSession session, final SessionState state) {
            states.put(session.lid(), state);
        }
    }

    @Test
    void shouldPushUpdateAndDeleteSessions() throws Exception {
        final BgpMgmtContext control = server(Role.CONTROL_PLANE, new BgpMgmtConfig());
        final Heard heard = new Heard();
        final BgpMgmtContext data = client(Role.DATA_PLANE, control.endpoint(), new BgpMgmtConfig(),
            c -> c.addListener(heard));
        for (int lid = 1; lid <= 3; lid++) {
            control.updateSession(session(lid));
        }
        Await.until("three sessions", () -> heard.sessions.size() == 3);
        assertEquals(session(2), heard.sessions.get(2), "every field crossed the wire");
        final BfdSession changed = BfdSession.builder(2).addresses(InetAddress.getByName("127.0.0.1"),
            InetAddress.getByName("127.0.0.2")).minTx(999_000).build();
        control.updateSession(changed);
        assertTrue(control.deleteSession(3));
        assertFalse(control.deleteSession(3));
        Await.until("update and delete", () -> heard.events.contains("delete 3"));
        assertEquals(List.of("add 1", "add 2", "add 3", "update 2", "delete 3"), heard.events);
        assertEquals(changed, heard.sessions.get(2));
        assertEquals(List.of(session(1), changed), data.sessions());
    }

    @Test
    void shouldReflectReportedStatesAndCountTransitions() throws Exception {
        final Heard heard = new Heard();
        final BgpMgmtContext control = server(Role.CONTROL_PLANE, new BgpMgmtConfig(), c -> c.addListener(heard));
        final BgpMgmtContext data = client(Role.DATA_PLANE, control.endpoint(), new BgpMgmtConfig());
        control.updateSession(session(7));
        Await.until("session at the data plane", () -> data.sessions().size() == 1);
        assertTrue(data.reportState(new SessionState(7, BfdState.UP, 0, 0xABCD, 1, 300_000, 310_000, 50_000, 3,
            0, 0, 0, 0)));
        Await.until("up at the control plane", () -> heard.states.containsKey(7) && heard.states.get(7).isUp());
        final SessionState up = control.sessionState(7);
        assertEquals(0xABCD, up.remoteDiscriminator());
        assertEquals(310_000, up.remoteRequiredRxMicros());
        assertEquals(3, up.remoteDetectMultiplier());
        assertEquals(1, up.upCount());
        assertTrue(up.lastUpMillis() > 0);
        assertTrue(data.reportState(7, BfdState.DOWN, 1));
        Await.until("down again", () -> !control.sessionState(7).isUp());
        assertEquals(1, control.sessionState(7).downCount());
        assertEquals(1, control.sessionState(7).diagnostics());
        assertFalse(data.reportState(8, BfdState.UP, 0), "unknown lid");
    }

    @Test
    void shouldAnswerCountersRequestsById() throws Exception {
        final BgpMgmtContext control = server(Role.CONTROL_PLANE, new BgpMgmtConfig());
        final BgpMgmtContext data = client(Role.DATA_PLANE, control.endpoint(), new BgpMgmtConfig());
        control.updateSession(session(5));
        control.updateSession(session(6));
        Await.until("sessions at the data plane", () -> data.sessions().size() == 2);
        final SessionCounters five = new SessionCounters(5, 11, 22, 33, 44, 55, 66, 77, 88);
        assertTrue(data.updateCounters(five));
        assertEquals(five, control.requestCounters(5).get(10, TimeUnit.SECONDS));
        assertEquals(SessionCounters.zero(6), control.requestCounters(6).get(10, TimeUnit.SECONDS));
        final ExecutionException unknown = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
            () -> control.requestCounters(99).get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, unknown.getCause());
    }

    @Test
    void shouldEchoInBothDirections() throws Exception {
        final BgpMgmtContext control = server(Role.CONTROL_PLANE, new BgpMgmtConfig());
        final BgpMgmtContext data = client(Role.DATA_PLANE, control.endpoint(), new BgpMgmtConfig());
        final long rtt = Await.value("an echo from the client", () -> {
            try {
                return data.echo().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return null;
            }
        });
        assertTrue(rtt > 0 && rtt < TimeUnit.SECONDS.toNanos(10), "rtt " + rtt);
        assertTrue(control.echo().get(10, TimeUnit.SECONDS) > 0);
    }

    @Test
    void shouldAnswerManyMessagesOfOneReadInOrder() throws Exception {
        final BgpMgmtContext control = server(Role.CONTROL_PLANE, new BgpMgmtConfig());
        try (RawPeer peer = new RawPeer(control.endpoint())) {
            final ByteBuffer batch = ByteBuffer.allocate(50 * MessageType.ECHO_LENGTH);
            for (int i = 1; i <= 50; i++) {
                batch.put(Frames.echoRequest(i, 1000L * i));
            }
            peer.write(batch.flip());
            final EchoMessage reply = new EchoMessage();
            for (int i = 1; i <= 50; i++) {
                reply.wrap(peer.readFrame(), 0);
                assertEquals(MessageType.ECHO_REPLY, reply.type());
                assertEquals(i, reply.id());
                assertEquals(1000L * i, reply.dpTime());
                assertTrue(Math.abs(reply.bfddTime() - System.currentTimeMillis() * 1000) < 60_000_000L);
            }
        }
    }

    @Test
    void shouldFrameAMessageSplitAcrossReads() throws Exception {
        final Heard heard = new Heard();
        final BgpMgmtContext data = server(Role.DATA_PLANE, new BgpMgmtConfig(), c -> c.addListener(heard));
        try (RawPeer peer = new RawPeer(data.endpoint())) {
            final ByteBuffer add = Frames.addSession(42);
            if (!data.endpoint().isUnix()) {
                peer.channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            }
            for (int i = 0; i < add.limit(); i++) {
                peer.write(new byte[] {add.get(i)});
                if (i % 16 == 0) {
                    Thread.sleep(1); // let the server see it in pieces
                }
            }
            Await.until("the session", () -> heard.sessions.containsKey(42));
            assertEquals("eth0", heard.sessions.get(42).ifname());
            assertEquals(100_000, heard.sessions.get(42).minTxMicros());
        }
    }

    @Test
    void shouldRefuseEnqueueWhenTheOutputBufferIsFull() throws Exception {
        final BgpMgmtContext control = server(Role.CONTROL_PLANE, new BgpMgmtConfig().outputBufferSize(4096));
        try (RawPeer peer = new RawPeer(control.endpoint())) {
            final Connection c = Await.value("the connection", () -> control.connections().stream().findFirst()
                .orElse(null));
            final ByteBuffer big = Frames.raw(1, 0x300, 0, 1000, 1000);
            int accepted = 0;
            boolean refused = false;
            for (int i = 0; i < 100_000 && !refused; i++) {
                if (serverLoop.submit(() -> c.enqueue(big)).get(10, TimeUnit.SECONDS)) { // enqueue: loop thread
                    accepted++;
                } else {
                    refused = true;
                }
            }
            assertTrue(refused, "the peer never reads, so the buffers must fill");
            assertTrue(accepted > 4, "the first messages fit: " + accepted);
            final ConnectionStats s = control.stats().connections().get(0);
            assertTrue(s.refused().outputFull() >= 1);
            assertTrue(s.output().buffered() <= 4096, "bounded: " + s.output().buffered());
            assertEquals(1000, big.remaining(), "enqueue leaves the caller's buffer alone");
            try (RawPeer other = new RawPeer(control.endpoint())) {
                other.write(Frames.echoRequest(77, 77));
                assertEquals(77, new EchoMessage().wrap(other.readFrame(), 0).id(),
                    "a peer that never reads does not slow down the others");
            }
        }
    }

    @Test
    void shouldDropAndCountEchoRepliesAPeerDoesNotReadAndStayUp() throws Exception {
        final BgpMgmtContext control = server(Role.CONTROL_PLANE, new BgpMgmtConfig().outputBufferSize(4096));
        try (RawPeer peer = new RawPeer(control.endpoint())) {
            final int count = 400_000; // 9.6 MB of replies: more than the two sockets' buffers hold
            final ByteBuffer batch = ByteBuffer.allocate(1000 * MessageType.ECHO_LENGTH);
            for (int sent = 0; sent < count; sent += 1000) {
                batch.clear();
                for (int i = 1; i <= 1000; i++) {
                    batch.put(Frames.echoRequest((sent + i) & 0xFFFF, sent + i));
                }
                peer.write(batch.flip());
            }
            Await.until("every request read", () -> control.stats().connections().get(0).input().messages() == count);
            final ConnectionStats s = control.stats().connections().get(0);
            assertTrue(s.up(), "a peer slow to read is no protocol error");
            assertTrue(s.refused().outputFull() >= 1, "dropped replies are counted: " + s);
            final EchoMessage first = new EchoMessage().wrap(peer.readFrame(), 0);
            assertEquals(1, first.id(), "the replies that fitted leave in order");
            assertEquals(1, first.dpTime());
        }
    }

    @Test
    void shouldResyncEverySessionAfterTheServerRestarts() throws Exception {
        final BgpMgmtContext first = server(Role.DATA_PLANE, new BgpMgmtConfig());
        final Endpoint at = first.endpoint();
        final BgpMgmtContext control = client(Role.CONTROL_PLANE, at, new BgpMgmtConfig().outputBufferSize(1024));
        for (int lid = 1; lid <= 300; lid++) {
            control.updateSession(session(lid));
        }
        Await.until("300 sessions at the first server", () -> first.sessions().size() == 300);
        first.close();
        final BgpMgmtContext second = later(Contexts.listen(serverLoop, at,
            new BgpMgmtConfig().role(Role.DATA_PLANE).name("srv2")));
        Await.until("300 sessions at the restarted server", () -> second.sessions().size() == 300);
        assertEquals(control.sessions(), second.sessions(), "both sides hold the same table");
    }

    @Test
    void shouldDeliverAResyncLargerThanTheOutputBuffer() throws Exception {
        final BgpMgmtContext control = server(Role.CONTROL_PLANE, new BgpMgmtConfig().outputBufferSize(512));
        for (int lid = 1; lid <= 1_000; lid++) {
            control.updateSession(session(lid));
        }
        final BgpMgmtContext data = client(Role.DATA_PLANE, control.endpoint(), new BgpMgmtConfig());
        Await.until("all 1000 sessions (bfdd 8.4.4 stops at 58)", () -> data.sessions().size() == 1_000);
    }

    @Test
    void shouldCloseOnlyTheConnectionThatBreaksTheProtocol() throws Exception {
        final BgpMgmtContext control = server(Role.CONTROL_PLANE, new BgpMgmtConfig());
        final ByteBuffer[] broken = {
            Frames.raw(2, MessageType.ECHO_REQUEST, 1, 24, 24),          // wrong version
            Frames.raw(1, MessageType.ECHO_REQUEST, 1, 7, 8),            // length below the header
            Frames.raw(1, MessageType.ECHO_REQUEST, 1, 9000, 8),         // longer than the input buffer
            Frames.raw(1, MessageType.BFD_SESSION_COUNTERS, 1, 76, 76),  // payload shorter than its type needs
        };
        try (RawPeer good = new RawPeer(control.endpoint())) {
            // Found by the fuzzer: content the frame check cannot see must not hang the connection.
            java.nio.file.Files.createDirectories(dir.resolve("second"));
            final BgpMgmtContext data = later(Contexts.listen(serverLoop, endpoint(dir.resolve("second")),
                new BgpMgmtConfig().role(Role.DATA_PLANE).name("second")));
            try (RawPeer bad = new RawPeer(data.endpoint())) {
                final ByteBuffer add = Frames.addSession(9);
                for (int i = 0; i < 64; i++) {
                    add.put(8 + 68 + i, (byte) 'i'); // an ifname field with no NUL
                }
                bad.write(add);
                assertTrue(bad.closedByPeer(Duration.ofSeconds(10)), "malformed content must close, not hang");
                Await.until("counted", () -> data.stats().protocolErrors() == 1);
                assertTrue(data.sessions().isEmpty());
            }
            for (int i = 0; i < broken.length; i++) {
                try (RawPeer bad = new RawPeer(control.endpoint())) {
                    bad.write(broken[i]);
                    assertTrue(bad.closedByPeer(Duration.ofSeconds(10)), "case " + i + " was not closed");
                }
                good.write(Frames.echoRequest(100 + i, i));
                assertEquals(100 + i, new EchoMessage().wrap(good.readFrame(), 0).id(), "the other connection works");
            }
            final int cases = broken.length;
            Await.until("errors counted", () -> control.stats().protocolErrors() == cases);
        }
    }

    @Test
    void shouldFailRequestsOnTimeoutAndOnDisconnect() throws Exception {
        final BgpMgmtContext control = server(Role.CONTROL_PLANE, new BgpMgmtConfig()
            .requestTimeout(Duration.ofMillis(200)));
        control.updateSession(session(1));
        try (RawPeer silent = new RawPeer(control.endpoint())) {
            assertEquals(MessageType.DP_ADD_SESSION, silent.readFrame().getShort(2));
            final ExecutionException timeout = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> control.requestCounters(1).get(10, TimeUnit.SECONDS));
            assertInstanceOf(RequestTimeoutException.class, timeout.getCause());
            final var pending = control.requestCounters(1);
            silent.readFrame();
            silent.close();
            final ExecutionException closed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> pending.get(10, TimeUnit.SECONDS));
            assertInstanceOf(ConnectionClosedException.class, closed.getCause());
        }
    }

    @Test
    void shouldCountAndDropUnknownRepliesAndTypes() throws Exception {
        final List<Integer> userFrames = new CopyOnWriteArrayList<>();
        final org.bgpmgmt.wire.MessageRegistry<MessageHandler> registry = new org.bgpmgmt.wire.MessageRegistry<>();
        registry.register(0x100, "TEST", 4, (conn, buf, off, len) -> userFrames.add(buf.getInt(off + 8)));
        final BgpMgmtContext control = server(Role.CONTROL_PLANE, new BgpMgmtConfig().registry(registry));
        try (RawPeer peer = new RawPeer(control.endpoint())) {
            peer.write(Frames.echoReply(777, 1));
            peer.write(Frames.raw(1, 0x200, 0, 12, 12));
            peer.write(Frames.raw(1, 0x100, 0, 12, 12).putInt(8, 4242));
            peer.write(Frames.echoRequest(9, 9));
            assertEquals(9, new EchoMessage().wrap(peer.readFrame(), 0).id(), "still up");
            Await.until("counted", () -> {
                final ConnectionStats s = control.stats().connections().get(0);
                return s.faults().unknownReplies() == 1 && s.faults().unknownMessages() == 1;
            });
            assertEquals(List.of(4242), userFrames);
        }
    }

    @Test
    void shouldRefuseConnectionsOverTheLimit() throws Exception {
        final BgpMgmtContext control = server(Role.CONTROL_PLANE, new BgpMgmtConfig().maxConnections(2));
        try (RawPeer a = new RawPeer(control.endpoint()); RawPeer b = new RawPeer(control.endpoint())) {
            Await.until("two connections", () -> control.stats().accepted() == 2);
            try (RawPeer c = new RawPeer(control.endpoint())) {
                assertTrue(c.closedByPeer(Duration.ofSeconds(10)));
            }
            assertEquals(1, control.stats().rejected());
            a.write(Frames.echoRequest(1, 1));
            assertEquals(1, new EchoMessage().wrap(a.readFrame(), 0).id());
        }
    }

    @Test
    void shouldShowEveryConnectionInTheDistributedView() throws Exception {
        final BgpMgmtContext control = server(Role.CONTROL_PLANE, new BgpMgmtConfig());
        final BgpMgmtContext data = client(Role.DATA_PLANE, control.endpoint(), new BgpMgmtConfig());
        control.updateSession(session(1));
        Await.until("the session", () -> data.sessions().size() == 1);
        final String text = control.showDistributed();
        assertTrue(text.contains("Output messages: 1"), text);
        assertTrue(text.contains("Sessions: 1"), text);
        assertTrue(text.contains("Catalog rows: 1"), "the session is a row attached to the connection: " + text);
        assertEquals(1, control.stats().connections().get(0).rows());
        final ConnectionStats s = data.stats().connections().get(0);
        assertEquals(1, s.input().messages());
        assertEquals(MessageType.SESSION_LENGTH, s.input().bytes());
        assertEquals(0, s.input().buffered());
        assertNull(data.sessionState(99));
    }
}
