package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.event.TaskStats;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.RawPeer;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Peers and listeners that misbehave: each fault stays with its connection, and the loop goes on. */
@Timeout(120)
class FaultTest {
    private final EventLoop loop = new EventLoop(new EventLoopConfig().name("faults")
        .wallHogThreshold(Duration.ofSeconds(1)).warningInterval(Duration.ZERO)).start();

    @AfterEach
    void stop() {
        assertTrue(loop.shutdown(Duration.ofSeconds(10)));
    }

    @SafeVarargs
    private BgpMgmtContext server(final BgpMgmtConfig config,
                                  final java.util.function.Consumer<BgpMgmtContext>... setup) throws IOException {
        return Contexts.listen(loop, Endpoint.parse("127.0.0.1:0"), config, setup);
    }

    private static void assertEchoes(final RawPeer peer, final int id) throws IOException {
        peer.write(Frames.echoRequest(id, id));
        assertEquals(id, new EchoMessage().wrap(peer.readFrame(), 0).id());
    }

    @Test
    void shouldDropAPeerThatResetsMidFrameAndKeepTheOthers() throws Exception {
        final BgpMgmtContext server = server(new BgpMgmtConfig());
        try (RawPeer other = new RawPeer(server.endpoint())) {
            final RawPeer resetter = new RawPeer(server.endpoint());
            final ByteBuffer half = Frames.addSession(1).limit(70);
            resetter.write(half);
            resetter.channel.setOption(StandardSocketOptions.SO_LINGER, 0); // close sends RST
            resetter.close();
            Await.until("the reset connection is gone", () -> server.stats().connections().size() == 1);
            assertEchoes(other, 7);
            assertEquals(0, server.stats().protocolErrors(), "a reset is a loss, not a protocol error");
        }
        server.close();
    }

    @Test
    void shouldAnswerAHalfClosedPeerThenCloseIt() throws Exception {
        final BgpMgmtContext server = server(new BgpMgmtConfig());
        try (RawPeer peer = new RawPeer(server.endpoint())) {
            peer.write(Frames.echoRequest(3, 33));
            peer.channel.shutdownOutput();
            final EchoMessage reply = new EchoMessage().wrap(peer.readFrame(), 0);
            assertEquals(33, reply.dpTime(), "the request sent before the half-close is answered");
            assertTrue(peer.closedByPeer(Duration.ofSeconds(10)), "then the server closes its side");
        }
        server.close();
    }

    @Test
    void shouldSurviveAThrowingListenerAndABlockingOne() throws Exception {
        final BgpMgmtContext data = server(new BgpMgmtConfig().role(Role.DATA_PLANE).name("faulty"),
            c -> c.addListener(new SessionListener() {
                @Override
                public void sessionReceived(final BfdSession session, final boolean added) {
                    throw new IllegalStateException("listener bug");
                }
            }),
            c -> c.addListener(new SessionListener() {
                @Override
                public void sessionReceived(final BfdSession session, final boolean added) {
                    try {
                        Thread.sleep(2_000); // a listener that blocks the loop: warned about, survived
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
        try (RawPeer control = new RawPeer(data.endpoint()); RawPeer other = new RawPeer(data.endpoint())) {
            control.write(Frames.addSession(1));
            Await.until("the session despite both listeners", () -> data.sessions().size() == 1);
            assertEquals(1, data.stats().listenerErrors());
            assertEchoes(other, 11);
            assertEchoes(control, 12);
            final long slow = loop.taskStats().stream().mapToLong(s -> s.faults().wallHogs()).sum();
            assertTrue(slow >= 1, "the 2 s listener was flagged as a slow task: " + loop.showCpu());
        }
        data.close();
    }

    @Test
    void shouldHoldTheSameTableOnBothSidesAfterARestartDuringAPush() throws Exception {
        final EventLoop serverLoop = new EventLoop(new EventLoopConfig().name("restarting")).start();
        try {
            final BgpMgmtContext first = Contexts.listen(serverLoop, Endpoint.parse("127.0.0.1:0"),
                new BgpMgmtConfig().role(Role.DATA_PLANE));
            final Endpoint at = first.endpoint();
            final BgpMgmtContext control = Contexts.connect(loop, at, new BgpMgmtConfig()
                .reconnectDelay(Duration.ofMillis(30)).reconnectMaxDelay(Duration.ofMillis(200)));
            final AtomicBoolean pushing = new AtomicBoolean(true);
            final Thread pusher = new Thread(() -> {
                for (int round = 0; pushing.get(); round++) {
                    for (int lid = 1; lid <= 200 && pushing.get(); lid++) {
                        try {
                            control.updateSession(BfdSession.builder(lid).addresses(
                                java.net.InetAddress.getByName("127.0.0.1"), java.net.InetAddress.getByName("127.0.0.2"))
                                .minTx(100_000 + round).build());
                        } catch (java.net.UnknownHostException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    if (round % 5 == 4) {
                        control.deleteSession(round % 200 + 1);
                    }
                }
            });
            pusher.start();
            Thread.sleep(300);
            first.close(); // the server goes away in the middle of the push
            Thread.sleep(200);
            final BgpMgmtContext second = Contexts.listen(serverLoop, at, new BgpMgmtConfig().role(Role.DATA_PLANE));
            Thread.sleep(500);
            pushing.set(false);
            pusher.join(10_000);
            Await.until("both sides agree", Duration.ofSeconds(20),
                () -> second.sessions().equals(control.sessions()));
            assertTrue(second.sessions().size() >= 150, "most sessions survive the deletes: " + second.sessions().size());
            second.close();
            control.close();
        } finally {
            serverLoop.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void shouldNotLeakDescriptorsOrMemoryOverTenThousandConnections() throws Exception {
        final BgpMgmtContext server = server(new BgpMgmtConfig());
        cycles(server, 500); // warm up: lazily created JDK state, JIT
        final long fdsBefore = openDescriptors();
        final long heapBefore = usedHeapAfterGc();
        cycles(server, 10_000);
        Await.until("every connection closed", () -> server.stats().connections().isEmpty());
        final long fdsAfter = openDescriptors();
        final long heapAfter = usedHeapAfterGc();
        assertTrue(fdsAfter - fdsBefore <= 4, "descriptors " + fdsBefore + " -> " + fdsAfter);
        assertTrue(heapAfter - heapBefore < 8 << 20, "heap grew " + (heapAfter - heapBefore) + " bytes");
        assertEquals(10_500, server.stats().accepted());
        server.close();
    }

    private static void cycles(final BgpMgmtContext server, final int n) throws IOException {
        for (int i = 0; i < n; i++) {
            try (SocketChannel c = SocketChannel.open(server.endpoint().address())) {
                if (i % 100 == 0) {
                    c.write(Frames.echoRequest(1, i));
                    final ByteBuffer reply = ByteBuffer.allocate(MessageType.ECHO_LENGTH);
                    while (reply.hasRemaining() && c.read(reply) >= 0) {
                        continue;
                    }
                }
            }
        }
    }

    private static long openDescriptors() throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(Paths.get("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
