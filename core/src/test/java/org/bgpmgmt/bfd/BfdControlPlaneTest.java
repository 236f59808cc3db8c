package org.bgpmgmt.bfd;

import static org.bgpmgmt.bfd.BfdContractTest.session;
import static org.bgpmgmt.bfd.BfdContractTest.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.mgmt.Frames;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.RawPeer;
import org.bgpmgmt.testing.TwoLoops;
import org.bgpmgmt.wire.Framing;
import org.bgpmgmt.wire.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The control plane's side: what it sends when, what it refuses, and how its listeners are heard. */
@Timeout(60)
class BfdControlPlaneTest extends TwoLoops {
    private static final Endpoint ANY = Endpoint.parse("127.0.0.1:0");

    BfdControlPlaneTest() {
        super("cp-");
    }

    private <V extends BfdView> V later(final V view) {
        closeLater.add(0, view.context());
        return view;
    }

    @Test
    void shouldRefuseAContextThatFramesAnotherProtocol() {
        final BgpMgmtContext bmp = BgpMgmtContext.server(serverLoop, ANY,
            new BgpMgmtConfig().framing(Framing.of("bmp", 6).version(0, 3).length(1, 4, true).type(5, 1)));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> BfdControlPlane.addTo(bmp));
        assertTrue(e.getMessage().startsWith("BFD sessions need bfddp's framing"), e.getMessage());
        assertTrue(e.getMessage().endsWith("frames bmp"), e.getMessage());
        bmp.addCatalog(t -> t.handle(4, (c, in, at, n) -> { })); // the refusal took none of the context's types
        bmp.close();
    }

    @Test
    void shouldRefuseASecondControlPlaneAndAnyAfterStart() throws Exception {
        final BgpMgmtContext context = BgpMgmtContext.server(serverLoop, ANY, new BgpMgmtConfig());
        closeLater.add(context);
        BfdControlPlane.addTo(context);
        assertThrows(IllegalArgumentException.class, () -> BfdControlPlane.addTo(context),
            "BFD_STATE_CHANGE is handled already");
        final IllegalArgumentException bothSides = assertThrows(IllegalArgumentException.class,
            () -> BfdDataPlane.addTo(context));
        assertTrue(bothSides.getMessage().contains("a context plays one side"), bothSides.getMessage());
        Contexts.started(context);
        assertThrows(IllegalStateException.class, () -> BfdDataPlane.addTo(context), "started");
    }

    @Test
    void shouldSendSessionsUpdatedBeforeStartAsTheFirstResync() throws Exception {
        final BgpMgmtContext context = BgpMgmtContext.server(serverLoop, ANY, new BgpMgmtConfig());
        final BfdControlPlane control = BfdControlPlane.addTo(context);
        closeLater.add(context);
        for (int lid = 1; lid <= 3; lid++) {
            within(control.updateSession(session(lid))); // runs on the loop, which touches no socket before start
        }
        assertEquals(3, control.stats().sessions());
        assertEquals(0, ((InetSocketAddress) context.endpoint().address()).getPort(), "nothing bound before start");
        Contexts.started(context);
        final BfdContractTest.Heard heardData = new BfdContractTest.Heard();
        final BfdDataPlane data = later(Contexts.connectWith(clientLoop, context.endpoint(), new BgpMgmtConfig(),
            c -> BfdDataPlane.addTo(c).addListener(heardData)));
        Await.until("the sessions added before start", () -> heardData.sessions.size() == 3);
        final BfdContractTest.Heard heardControl = new BfdContractTest.Heard();
        control.addListener(heardControl); // any thread, after start too: heard from the next report on
        assertTrue(within(data.reportState(StateReport.of(2, BfdState.UP, BfdDiagnostic.NONE))));
        Await.until("state arrived", () -> heardControl.states.containsKey(2) && heardControl.states.get(2).isUp());
    }

    @Test
    void shouldCountAThrowingListenerAndStillTellTheNext() throws Exception {
        final BfdContractTest.Heard heard = new BfdContractTest.Heard();
        final BfdControlPlane control = later(Contexts.listenWith(serverLoop, ANY, new BgpMgmtConfig(),
            c -> BfdControlPlane.addTo(c).addListener(new SessionListener() {
                @Override
                public void stateChanged(final BfdSession session, final SessionState state) {
                    throw new IllegalStateException("listener bug");
                }
            }).addListener(heard)));
        within(control.updateSession(session(1)));
        try (RawPeer data = new RawPeer(control.context().endpoint())) {
            assertEquals(MessageType.DP_ADD_SESSION, data.readFrame().getShort(2));
            data.write(Frames.stateChange(1, BfdState.UP.code(), BfdDiagnostic.NONE.code()));
            Await.until("the second listener heard", () -> heard.states.containsKey(1));
            assertTrue(heard.states.get(1).isUp());
            Await.until("counted", () -> control.stats().listenerErrors() == 1);
            assertEquals(0, control.context().stats().listenerErrors(), "a session listener is the catalog's");
            data.write(Frames.stateChange(1, BfdState.DOWN.code(), BfdDiagnostic.NEIGHBOR_DOWN.code()));
            Await.until("the next report, heard on", () -> !heard.states.get(1).isUp());
            assertEquals(2, control.stats().listenerErrors(), "the listener threw again, counted again");
            assertTrue(control.context().stats().connections().get(0).up(), "no fault of the connection");
        }
    }

    @Test
    void shouldAnswerAnotherLoopsThreadWithoutBlockingAndReadInlineOnItsOwn() throws Exception {
        final BfdControlPlane control = later(Contexts.listenWith(serverLoop, ANY, new BgpMgmtConfig(),
            BfdControlPlane::addTo));
        try (EventLoop other = new EventLoop(new EventLoopConfig().name("other")).start()) {
            final CompletableFuture<Boolean> deleted = within(other.submit(() -> control.deleteSession(1)));
            assertFalse(within(deleted), "a future, never a wait on another loop's thread");
            assertNull(within(other.submit(() -> control.sessionState(1))), "a per-row figure read answers");
            within(serverLoop.submit(control::sessions)); // a figure read: publishes without waiting
            assertEquals(List.of(), within(other.submit(control::sessions)), "figures answer another loop");
            assertTrue(within(serverLoop.submit(() -> control.updateSession(session(1)).isDone())),
                "its own loop: at once");
            assertEquals(1, within(serverLoop.submit(() -> control.sessions().size())), "its own loop: inline");
        }
    }

    @Test
    void shouldHoldTheSameTableOnBothSidesAfterARestartDuringAPush() throws Exception {
        final BfdDataPlane first = Contexts.listenWith(serverLoop, ANY, new BgpMgmtConfig(), BfdDataPlane::addTo);
        final Endpoint at = first.context().endpoint();
        final BfdControlPlane control = later(Contexts.connectWith(clientLoop, at, new BgpMgmtConfig()
            .reconnectDelay(Duration.ofMillis(30)).reconnectMaxDelay(Duration.ofMillis(200)), BfdControlPlane::addTo));
        final AtomicBoolean pushing = new AtomicBoolean(true);
        final Thread pusher = new Thread(() -> {
            try {
                for (int round = 0; pushing.get(); round++) {
                    for (int lid = 1; lid <= 200 && pushing.get(); lid++) {
                        control.updateSession(BfdSession.builder(lid).addresses(
                            java.net.InetAddress.getByName("127.0.0.1"), java.net.InetAddress.getByName("127.0.0.2"))
                            .minTx(100_000 + round).build());
                    }
                    if (round % 5 == 4) {
                        within(control.deleteSession(round % 200 + 1));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        pusher.start();
        Thread.sleep(300);
        first.context().close(); // the server goes away in the middle of the push
        Thread.sleep(200);
        final BfdDataPlane second = later(Contexts.listenWith(serverLoop, at, new BgpMgmtConfig(),
            BfdDataPlane::addTo));
        Thread.sleep(500);
        pushing.set(false);
        pusher.join(10_000);
        Await.until("both sides agree", Duration.ofSeconds(20), () -> second.sessions().equals(control.sessions()));
        assertTrue(second.sessions().size() >= 150, "most sessions survive the deletes: " + second.sessions().size());
    }
}
