package org.bgpmgmt.mgmt;

import org.bgpmgmt.testing.BfddProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bgpmgmt.bfd.BfdDataPlane;
import org.bgpmgmt.bfd.BfdDiagnostic;
import org.bgpmgmt.bfd.BfdSession;
import org.bgpmgmt.bfd.BfdState;
import org.bgpmgmt.bfd.RemoteSystem;
import org.bgpmgmt.bfd.SessionCounters;
import org.bgpmgmt.bfd.SessionListener;
import org.bgpmgmt.bfd.StateReport;
import org.bgpmgmt.bfd.Traffic;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.Contexts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * This project's data-plane role against the real FRR bfdd 8.4.4: bfdd pushes its configured peer,
 * the context reports it up, answers bfdd's counters request and echoes with it.
 */
@Timeout(90)
class BfddInteropTest {
    private static final String PEER = "127.0.0.2 local-address 127.0.0.1";

    @BeforeEach
    void requireBfdd() {
        BfddProcess.requireForTest();
    }

    @Test
    void shouldServeBfddAsItsDistributedDataPlane() throws Exception {
        try (BfddProcess bfdd = BfddProcess.start(List.of(PEER));
             EventLoop loop = new EventLoop(new EventLoopConfig().name("dataplane-loop")).start()) {
            final AtomicReference<BfdSession> received = new AtomicReference<>();
            final BgpMgmtConfig config = new BgpMgmtConfig().name("dp").reconnectDelay(Duration.ofMillis(100));
            final BgpMgmtContext context = BgpMgmtContext.client(loop, Endpoint.tcp(bfdd.dplaneAddress()), config);
            final BgpMgmtContext dataPlane = context;
            final BfdDataPlane sessions = BfdDataPlane.addTo(context);
            sessions.addListener(new SessionListener() {
                    @Override
                    public void sessionReceived(final BfdSession session, final boolean added) {
                        received.set(session);
                        // Loop thread: answer at once, as a real data plane would after bringing it up. On the
                        // loop these calls run inline, so their futures are already complete; never wait here.
                        sessions.updateCounters(new SessionCounters(session.lid(), new Traffic(22, 11, 44, 33),
                            new Traffic(66, 55, 88, 77)));
                        sessions.reportState(new StateReport(session.lid(), BfdState.UP, BfdDiagnostic.NONE,
                            new RemoteSystem(12345, 0, 300_000, 300_000, 0, 3)));
                    }
                });
            try (BgpMgmtContext started = Contexts.connect(context)) {
                final BfdSession session;
                try {
                    Await.until("DP_ADD_SESSION from bfdd", Duration.ofSeconds(20), () -> received.get() != null);
                    session = received.get();
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n" + dataPlane.showDistributed() + "\nbfdd log:\n"
                        + bfdd.log(), e);
                }
                assertEquals("127.0.0.2", session.destination().getHostAddress());
                assertEquals("127.0.0.1", session.source().getHostAddress());

                Await.until("bfdd shows the peer up", Duration.ofSeconds(20),
                    () -> vtysh(bfdd, "show bfd peers").contains("Status: up"));
                final String peers = bfdd.vtysh("show bfd peers");
                assertTrue(peers.contains("Remote ID: 12345"), peers);
                assertTrue(peers.contains("ID: " + Integer.toUnsignedString(session.lid())), peers);

                // bfdd asks over the socket and blocks until our loop has answered with the same id.
                // It prints four counters, one from the wrong field (see README: "Echo packet output"
                // is the echo output *bytes* field), so the expected text is what bfdd 8.4.4 prints.
                final String counters = bfdd.vtysh("show bfd peers counters");
                assertTrue(counters.contains("Control packet input: 22 packets"), counters);
                assertTrue(counters.contains("Control packet output: 44 packets"), counters);
                assertTrue(counters.contains("Echo packet input: 66 packets"), counters);
                assertTrue(counters.contains("Echo packet output: 77 packets"), counters);

                final CompletableFuture<Long> echo = dataPlane.echo();
                final long rttNanos = echo.get(10, TimeUnit.SECONDS);
                assertTrue(rttNanos > 0 && rttNanos < TimeUnit.SECONDS.toNanos(10), "rtt " + rttNanos);

                final ConnectionStats stats = dataPlane.stats().connections().get(0);
                assertEquals(0, stats.faults().unknownReplies(), "bfdd's id-0 echo reply was paired by its time");
                assertEquals(0, stats.faults().protocolErrors());
                final String distributed = bfdd.vtysh("show bfd distributed");
                assertTrue(distributed.contains("Input messages: 3"), "state change, counters reply, echo: "
                    + distributed);
            }
        }
    }

    private static String vtysh(final BfddProcess bfdd, final String command) {
        try {
            return bfdd.vtysh(command);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
