package org.bgpmgmt.bfd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.ConnectionClosedException;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.mgmt.Frames;
import org.bgpmgmt.mgmt.RequestTimeoutException;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.RawPeer;
import org.bgpmgmt.testing.TwoLoops;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What both sides of bfddp must show over every transport: sessions pushed, updated, deleted and
 * resynced; states reported and transitions counted; counters asked for; malformed content refused
 * on its connection alone. Subclasses pick TCP IPv4, TCP IPv6 or a unix socket.
 */
@Timeout(60)
abstract class BfdContractTest extends TwoLoops {
    @TempDir
    Path dir;

    /** Where the server under test listens. */
    abstract Endpoint endpoint(Path tempDir);

    BfdContractTest() {
        super("bfd-");
    }

    <T extends AutoCloseable> T later(final T c) {
        closeLater.add(0, c);
        return c;
    }

    /** A server context with one BFD side added before it starts; its context closed after the test. */
    final <V extends BfdView> V server(final Function<BgpMgmtContext, V> view, final BgpMgmtConfig config)
        throws Exception {
        final V v = Contexts.listenWith(serverLoop, endpoint(dir), config.name("srv"), view);
        later(v.context());
        return v;
    }

    /** A client context with one BFD side added before it starts; its context closed after the test. */
    final <V extends BfdView> V client(final Function<BgpMgmtContext, V> view, final Endpoint to,
                                       final BgpMgmtConfig config) {
        final V v = Contexts.connectWith(clientLoop, to, config.name("cli").reconnectDelay(Duration.ofMillis(20)), view);
        later(v.context());
        return v;
    }

