package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.bgpmgmt.bfd.BfdControlPlane;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.event.ManualClock;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.RawPeer;
import org.bgpmgmt.wire.Framing;
import org.bgpmgmt.wire.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ContextLifecycleTest {
    @TempDir
    Path dir;
    private final EventLoop loop = new EventLoop(new EventLoopConfig().name("ctx-loop")).start();

    @AfterEach
    void stop() {
        assertTrue(loop.shutdown(Duration.ofSeconds(10)));
    }

    @Test
    void shouldCreateTheUnixSocketOwnerOnlyAndRemoveItOnClose() throws Exception {
        final Path sock = dir.resolve("mgmt.sock");
        Files.writeString(dir.resolve("unrelated"), "x");
        final BgpMgmtContext server = Contexts.listen(loop, Endpoint.unix(sock), new BgpMgmtConfig());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
        try (RawPeer peer = new RawPeer(server.endpoint())) {
            peer.write(Frames.echoRequest(3, 3));
            assertEquals(MessageType.ECHO_REPLY, peer.readFrame().getShort(2));
        }
        server.close();
        assertFalse(Files.exists(sock), "socket file removed on close");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no staging directory left behind");
        }
    }

    @Test
    void shouldReplaceAStaleSocketButRefuseToReplaceAFile() throws Exception {
        final Path sock = dir.resolve("stale.sock");
        try (ServerSocketChannel stale = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            stale.bind(java.net.UnixDomainSocketAddress.of(sock));
        }
        assertTrue(Files.exists(sock), "a crashed server leaves its socket file");
        final BgpMgmtContext replaced = Contexts.listen(loop, Endpoint.unix(sock), new BgpMgmtConfig());
        final java.net.BindException live = assertThrows(java.net.BindException.class,
            () -> Contexts.listen(loop, Endpoint.unix(sock), new BgpMgmtConfig()));
        assertTrue(live.getMessage().contains("live server"), live.getMessage());
        replaced.close();
        final Path file = dir.resolve("precious.txt");
        Files.writeString(file, "keep me");
        final IOException e = assertThrows(IOException.class,
            () -> Contexts.listen(loop, Endpoint.unix(file), new BgpMgmtConfig()));
        assertTrue(e.getMessage().contains("not a socket"), e.getMessage());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void shouldFlushQueuedOutputBeforeClosing() throws Exception {
        final BfdControlPlane table = Contexts.listenWith(loop, Endpoint.parse("127.0.0.1:0"),
            new BgpMgmtConfig().outputBufferSize(1024), BfdControlPlane::addTo);
        final BgpMgmtContext control = table.context();
        try (RawPeer peer = new RawPeer(control.endpoint())) {
            Await.until("connected", () -> control.stats().admissions().accepted() == 1);
            for (int lid = 1; lid <= 200; lid++) {
                table.updateSession(BfdSession.builder(lid).addresses(InetAddress.getByName("127.0.0.1"),
                    InetAddress.getByName("127.0.0.2")).build()).get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            final Thread closer = new Thread(control::close);
            closer.start();
            int sessions = 0;
            try {
                while (true) {
                    peer.readFrame();
                    sessions++;
                }
            } catch (IOException endOfStream) {
                closer.join();
            }
            assertEquals(200, sessions, "every queued session left before the close");
        }
    }

    @Test
    void shouldReconnectOnTheBackoffOnceThePeerListensAndStopWhenClosed() throws Exception {
        final InetSocketAddress free;
        try (ServerSocketChannel probe = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            free = (InetSocketAddress) probe.getLocalAddress();
        }
        // The test thread drives a loop on a manual clock: the backoff is counted in loop time, so a
        // loaded machine that runs the test slowly cannot change how many attempts are made.
        final ManualClock clock = new ManualClock();
        final EventLoop manual = ManualClock.loop(clock);
        manual.runOnce(0);
        try {
            reconnectOnTheBackoff(clock, manual, free);
        } finally {
            assertTrue(manual.shutdown(Duration.ofSeconds(1)));
        }
    }

    private static void reconnectOnTheBackoff(final ManualClock clock, final EventLoop manual,
                                              final InetSocketAddress free) throws IOException {
        final BgpMgmtContext client = BgpMgmtContext.client(manual, Endpoint.tcp(free), new BgpMgmtConfig()
            .reconnectDelay(Duration.ofMillis(40)).reconnectMaxDelay(Duration.ofMillis(160)).reconnectJitter(0));
        client.start();
        turnUntil(manual, () -> client.stats().admissions().connectFailures() == 1);
        clock.advance(Duration.ofMillis(40)); // the first retry is due after the configured delay
        turnUntil(manual, () -> client.stats().admissions().connectFailures() == 2);
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(free)) {
            server.configureBlocking(false);
            clock.advance(Duration.ofMillis(79));
            turn(manual);
            assertNull(server.accept(), "no attempt before the doubled delay of 80 ms");
            clock.advance(Duration.ofMillis(1));
            final SocketChannel[] accepted = new SocketChannel[1];
            turnUntil(manual, () -> (accepted[0] = acceptOrNull(server)) != null);
            turnUntil(manual, () -> client.connections().get(0).isUp());
            assertEquals(2, client.stats().admissions().connectFailures(), "the third attempt connected");
            accepted[0].close(); // the loss arms a reconnect that the close must cancel
            turnUntil(manual, () -> !client.connections().get(0).isUp());
            client.close();
            clock.advance(Duration.ofSeconds(10)); // every backoff the client could have armed is due
            turn(manual);
            assertNull(server.accept(), "no reconnect after close");
            assertEquals(2, client.stats().admissions().connectFailures(), "no attempt after close");
        }
    }

    /** Turns the test-driven loop a few times, each bounded by 5 ms of select. */
    private static void turn(final EventLoop manual) {
        for (int i = 0; i < 4; i++) {
            manual.runOnce(5);
        }
    }

    /** Turns the test-driven loop until {@code done}, asked once a turn, at most 400 turns; the clock stays. */
    private static void turnUntil(final EventLoop manual, final BooleanSupplier done) {
        for (int i = 0; i < 400; i++) {
            if (done.getAsBoolean()) {
                return;
            }
            manual.runOnce(5);
        }
        fail("not reached in 400 turns of the loop");
    }

    private static SocketChannel acceptOrNull(final ServerSocketChannel server) {
        try {
            return server.accept();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldReconnectAClientWhoseServerBrokeTheProtocol() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            final BgpMgmtContext client = Contexts.connect(loop,
                Endpoint.tcp((InetSocketAddress) server.getLocalAddress()),
                new BgpMgmtConfig().reconnectDelay(Duration.ofMillis(20)));
            try (SocketChannel first = server.accept()) {
                first.write(ByteBuffer.wrap(new byte[] {9, 0, 0, 0, 0, 0, 0, 24}));
                try (SocketChannel second = server.accept()) {
                    assertTrue(second.isConnected(), "the client came back after the protocol error");
                    assertEquals(1, client.stats().closes().protocolErrors());
                }
            }
            client.close();
        }
    }

    @Test
    void shouldTouchNoSocketBeforeStartAndRefuseListenersAfter() throws Exception {
        final BgpMgmtContext control = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"), new BgpMgmtConfig());
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        control.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionUp(final Connection connection) {
                events.add("up");
            }
        });
        assertEquals(0, control.endpoint().address() instanceof java.net.InetSocketAddress a ? a.getPort() : -1,
            "nothing bound before start");
        Contexts.started(control);
        assertThrows(IllegalStateException.class, () -> control.addConnectionListener(new ConnectionListener() { }),
            "started");
        assertThrows(IllegalStateException.class, () -> control.addCatalog(t -> { }), "started");
        assertThrows(IllegalStateException.class, control::start, "started twice");
        try (RawPeer peer = new RawPeer(control.endpoint())) {
            Await.until("the listener added before start heard the connection", () -> events.contains("up"));
        }
        control.close();
        control.close();
    }

    @Test
    void shouldCloseHarmlesslyAfterItsLoopStopped() throws Exception {
        final EventLoop own = new EventLoop(new EventLoopConfig().name("stops-first")).start();
        final Path sock = dir.resolve("first.sock");
        final BfdControlPlane sessions = Contexts.listenWith(own, Endpoint.unix(sock), new BgpMgmtConfig(),
            BfdControlPlane::addTo);
        final BgpMgmtContext server = sessions.context();
        final RawPeer peer = new RawPeer(server.endpoint());
        Await.until("accepted", () -> server.stats().admissions().accepted() == 1);
        assertTrue(own.shutdown(Duration.ofSeconds(10)), "the loop stops first");
        final java.util.concurrent.ExecutionException rejected = assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> sessions.deleteSession(1).get(10, java.util.concurrent.TimeUnit.SECONDS), "a stopped loop runs nothing");
        assertInstanceOf(java.util.concurrent.RejectedExecutionException.class, rejected.getCause());
        assertNull(sessions.sessionState(1), "a per-row figure read answers from the last published table");
        assertEquals(List.of(), sessions.sessions(), "figures stay readable: the last ones published");
        server.close(); // the loop ran its last turn: the caller's thread releases the sockets
        assertFalse(Files.exists(sock), "socket file removed by the late close");
        assertTrue(peer.closedByPeer(Duration.ofSeconds(10)), "the accepted connection was closed");
        peer.close();
        server.close();
    }

    @Test
    void shouldStartOnceAndNotAfterClose() throws Exception {
        final BgpMgmtContext never = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"), new BgpMgmtConfig());
        never.close(); // never started: nothing to release
        assertThrows(IllegalStateException.class, never::start, "closed before start");
        final BgpMgmtContext taken = BgpMgmtContext.server(loop, Endpoint.unix(dir.resolve("x")), new BgpMgmtConfig());
        Files.writeString(dir.resolve("x"), "a file, not a socket");
        final java.util.concurrent.ExecutionException failed = assertThrows(
            java.util.concurrent.ExecutionException.class, () -> taken.start().get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof IOException, "the bind's failure: " + failed.getCause());
        taken.close();
    }

    @Test
    void shouldKeepTheConfigItWasBuiltFrom() throws Exception {
        final org.bgpmgmt.wire.MessageRegistry<MessageHandler> types = new org.bgpmgmt.wire.MessageRegistry<>();
        final BgpMgmtConfig config = new BgpMgmtConfig().name("first").registry(types);
        final BgpMgmtContext context = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"), config);
        config.name("second").framing(Framing.of("late", 4));
        types.register(0x0400, "LATE", 0, (c, b, o, l) -> { });
        assertEquals("first", context.name(), "a snapshot: later changes to the config change nothing");
        context.addCatalog(new Catalog() {
            @Override
            public void register(final CatalogTypes t) {
                assertFalse(t.isDefined(0x0400), "the registry was copied before LATE was added");
                assertEquals(Framing.BFDDP, t.framing(), "the framing too");
            }
        });
        context.close();
    }
}
