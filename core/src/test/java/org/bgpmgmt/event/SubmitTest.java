package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SubmitTest {

    @Test
    void shouldRunTheWorkOnTheLoopThreadAndCompleteWithItsResult() throws Exception {
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("submit-result")).start()) {
            final CompletableFuture<String> f = loop.submit(() -> Thread.currentThread().getName());
            assertEquals("submit-result", f.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldCompleteExceptionallyWithTheWorksException() throws Exception {
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("submit-fail")).start()) {
            final IOException boom = new IOException("boom");
            final CompletableFuture<Object> f = loop.submit(() -> {
                throw boom;
            });
            final ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            assertSame(boom, e.getCause());
            assertEquals("ok", loop.submit(() -> "ok").get(10, TimeUnit.SECONDS), "the loop goes on");
        }
    }

    @Test
    void shouldRejectWorkSubmittedAfterShutdown() {
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("submit-late"));
        loop.close();
        final CompletableFuture<String> f = loop.submit(() -> "never");
        assertTrue(f.isCompletedExceptionally());
        final ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
    }

    @Test
    void shouldRunWorkAcceptedBeforeShutdownInTheLastTurn() throws Exception {
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("submit-before-stop"));
        final CompletableFuture<String> f = loop.submit(() -> "ran");
        assertTrue(loop.shutdown(Duration.ofSeconds(10)));
        assertEquals("ran", f.getNow("pending"));
    }

    @Test
    void shouldRejectWorkTheShutdownSweepDrops() throws Exception {
        final AtomicReference<CompletableFuture<String>> dropped = new AtomicReference<>();
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("submit-swept")).start();
        final CountDownLatch stopping = new CountDownLatch(1);
        loop.addEvent(self -> {
            loop.shutdown(Duration.ZERO); // from a task: the loop stops after its last turn
            // This event runs in the last turn and submits again: that work has no turn left.
            loop.addEvent(last -> dropped.set(loop.submit(() -> "too late")), null, 0, null);
            stopping.countDown();
        }, null, 0, null);
        assertTrue(stopping.await(10, TimeUnit.SECONDS));
        assertTrue(loop.awaitTermination(Duration.ofSeconds(10)));
        final CompletableFuture<String> f = dropped.get();
        assertTrue(f.isDone(), "never left pending");
        final ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
    }

    @Test
    void shouldSkipWorkWhoseFutureWasCancelled() throws Exception {
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("submit-cancel"));
        final AtomicBoolean ran = new AtomicBoolean();
        final CompletableFuture<Boolean> f = loop.submit(() -> ran.getAndSet(true));
        assertTrue(f.cancel(false));
        assertTrue(loop.shutdown(Duration.ofSeconds(10)));
        assertFalse(ran.get());
    }

    @Test
    void shouldAccountSubmittedWorkUnderAStableName() throws Exception {
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("submit-name")).start()) {
            loop.submit(() -> 1).get(10, TimeUnit.SECONDS);
            loop.submit(() -> 2).get(10, TimeUnit.SECONDS);
            final long calls = loop.taskStats().stream()
                .filter(t -> t.name().equals("submit: lambda in SubmitTest")).mapToLong(TaskStats::calls).sum();
            assertEquals(2, calls, loop.showCpu());
        }
    }

    @Test
    void shouldTellWhetherTheCallerDrivesAnyLoop() throws Exception {
        assertFalse(EventLoop.inAnyLoop());
        try (EventLoop started = new EventLoop(new EventLoopConfig().name("submit-any")).start()) {
            assertTrue(started.submit(EventLoop::inAnyLoop).get(10, TimeUnit.SECONDS));
        }
        final EventLoop embedded = new EventLoop(new EventLoopConfig().name("submit-embedded"));
        embedded.runOnce(0);
        assertTrue(EventLoop.inAnyLoop(), "between runOnce calls this thread still drives the loop");
        assertTrue(embedded.shutdown(Duration.ofSeconds(10)));
        assertFalse(EventLoop.inAnyLoop(), "a stopped loop is driven by nobody");
    }

    @Test
    void shouldNotCountTheCallerAsDrivingAfterRunOnceOnAFinishedLoop() {
        final EventLoop embedded = new EventLoop(new EventLoopConfig().name("submit-finished"));
        embedded.runOnce(0);
        assertTrue(embedded.shutdown(Duration.ofSeconds(10)));
        assertThrows(IllegalStateException.class, () -> embedded.runOnce(0));
        assertFalse(EventLoop.inAnyLoop(), "runOnce on a finished loop must not make its caller a loop thread");
        assertThrows(IllegalStateException.class, () -> embedded.runOnce(0));
        assertFalse(EventLoop.inAnyLoop(), "nor does a second failing runOnce");
    }

    @Test
    void shouldRefuseToWaitForAnotherLoopFromALoopThread() throws Exception {
        try (EventLoop a = new EventLoop(new EventLoopConfig().name("submit-a")).start();
             EventLoop b = new EventLoop(new EventLoopConfig().name("submit-b")).start()) {
            final CompletableFuture<Integer> cancelled = a.submit(() -> b.cancelByArg("x"));
            assertEquals(-1, cancelled.get(10, TimeUnit.SECONDS), "a loop thread does not wait on another loop");
            final CountDownLatch hold = new CountDownLatch(1);
            b.addEvent(self -> hold.await(10, TimeUnit.SECONDS), null, 0, null);
            final long t0 = System.nanoTime();
            final List<TaskStats> stats = a.submit(b::taskStats).get(10, TimeUnit.SECONDS);
            hold.countDown();
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5),
                "figures of a held loop read from another loop's thread answer without waiting: " + stats);
        }
    }
}
