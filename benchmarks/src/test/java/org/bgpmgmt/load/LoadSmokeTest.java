package org.bgpmgmt.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdDiagnostic;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.bfd.BfdState;
import org.bgpmgmt.bfd.SessionListener;
import org.bgpmgmt.bfd.StateReport;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A short run of the load generator against this project's server, and against a broken one. */
@Timeout(60)
class LoadSmokeTest {
    @Test
    void shouldDriveEchoesAndSessionsAgainstTheBgpMgmtServer() throws Exception {
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("smoke")).start()) {
            final BgpMgmtContext server = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"),
                new BgpMgmtConfig());
            final BfdDataPlane bfd = BfdDataPlane.addTo(server);
            bfd.addListener(new SessionListener() {
                @Override
                public void sessionReceived(final BfdSession session, final boolean added) {
                    // On the loop thread the report runs at once; SessionLoad checks every one arrives.
                    bfd.reportState(StateReport.of(session.lid(), BfdState.UP, BfdDiagnostic.NONE));
                }
            });
            server.start().get(10, java.util.concurrent.TimeUnit.SECONDS);
            final EchoLoad.Result r = EchoLoad.run(new EchoLoad.Options(server.endpoint(), 2, 4, Duration.ZERO,
                Duration.ofMillis(300), Duration.ofSeconds(10)));
            assertTrue(r.messages() >= 300, "a few hundred messages at least: " + r.messages());
            assertTrue(r.p50Nanos() > 0 && r.p50Nanos() <= r.p99Nanos() && r.p99Nanos() <= r.maxNanos());
            assertEquals(0, r.zeroIdReplies());
            assertEquals(0, LoadGenerator.run(new String[] {"--target", server.endpoint().toString(),
                "--connections", "1", "--window", "2", "--warmup", "0", "--duration", "0.2"}));
            // Last: a data-plane server re-reports its sessions to whoever connects next.
            final SessionLoad.Result s = SessionLoad.run(server.endpoint(), 500, Duration.ofSeconds(10));
            assertEquals(500, s.sessions());
            server.close();
        }
    }

    @Test
    void shouldFailLoudlyWhenTheServerAltersAReply() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            final Thread liar = new Thread(() -> {
                try (SocketChannel c = server.accept()) {
                    final ByteBuffer b = ByteBuffer.allocate(24);
                    while (c.read(b) >= 0) {
                        if (!b.hasRemaining()) {
                            b.putShort(2, (short) 1).putLong(8, b.getLong(8) + 1); // echo the wrong time
                            b.flip();
                            c.write(b);
                            b.clear();
                        }
                    }
                } catch (IOException e) {
                    // the client gave up: done
                }
            });
            liar.start();
            final LoadFailure e = assertThrows(LoadFailure.class, () -> EchoLoad.run(new EchoLoad.Options(
                Endpoint.tcp((InetSocketAddress) server.getLocalAddress()), 1, 1, Duration.ZERO,
                Duration.ofMillis(200), Duration.ofSeconds(5))));
            assertTrue(e.getMessage().contains("dp_time"), e.getMessage());
            liar.join(10_000);
        }
    }

    @Test
    void shouldRejectBadArguments() {
        assertEquals(2, LoadGenerator.run(new String[] {"--target", "nowhere"}));
        assertEquals(2, LoadGenerator.run(new String[] {"--target", "127.0.0.1:1", "--window", "0"}));
    }
}