    static BfdSession session(final int lid) throws Exception {
        return BfdSession.builder(lid).addresses(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"))
            .minTx(200_000 + lid).ifname("eth" + lid % 10).build();
    }

    static <T> T within(final CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    /** Records what a side hears: sessions and their events on a data plane, states on a control plane. */
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
        final BfdControlPlane control = server(BfdControlPlane::addTo, new BgpMgmtConfig());
        final Heard heard = new Heard();
        final BfdDataPlane data = client(c -> BfdDataPlane.addTo(c).addListener(heard), control.context().endpoint(),
            new BgpMgmtConfig());
        for (int lid = 1; lid <= 3; lid++) {
            within(control.updateSession(session(lid)));
        }
        Await.until("three sessions", () -> heard.sessions.size() == 3);
        assertEquals(session(2), heard.sessions.get(2), "every field crossed the wire");
        final BfdSession changed = BfdSession.builder(2).addresses(InetAddress.getByName("127.0.0.1"),
            InetAddress.getByName("127.0.0.2")).minTx(999_000).build();
        within(control.updateSession(changed));
        assertTrue(within(control.deleteSession(3)));
        assertFalse(within(control.deleteSession(3)));
        Await.until("update and delete", () -> heard.events.contains("delete 3"));
        assertEquals(List.of("add 1", "add 2", "add 3", "update 2", "delete 3"), heard.events);
        assertEquals(changed, heard.sessions.get(2));
        assertEquals(List.of(session(1), changed), data.sessions());
    }

    @Test
    void shouldReflectReportedStatesAndCountTransitions() throws Exception {
        final Heard heard = new Heard();
        final BfdControlPlane control = server(c -> BfdControlPlane.addTo(c).addListener(heard), new BgpMgmtConfig());
        final BfdDataPlane data = client(BfdDataPlane::addTo, control.context().endpoint(), new BgpMgmtConfig());
        within(control.updateSession(session(7)));
        Await.until("session at the data plane", () -> data.sessions().size() == 1);
        assertTrue(within(data.reportState(new StateReport(7, BfdState.UP, BfdDiagnostic.NONE,
            new RemoteSystem(0xABCD, 1, 300_000, 310_000, 50_000, 3)))));
        Await.until("up at the control plane", () -> heard.states.containsKey(7) && heard.states.get(7).isUp());
        final SessionState up = control.sessionState(7);
        assertEquals(0xABCD, up.report().remote().discriminator());
        assertEquals(310_000, up.report().remote().requiredRxMicros());
        assertEquals(3, up.report().remote().detectMultiplier());
        assertEquals(1, up.transitions().upCount());
        assertTrue(up.transitions().lastUpMillis() > 0);
        assertTrue(within(data.reportState(StateReport.of(7, BfdState.DOWN, BfdDiagnostic.CONTROL_EXPIRED))));
        Await.until("down again", () -> !control.sessionState(7).isUp());
        assertEquals(1, control.sessionState(7).transitions().downCount());
        assertEquals(BfdDiagnostic.CONTROL_EXPIRED, control.sessionState(7).report().diagnostic());
        assertFalse(within(data.reportState(StateReport.of(8, BfdState.UP, BfdDiagnostic.NONE))), "unknown lid");
    }

    @Test
    void shouldAnswerCountersRequestsById() throws Exception {
        final BfdControlPlane control = server(BfdControlPlane::addTo, new BgpMgmtConfig());
        final BfdDataPlane data = client(BfdDataPlane::addTo, control.context().endpoint(), new BgpMgmtConfig());
        within(control.updateSession(session(5)));
        within(control.updateSession(session(6)));
        Await.until("sessions at the data plane", () -> data.sessions().size() == 2);
        final SessionCounters five = new SessionCounters(5, new Traffic(22, 11, 44, 33), new Traffic(66, 55, 88, 77));
        assertTrue(within(data.updateCounters(five)));
        assertEquals(five, within(control.requestCounters(5)));
        assertEquals(SessionCounters.zero(6), within(control.requestCounters(6)));
        final ExecutionException unknown = assertThrows(ExecutionException.class,
            () -> within(control.requestCounters(99)));
        assertInstanceOf(IllegalArgumentException.class, unknown.getCause());
    }

    @Test
    void shouldResyncEverySessionAfterTheServerRestarts() throws Exception {
        final BfdDataPlane first = server(BfdDataPlane::addTo, new BgpMgmtConfig());
        final Endpoint at = first.context().endpoint();
        final BfdControlPlane control = client(BfdControlPlane::addTo, at, new BgpMgmtConfig().outputBufferSize(1024));
        for (int lid = 1; lid <= 300; lid++) {
            within(control.updateSession(session(lid)));
        }
        Await.until("300 sessions at the first server", () -> first.sessions().size() == 300);
        first.context().close();
        final BfdDataPlane second = Contexts.listenWith(serverLoop, at, new BgpMgmtConfig().name("srv2"),
            BfdDataPlane::addTo);
        later(second.context());
        Await.until("300 sessions at the restarted server", () -> second.sessions().size() == 300);
        assertEquals(control.sessions(), second.sessions(), "both sides hold the same table");
    }

    @Test
    void shouldDeliverAResyncLargerThanTheOutputBuffer() throws Exception {
        final BfdControlPlane control = server(BfdControlPlane::addTo, new BgpMgmtConfig().outputBufferSize(512));
        for (int lid = 1; lid <= 1_000; lid++) {
            within(control.updateSession(session(lid)));
        }
        final BfdDataPlane data = client(BfdDataPlane::addTo, control.context().endpoint(), new BgpMgmtConfig());
        Await.until("all 1000 sessions (bfdd 8.4.4 stops at 58)", () -> data.sessions().size() == 1_000);
    }

    @Test
    void shouldFailRequestsOnTimeoutAndOnDisconnect() throws Exception {
        final BfdControlPlane control = server(BfdControlPlane::addTo, new BgpMgmtConfig()
            .requestTimeout(Duration.ofMillis(200)));
        within(control.updateSession(session(1)));
        try (RawPeer silent = new RawPeer(control.context().endpoint())) {
            assertEquals(MessageType.DP_ADD_SESSION, silent.readFrame().getShort(2));
            final ExecutionException timeout = assertThrows(ExecutionException.class,
                () -> within(control.requestCounters(1)));
            assertInstanceOf(RequestTimeoutException.class, timeout.getCause());
            final CompletableFuture<SessionCounters> pending = control.requestCounters(1);
            silent.readFrame();
            silent.close();
            final ExecutionException closed = assertThrows(ExecutionException.class, () -> within(pending));
            assertInstanceOf(ConnectionClosedException.class, closed.getCause());
        }
    }

    @Test
    void shouldCloseOnlyTheConnectionThatSendsAMalformedSession() throws Exception {
        final BfdDataPlane data = server(BfdDataPlane::addTo, new BgpMgmtConfig());
        try (RawPeer good = new RawPeer(data.context().endpoint()); RawPeer bad = new RawPeer(data.context().endpoint())) {
            // Found by the fuzzer: content the frame check cannot see must not hang the connection.
            final ByteBuffer add = Frames.addSession(9);
            for (int i = 0; i < 64; i++) {
                add.put(8 + 68 + i, (byte) 'i'); // an ifname field with no NUL
            }
            bad.write(add);
            assertTrue(bad.closedByPeer(Duration.ofSeconds(10)), "malformed content must close, not hang");
            Await.until("counted", () -> data.context().stats().closes().protocolErrors() == 1);
            assertEquals(1, data.stats().malformed());
            assertTrue(data.sessions().isEmpty());
            good.write(Frames.addSession(10));
            Await.until("the other connection's session", () -> data.sessions().size() == 1);
            good.write(Frames.echoRequest(5, 5));
            assertEquals(5, new EchoMessage().wrap(good.readUntil(MessageType.ECHO_REPLY), 0).id());
        }
    }

    @Test
    void shouldCloseTheConnectionThatReportsAnUnknownStateOrDiagnostic() throws Exception {
        final BfdControlPlane control = server(BfdControlPlane::addTo, new BgpMgmtConfig());
        within(control.updateSession(session(1))); // no connection yet: the first to come up is sent it
        final Endpoint at = control.context().endpoint();
        try (RawPeer first = new RawPeer(at)) {
            assertEquals(MessageType.DP_ADD_SESSION, first.readFrame().getShort(2));
            try (RawPeer other = new RawPeer(at)) {
                // A request pending on the bad connection is failed with the reason it was closed for.
                assertEquals("malformed BFD_STATE_CHANGE: state 9 is not a BFD state (0 to 3)",
                    refusedReport(control, first, Frames.stateChange(1, 9, 0)));
                assertEquals(1, control.stats().malformed());
                assertEquals(1, control.context().stats().closes().protocolErrors());
                assertEquals(SessionState.initial(1), control.sessionState(1), "the refused report changed nothing");

                other.write(Frames.stateChange(1, BfdState.UP.code(), BfdDiagnostic.NONE.code()));
                Await.until("the other connection's report", () -> control.sessionState(1).isUp());

                try (RawPeer second = new RawPeer(at)) {
                    assertEquals(MessageType.DP_ADD_SESSION, second.readFrame().getShort(2), "the resync of a row left alone");
                    assertEquals("malformed BFD_STATE_CHANGE: diagnostic 31 is not a BFD diagnostic (0 to 8)",
                        refusedReport(control, second, Frames.stateChange(1, BfdState.DOWN.code(), 31)));
                }
                assertEquals(2, control.stats().malformed());
                assertEquals(BfdState.UP, control.sessionState(1).state(), "still what the good report said");
                other.write(Frames.echoRequest(3, 3));
                assertEquals(3, new EchoMessage().wrap(other.readUntil(MessageType.ECHO_REPLY), 0).id(),
                    "the other connection still works");
            }
        }
    }

    /**
     * Has {@code peer}, which holds session 1, send {@code report} while a counters request is pending on it;
     * returns the reason the connection was closed for, as the failed request tells it.
     */
    private static String refusedReport(final BfdControlPlane control, final RawPeer peer, final ByteBuffer report)
        throws Exception {
        final CompletableFuture<SessionCounters> pending = control.requestCounters(1);
        assertEquals(MessageType.DP_REQUEST_SESSION_COUNTERS, peer.readFrame().getShort(2));
        peer.write(report);
        assertTrue(peer.closedByPeer(Duration.ofSeconds(10)), "a malformed report must close its connection");
        final ExecutionException closed = assertThrows(ExecutionException.class, () -> within(pending));
        assertInstanceOf(ConnectionClosedException.class, closed.getCause());
        final String message = closed.getCause().getMessage();
        return message.substring(message.indexOf("protocol error: ") + "protocol error: ".length());
    }
}
