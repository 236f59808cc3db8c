package org.bgpmgmt.examples.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.RequestTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The catalog's calls from other threads never block: a stuck loop times them out after the
 * context's callTimeout and a stopped one rejects them, each in the future, while the figure reads
 * answer at once with what the loop published last, or with an empty table before it published.
 */
@Timeout(60)
class BgpPeerCatalogTest {
    private static final BgpCatalogStats ZERO = new BgpCatalogStats(0, 0, 0, 0, 0, 0);

    @Test
    void shouldTimeOutCallsAndAnswerFiguresWhileTheLoopIsStuck() throws Exception {
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("stuck-loop")).start()) {
            final BgpPeerCatalog published = new BgpPeerCatalog(Role.CONTROL_PLANE);
            final BgpPeerCatalog fresh = new BgpPeerCatalog(Role.CONTROL_PLANE);
            final BgpMgmtConfig config = new BgpMgmtConfig()
                .callTimeout(Duration.ofMillis(200));
            BgpMgmtContext.server(loop, CatalogFixture.anyPort(), config).addCatalog(published);
            BgpMgmtContext.server(loop, CatalogFixture.anyPort(), config).addCatalog(fresh);
            CatalogFixture.done(published.updatePeer(CatalogFixture.peer(1)));
            // Reads the loop answers publish the figures a read during the stall returns.
            assertEquals(List.of(CatalogFixture.peer(1)), published.peers());
            assertEquals(1, published.stats().peers());
            assertEquals(PeerState.initial(1), published.peerState(1));

            final CountDownLatch release = new CountDownLatch(1);
            final AtomicBoolean stuck = stall(loop, release);
            try {
                final CompletableFuture<Void> update = published.updatePeer(CatalogFixture.peer(2));
                final ExecutionException timedOut = assertThrows(ExecutionException.class,
                    () -> update.get(10, TimeUnit.SECONDS));
                assertInstanceOf(RequestTimeoutException.class, timedOut.getCause());
                assertEquals(List.of(CatalogFixture.peer(1)), published.peers(), "the figures from before the stall");
                assertEquals(1, published.stats().peers());
                assertEquals(PeerState.initial(1), published.peerState(1));
                assertEquals(List.of(), fresh.peers(), "nothing published yet: the empty table");
                assertEquals(ZERO, fresh.stats());
                assertNull(fresh.peerState(1));
                assertTrue(stuck.get(), "every answer came while the loop was still stuck");
            } finally {
                release.countDown();
            }
            // A call that timed out may or may not have run (context.call's contract); the next one works.
            CatalogFixture.done(published.updatePeer(CatalogFixture.peer(2)));
            assertEquals(List.of(CatalogFixture.peer(1), CatalogFixture.peer(2)), published.peers());
        }
    }

    @Test
    void shouldRejectCallsOnceTheLoopHasStopped() throws Exception {
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("stopped-loop")).start();
        final BgpPeerCatalog control = new BgpPeerCatalog(Role.CONTROL_PLANE);
        BgpMgmtContext.server(loop, CatalogFixture.anyPort(), new BgpMgmtConfig())
            .addCatalog(control);
        assertTrue(loop.shutdown(Duration.ofSeconds(10)));
        for (CompletableFuture<?> call : List.of(control.updatePeer(CatalogFixture.peer(1)), control.deletePeer(1),
            control.requestCounters(1))) {
            final ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
            assertInstanceOf(RejectedExecutionException.class, e.getCause(), call.toString());
        }
        assertEquals(List.of(), control.peers(), "a stopped loop published nothing: the empty table");
        assertEquals(ZERO, control.stats());
    }

    /** Holds the loop until {@code release} (30 s at most); the flag says whether it still holds it. */
    private static AtomicBoolean stall(final EventLoop loop, final CountDownLatch release) throws Exception {
        final AtomicBoolean stuck = new AtomicBoolean();
        final CountDownLatch started = new CountDownLatch(1);
        loop.submit(() -> {
            stuck.set(true);
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
            stuck.set(false);
            return null;
        });
        assertTrue(started.await(10, TimeUnit.SECONDS), "the stall began");
        return stuck;
    }
}
