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
import java.util.stream.Stream;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.bfd.SessionListener;
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
            assertEquals(0, server.stats().closes().protocolErrors(), "a reset is a loss, not a protocol error");
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
        final BfdDataPlane sessions = Contexts.listenWith(loop, Endpoint.parse("127.0.0.1:0"),
            new BgpMgmtConfig().name("faulty"), c -> BfdDataPlane.addTo(c).addListener(new SessionListener() {
                @Override
                public void sessionReceived(final BfdSession session, final boolean added) {
                    throw new IllegalStateException("listener bug");
                }
            }).addListener(new SessionListener() {
                @Override
                public void sessionReceived(final BfdSession session, final boolean added) {
                    try {
                        Thread.sleep(2_000); // a listener that blocks the loop: warned about, survived
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
        final BgpMgmtContext data = sessions.context();
        try (RawPeer control = new RawPeer(data.endpoint()); RawPeer other = new RawPeer(data.endpoint())) {
            control.write(Frames.addSession(1));
            Await.until("the session despite both listeners", () -> sessions.sessions().size() == 1);
            assertEquals(1, sessions.stats().listenerErrors());
            assertEchoes(other, 11);
            assertEchoes(control, 12);
            final long slow = loop.taskStats().stream().mapToLong(s -> s.faults().wallHogs()).sum();
            assertTrue(slow >= 1, "the 2 s listener was flagged as a slow task: " + loop.showCpu());
        }
        data.close();
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
        assertEquals(10_500, server.stats().admissions().accepted());
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
