package org.bgpmgmt.bfd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.mgmt.Frames;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.RawPeer;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.Framing;
import org.bgpmgmt.wire.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The data plane's side: what it refuses, and how its listeners are heard. */
@Timeout(60)
class BfdDataPlaneTest {
    private final EventLoop loop = new EventLoop(new EventLoopConfig().name("dp")).start();

    @AfterEach
    void stop() {
        assertTrue(loop.shutdown(Duration.ofSeconds(10)));
    }

    @Test
    void shouldRefuseAContextThatFramesAnotherProtocol() {
        final BgpMgmtContext payloadOnly = BgpMgmtContext.server(loop, Endpoint.parse("127.0.0.1:0"),
            new BgpMgmtConfig().framing(Framing.of("wide", 16)));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> BfdDataPlane.addTo(payloadOnly));
        assertTrue(e.getMessage().startsWith("BFD sessions need bfddp's framing"), e.getMessage());
        assertTrue(e.getMessage().endsWith("frames wide"), e.getMessage());
        payloadOnly.close();
    }

    @Test
    void shouldCountAThrowingListenerAndStillTellTheNext() throws Exception {
        final List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        final BfdDataPlane data = Contexts.listenWith(loop, Endpoint.parse("127.0.0.1:0"), new BgpMgmtConfig(),
            c -> BfdDataPlane.addTo(c).addListener(new SessionListener() {
                @Override
                public void sessionReceived(final BfdSession session, final boolean added) {
                    throw new IllegalStateException("listener bug");
                }
            }).addListener(new SessionListener() {
                @Override
                public void sessionReceived(final BfdSession session, final boolean added) {
                    heard.add((added ? "add " : "update ") + session.lid());
                }
            }));
        try (RawPeer control = new RawPeer(data.context().endpoint())) {
            control.write(Frames.addSession(1));
            control.write(Frames.addSession(1));
            Await.until("the second listener heard both", () -> heard.size() == 2);
            assertEquals(List.of("add 1", "update 1"), heard);
            Await.until("counted", () -> data.stats().listenerErrors() == 2);
            assertEquals(0, data.context().stats().listenerErrors(), "a session listener is the catalog's");
            assertEquals(1, data.sessions().size(), "the session was kept despite the listener");
            control.write(Frames.echoRequest(4, 4));
            assertEquals(4, new EchoMessage().wrap(control.readUntil(MessageType.ECHO_REPLY), 0).id(),
                "the connection is undisturbed");
        }
        data.context().close();
    }
}
