package org.bgpmgmt.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.event.EventLoop;
import org.junit.jupiter.api.Test;

/** {@link BgpMgmtContext#call}: the one way across to the loop, whose future always completes. */
class CallTest {
    private static BgpMgmtContext context(final EventLoop loop) {
        return BgpMgmtContext.server(loop, Endpoint.tcp("127.0.0.1", 0),
            new BgpMgmtConfig().name("call").callTimeout(Duration.ofMillis(200)));
    }

    private static Throwable failure(final CompletableFuture<?> f) {
        return assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void shouldCompleteWithTheValueOrTheExceptionOfTheWork() throws Exception {
        try (EventLoop loop = new EventLoop().start()) {
            final BgpMgmtContext c = context(loop);
            assertEquals(42, c.call(() -> 42).get(5, TimeUnit.SECONDS));
            assertTrue(c.call(loop::inLoop).get(5, TimeUnit.SECONDS), "the work runs on the loop thread");
            final Throwable e = failure(c.call(() -> {
                throw new IllegalArgumentException("no such row");
            }));
            assertInstanceOf(IllegalArgumentException.class, e);
            assertEquals("no such row", e.getMessage());
        }
    }

    @Test
    void shouldRunAtOnceOnTheLoopThread() throws Exception {
        try (EventLoop loop = new EventLoop().start()) {
            final BgpMgmtContext c = context(loop);
            final CompletableFuture<Boolean> doneInline = loop.submit(() -> c.call(() -> 7).isDone());
            assertTrue(doneInline.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldFailWithRequestTimeoutWhenTheLoopIsStuck() throws Exception {
        try (EventLoop loop = new EventLoop().start()) {
            final BgpMgmtContext c = context(loop);
            final CountDownLatch release = new CountDownLatch(1);
            loop.submit(() -> release.await(10, TimeUnit.SECONDS)); // a stuck task, bounded so the test ends
            final java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
            final Throwable e = failure(c.call(() -> ran.getAndSet(true)));
            release.countDown();
            assertInstanceOf(RequestTimeoutException.class, e);
            assertTrue(e.getMessage().contains("callTimeout"), e.getMessage());
            loop.submit(() -> null).get(5, TimeUnit.SECONDS); // the stuck task is gone and the timed-out call's turn passed
            assertFalse(ran.get(), "a call that timed out before it started is skipped, not run late");
        }
    }

    @Test
    void shouldFailWithRejectionOnceTheLoopHasStopped() {
        final EventLoop loop = new EventLoop().start();
        final BgpMgmtContext c = context(loop);
        assertTrue(loop.shutdown(Duration.ofSeconds(5)));
        assertInstanceOf(RejectedExecutionException.class, failure(c.call(() -> 1)));
    }
}
