package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.event.ManualClock;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.RawPeer;
import org.bgpmgmt.wire.EchoMessage;
import org.bgpmgmt.wire.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every limit of BgpMgmtConfig bounds what a peer can make the context do. */
@Timeout(60)
class LimitsTest {
    @TempDir
    Path dir;
    private final EventLoop loop = new EventLoop(new EventLoopConfig().name("limits")).start();

    @AfterEach
    void stop() {
        assertTrue(loop.shutdown(Duration.ofSeconds(10)));
    }

    @Test
    void shouldCloseASilentConnectionAfterTheIdleTimeoutButNotABusyOne() throws Exception {
        // The loop runs on its own thread but on a manual clock: silence is counted in loop time, so
        // a slow machine cannot make the busy peer look idle or the silent one close early.
        final ManualClock clock = new ManualClock();
        final EventLoop timed = new EventLoop(new EventLoopConfig().name("limits-idle").clock(clock)).start();
        final BgpMgmtContext server = Contexts.listen(timed, Endpoint.parse("127.0.0.1:0"),
            new BgpMgmtConfig().idleTimeout(Duration.ofMillis(300)));
        try (RawPeer silent = new RawPeer(server.endpoint()); RawPeer busy = new RawPeer(server.endpoint())) {
            Await.until("both accepted", () -> server.stats().connections().size() == 2);
            for (int i = 0; i < 8; i++) {
                busy.write(Frames.echoRequest(i + 1, i));
                assertEquals(i + 1, new EchoMessage().wrap(busy.readFrame(), 0).id());
                clock.advance(Duration.ofMillis(i < 3 ? 99 : 100)); // 297 ms after three, then past 300
                if (i == 2) {
                    assertFalse(silent.closedByPeer(Duration.ofMillis(100)), "closed before its 300 ms");
                }
            }
            busy.write(Frames.echoRequest(99, 0)); // never silent for more than 100 ms of loop time
            assertEquals(99, new EchoMessage().wrap(busy.readFrame(), 0).id(), "the busy peer stays");
            assertTrue(silent.closedByPeer(Duration.ofSeconds(10)), "the silent peer was not closed");
            Await.until("counted once", () -> server.stats().closes().idleCloses() == 1);
            assertEquals(1, server.stats().connections().size(), "only the busy one is left");
            assertTrue(server.showDistributed().contains("Idle closes: 1"), server.showDistributed());
        }
        server.close();
        assertTrue(timed.shutdown(Duration.ofSeconds(10)));
    }

    @Test
    void shouldRefuseRequestsOverThePendingLimit() throws Exception {
        final BgpMgmtContext server = Contexts.listen(loop, Endpoint.parse("127.0.0.1:0"),
            new BgpMgmtConfig().maxPendingRequests(3).requestTimeout(Duration.ofSeconds(30)));
        try (RawPeer neverAnswers = new RawPeer(server.endpoint())) {
            final Connection c = Await.value("connection", () -> server.connections().stream().findFirst().orElse(null));
            final List<CompletableFuture<Long>> echoes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                echoes.add(c.echo());
            }
            final ExecutionException refused = assertThrows(ExecutionException.class,
                () -> c.echo().get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, refused.getCause());
            assertTrue(refused.getCause().getMessage().contains("maxPendingRequests"), refused.getCause().getMessage());
            assertEquals(1, server.stats().connections().get(0).refused().requests());
            assertEquals(3, server.stats().connections().get(0).pendingRequests());
            echoes.forEach(e -> assertFalse(e.isDone(), "the admitted ones still wait"));
        }
        server.close();
    }

    @Test
    void shouldTreatAFrameOverTheMaximumAsAProtocolError() throws Exception {
        final BgpMgmtContext server = Contexts.listen(loop, Endpoint.parse("127.0.0.1:0"),
            new BgpMgmtConfig().maxFrameLength(200));
        try (RawPeer peer = new RawPeer(server.endpoint())) {
            peer.write(Frames.addSession(1)); // 140 bytes: fine
            peer.write(Frames.raw(1, 0x300, 0, 201, 201));
            assertTrue(peer.closedByPeer(Duration.ofSeconds(10)));
            Await.until("counted", () -> server.stats().closes().protocolErrors() == 1);
        }
        server.close();
        assertThrows(IllegalArgumentException.class, () -> new BgpMgmtConfig().maxFrameLength(7));
    }

    @Test
    void shouldAdmitOnlyAllowedUidsOnAUnixSocket() throws Exception {
        final Path probe = Files.createTempFile(dir, "uid", "");
        final int me = (Integer) Files.getAttribute(probe, "unix:uid");
        final BgpMgmtContext open = Contexts.listen(loop, Endpoint.unix(dir.resolve("ok.sock")),
            new BgpMgmtConfig().allowedUids(me));
        try (RawPeer peer = new RawPeer(open.endpoint())) {
            peer.write(Frames.echoRequest(5, 5));
            assertEquals(MessageType.ECHO_REPLY, peer.readFrame().getShort(2), "our own uid is allowed");
        }
        final BgpMgmtContext strict = Contexts.listen(loop, Endpoint.unix(dir.resolve("no.sock")),
            new BgpMgmtConfig().allowedUids(me + 4242));
        try (RawPeer stranger = new RawPeer(strict.endpoint())) {
            assertTrue(stranger.closedByPeer(Duration.ofSeconds(10)), "a uid not in the list is refused");
        }
        Await.until("counted", () -> strict.stats().admissions().refusedByCredentials() == 1);
        assertEquals(0, strict.stats().admissions().accepted());
        assertTrue(strict.showDistributed().contains("Refused connections (credentials): 1"));
        open.close();
        strict.close();
    }
}
