package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.bfd.BfdView;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.TwoLoops;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.RawPeer;
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
    final BgpMgmtContext server(final BgpMgmtConfig config,
                                final java.util.function.Consumer<BgpMgmtContext>... setup) throws Exception {
        return later(Contexts.listen(serverLoop, endpoint(dir), config.name("srv"), setup));
    }

    @SafeVarargs
    final BgpMgmtContext client(final Endpoint to, final BgpMgmtConfig config,
                                final java.util.function.Consumer<BgpMgmtContext>... setup) {
        return later(Contexts.connect(clientLoop, to, config.name("cli").reconnectDelay(Duration.ofMillis(20)), setup));
    }

    /** A server context with one BFD side added before it starts; the view, its context closed after the test. */
    final <V extends BfdView> V serverWith(final Function<BgpMgmtContext, V> view, final BgpMgmtConfig config)
        throws Exception {
        final V v = Contexts.listenWith(serverLoop, endpoint(dir), config.name("srv"), view);
        later(v.context());
        return v;
    }

    /** A client context with one BFD side added before it starts. */
    final <V extends BfdView> V clientWith(final Function<BgpMgmtContext, V> view, final Endpoint to,
                                           final BgpMgmtConfig config) {
        final V v = Contexts.connectWith(clientLoop, to, config.name("cli").reconnectDelay(Duration.ofMillis(20)), view);
        later(v.context());
        return v;
    }

    @Test
    void shouldEchoInBothDirections() throws Exception {
        final BgpMgmtContext control = server(new BgpMgmtConfig());
        final BgpMgmtContext data = client(control.endpoint(), new BgpMgmtConfig());
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
        final BgpMgmtContext control = server(new BgpMgmtConfig());
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
        final BfdDataPlane data = serverWith(BfdDataPlane::addTo, new BgpMgmtConfig());
        try (RawPeer peer = new RawPeer(data.context().endpoint())) {
            final ByteBuffer add = Frames.addSession(42);
            if (!data.context().endpoint().isUnix()) {
                peer.channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            }
            for (int i = 0; i < add.limit(); i++) {
                peer.write(new byte[] {add.get(i)});
                if (i % 16 == 0) {
                    Thread.sleep(1); // let the server see it in pieces
                }
            }
            Await.until("the session", () -> data.sessions().size() == 1);
            assertEquals(42, data.sessions().get(0).lid());
            assertEquals("eth0", data.sessions().get(0).ifname());
            assertEquals(100_000, data.sessions().get(0).minTxMicros());
        }
    }

    @Test
    void shouldRefuseEnqueueWhenTheOutputBufferIsFull() throws Exception {
        final BgpMgmtContext control = server(new BgpMgmtConfig().outputBufferSize(4096));
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
        final BgpMgmtContext control = server(new BgpMgmtConfig().outputBufferSize(4096));
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
    void shouldCloseOnlyTheConnectionThatBreaksTheProtocol() throws Exception {
        final BgpMgmtContext control = server(new BgpMgmtConfig());
        final ByteBuffer[] broken = {
            Frames.raw(2, MessageType.ECHO_REQUEST, 1, 24, 24),          // wrong version
            Frames.raw(1, MessageType.ECHO_REQUEST, 1, 7, 8),            // length below the header
            Frames.raw(1, MessageType.ECHO_REQUEST, 1, 9000, 8),         // longer than the input buffer
            Frames.raw(1, MessageType.BFD_SESSION_COUNTERS, 1, 76, 76),  // payload shorter than its type needs
        };
        try (RawPeer good = new RawPeer(control.endpoint())) {
            for (int i = 0; i < broken.length; i++) {
                try (RawPeer bad = new RawPeer(control.endpoint())) {
                    bad.write(broken[i]);
                    assertTrue(bad.closedByPeer(Duration.ofSeconds(10)), "case " + i + " was not closed");
                }
                good.write(Frames.echoRequest(100 + i, i));
                assertEquals(100 + i, new EchoMessage().wrap(good.readFrame(), 0).id(), "the other connection works");
            }
            final int cases = broken.length;
            Await.until("errors counted", () -> control.stats().closes().protocolErrors() == cases);
        }
    }

    @Test
    void shouldCountAndDropUnknownRepliesAndTypes() throws Exception {
        final List<Integer> userFrames = new CopyOnWriteArrayList<>();
        final org.bgpmgmt.wire.MessageRegistry<MessageHandler> registry = new org.bgpmgmt.wire.MessageRegistry<>();
        registry.register(0x100, "TEST", 4, (conn, buf, off, len) -> userFrames.add(buf.getInt(off + 8)));
        final BgpMgmtContext control = server(new BgpMgmtConfig().registry(registry));
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
        final BgpMgmtContext control = server(new BgpMgmtConfig().maxConnections(2));
        try (RawPeer a = new RawPeer(control.endpoint()); RawPeer b = new RawPeer(control.endpoint())) {
            Await.until("two connections", () -> control.stats().admissions().accepted() == 2);
            try (RawPeer c = new RawPeer(control.endpoint())) {
                assertTrue(c.closedByPeer(Duration.ofSeconds(10)));
            }
            assertEquals(1, control.stats().admissions().rejected());
            a.write(Frames.echoRequest(1, 1));
            assertEquals(1, new EchoMessage().wrap(a.readFrame(), 0).id());
        }
    }

    @Test
    void shouldShowEveryConnectionInTheDistributedView() throws Exception {
        final BfdControlPlane control = serverWith(BfdControlPlane::addTo, new BgpMgmtConfig());
        final BfdDataPlane data = clientWith(BfdDataPlane::addTo, control.context().endpoint(), new BgpMgmtConfig());
        control.updateSession(BfdSession.builder(1).addresses(InetAddress.getByName("127.0.0.1"),
            InetAddress.getByName("127.0.0.2")).build()).get(5, TimeUnit.SECONDS);
        Await.until("the session", () -> data.sessions().size() == 1);
        final String text = control.context().showDistributed();
        assertTrue(text.contains("Output messages: 1"), text);
        assertTrue(text.contains("Catalog rows: 1"), "the session is a row attached to the connection: " + text);
        assertEquals(1, control.context().stats().connections().get(0).rows());
        final ConnectionStats s = data.context().stats().connections().get(0);
        assertEquals(1, s.input().messages());
        assertEquals(MessageType.SESSION_LENGTH, s.input().bytes());
        assertEquals(0, s.input().buffered());
        assertNull(data.sessionState(99));
    }
}
