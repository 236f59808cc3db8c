package org.bgpmgmt.examples.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.BfddProcess;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.wire.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A data-plane context with the BGP peer catalog attached, serving the real FRR bfdd 8.4.4 through a
 * recording relay: every frame sent to bfdd is a bfddp v1 type (0..6), never a catalog type.
 */
@Timeout(90)
class BgpCatalogBfddTest {
    private static final String PEER = "127.0.0.2 local-address 127.0.0.1";

    @BeforeEach
    void requireBfdd() {
        BfddProcess.requireForTest();
    }

    @Test
    void shouldSendBfddOnlyBfddpTypes() throws Exception {
        try (BfddProcess bfdd = BfddProcess.start(List.of(PEER));
             Relay relay = new Relay(bfdd.dplaneAddress());
             EventLoop loop = new EventLoop(new EventLoopConfig().name("catalog-bfdd-loop")).start()) {
            final BgpPeerCatalog catalog = new BgpPeerCatalog(Role.DATA_PLANE);
            final BgpMgmtConfig config = new BgpMgmtConfig().name("dp")
                .reconnectDelay(Duration.ofMillis(100));
            final AtomicReference<BfdSession> received = new AtomicReference<>();
            final BgpMgmtContext context = BgpMgmtContext.client(loop, Endpoint.tcp(relay.address()), config)
                .addCatalog(catalog);
            final BfdDataPlane bfd = BfdDataPlane.addTo(context);
            bfd.addListener(new SessionListener() {
                @Override
                public void sessionReceived(final BfdSession session, final boolean added) {
                    received.set(session);
                    bfd.reportState(StateReport.of(session.lid(), BfdState.UP, BfdDiagnostic.NONE));
                }
            });
            try (BgpMgmtContext dataPlane = Contexts.started(context)) {
                try {
                    Await.until("DP_ADD_SESSION from bfdd", Duration.ofSeconds(20), () -> received.get() != null);
                    Await.until("bfdd shows the peer up", Duration.ofSeconds(20),
                        () -> vtysh(bfdd, "show bfd peers").contains("Status: up"));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + dataPlane.showDistributed() + "\nbfdd log:\n"
                        + bfdd.log(), e);
                }
                // The catalog is live but holds no peer: bfdd never sends one, so it has nothing to say.
                assertFalse(catalog.reportState(PeerState.of(1, BgpFsmState.ESTABLISHED, 0)).get(10, TimeUnit.SECONDS));
                assertFalse(catalog.updateCounters(PeerCounters.zero(1)).get(10, TimeUnit.SECONDS));
                assertTrue(catalog.peers().isEmpty());
                assertTrue(bfdd.vtysh("show bfd peers counters").contains("Control packet input"));
                assertTrue(dataPlane.echo().get(10, TimeUnit.SECONDS) > 0);

                final List<Integer> sent = relay.typesToTarget();
                assertTrue(sent.contains(MessageType.BFD_STATE_CHANGE), "types sent to bfdd: " + sent);
                assertTrue(sent.contains(MessageType.BFD_SESSION_COUNTERS), "types sent to bfdd: " + sent);
                assertTrue(sent.contains(MessageType.ECHO_REQUEST), "types sent to bfdd: " + sent);
                for (int type : sent) {
                    assertTrue(MessageType.isBuiltIn(type), "a non-bfddp type " + type + " went to bfdd: " + sent);
                }
                assertEquals(new BgpCatalogStats(0, 0, 0, 0, 0, 0), catalog.stats());
                assertEquals(0, dataPlane.stats().connections().get(0).faults().unknownMessages());
                assertEquals(0, dataPlane.stats().closes().protocolErrors(), "bfdd sends nothing the catalog refuses");
            }
        }
    }

    private static String vtysh(final BfddProcess bfdd, final String command) {
        try {
            return bfdd.vtysh(command);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A TCP relay on 127.0.0.1 to {@code target}: forwards bytes both ways and cuts the stream going
     * to the target into bfddp frames by their header length, recording each frame's type. It
     * connects to the target only when a client connects to it (bfdd takes any connection for a
     * data plane).
     */
    static final class Relay implements AutoCloseable {
        private final InetSocketAddress target;
        private final ServerSocket server;
        private final List<Integer> typesToTarget = new CopyOnWriteArrayList<>();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        Relay(final InetSocketAddress target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 4, InetAddress.getByName("127.0.0.1"));
            this.acceptor = daemon("relay-accept", this::acceptLoop);
        }

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", server.getLocalPort());
        }

        List<Integer> typesToTarget() {
            return new ArrayList<>(typesToTarget);
        }

        private void acceptLoop() {
            try {
                while (!server.isClosed()) {
                    final Socket client = server.accept();
                    final Socket upstream = new Socket(target.getAddress(), target.getPort());
                    sockets.add(client);
                    sockets.add(upstream);
                    daemon("relay-to-target", () -> framesTo(client, upstream));
                    daemon("relay-from-target", () -> bytesTo(upstream, client));
                }
            } catch (IOException e) {
                // closed
            }
        }

        /** Forwards whole frames, recording their types; ends when either side closes. */
        private void framesTo(final Socket from, final Socket to) {
            try (DataInputStream in = new DataInputStream(from.getInputStream())) {
                final OutputStream out = to.getOutputStream();
                final byte[] frame = new byte[65_536];
                while (true) {
                    in.readFully(frame, 0, Header.LENGTH);
                    final int length = (frame[6] & 0xFF) << 8 | frame[7] & 0xFF;
                    typesToTarget.add((frame[2] & 0xFF) << 8 | frame[3] & 0xFF);
                    in.readFully(frame, Header.LENGTH, Math.max(0, length - Header.LENGTH));
                    out.write(frame, 0, Math.max(length, Header.LENGTH));
                    out.flush();
                }
            } catch (IOException e) {
                closeBoth(from, to);
            }
        }

        private static void bytesTo(final Socket from, final Socket to) {
            try {
                final InputStream in = from.getInputStream();
                final OutputStream out = to.getOutputStream();
                final byte[] chunk = new byte[8192];
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    out.write(chunk, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // closed
            }
            closeBoth(from, to);
        }

        private static void closeBoth(final Socket a, final Socket b) {
            try {
                a.close();
            } catch (IOException ignored) {
                // best effort
            }
            try {
                b.close();
            } catch (IOException ignored) {
                // best effort
            }
        }

        private static Thread daemon(final String name, final Runnable work) {
            final Thread t = new Thread(work, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The bfddp header length, named for the relay's parsing. */
    private static final class Header {
        static final int LENGTH = org.bgpmgmt.wire.Header.HEADER_LENGTH;
    }
}
