package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several threads add, submit, cancel and stop a loop at once; whatever the interleaving, every
 * future completes, every accepted task ran or was cancelled, and nothing throws but the documented
 * rejection.
 */
@Timeout(180)
class ShutdownRaceTest {
    private static final int ROUNDS = 150;
    private static final int PRODUCERS = 3;
    private static final int OPS = 3_000;

    @Test
    void shouldCompleteEverySubmissionWhileTheLoopStops() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            hammer(round);
        }
    }

    @Test
    void shouldPublishTerminatedOnlyAfterTheSweep() throws Exception {
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("terminated-last")).start();
        final AtomicBoolean terminatedDuringSweep = new AtomicBoolean(true);
        final CountDownLatch swept = new CountDownLatch(1);
        loop.addEvent(self -> {
            loop.shutdown(Duration.ZERO);
            loop.addEvent(last -> loop.submit(() -> "dropped").whenComplete((v, e) -> {
                terminatedDuringSweep.set(loop.isTerminated());
                swept.countDown();
            }), null, 0, null);
        }, null, 0, null);
        assertTrue(loop.awaitTermination(Duration.ofSeconds(10)));
        assertTrue(swept.await(10, TimeUnit.SECONDS));
        assertFalse(terminatedDuringSweep.get(), "the sweep ran while the loop still read as shutting down");
    }

    private static void hammer(final int round) throws Exception {
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("race-" + round).cpuTiming(false)
            .shutdownTimeout(Duration.ofSeconds(10)));
        if (round % 4 != 0) {
            loop.start(); // every fourth loop is stopped before it ever ran: the stopper finishes it
        }
        final Queue<CompletableFuture<Integer>> futures = new ConcurrentLinkedQueue<>();
        final Queue<TaskHandle> accepted = new ConcurrentLinkedQueue<>();
        final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        final AtomicInteger progress = new AtomicInteger();
        final Object arg = new Object();
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            threads.add(new Thread(() -> produce(loop, arg, futures, accepted, unexpected, progress), "producer-" + p));
        }
        for (int s = 0; s < 2; s++) {
            final boolean viaClose = s == 0;
            threads.add(new Thread(() -> {
                final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (progress.get() < OPS / 2 * (round % 3) && System.nanoTime() < giveUp) {
                    Thread.onSpinWait();
                }
                try {
                    if (viaClose) {
                        loop.close();
                    } else {
                        loop.shutdown(Duration.ofSeconds(10));
                    }
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            }, "stopper-" + s));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(30_000);
            assertFalse(t.isAlive(), t.getName() + " hung in round " + round);
        }
        assertTrue(loop.awaitTermination(Duration.ofSeconds(10)), "round " + round);
        assertEquals(List.of(), new ArrayList<>(unexpected), "round " + round);
        for (CompletableFuture<Integer> f : futures) {
            assertTrue(f.isDone(), "a submitted future was left pending in round " + round);
            if (f.isCompletedExceptionally()) {
                final Throwable cause = f.handle((v, e) -> e).join();
                assertInstanceOf(RejectedExecutionException.class, cause, "round " + round);
            }
        }
        for (TaskHandle h : accepted) {
            assertFalse(h.isScheduled(), "an accepted task neither ran nor was cancelled in round " + round);
        }
    }

    private static void produce(final EventLoop loop, final Object arg, final Queue<CompletableFuture<Integer>> futures,
                                final Queue<TaskHandle> accepted, final Queue<Throwable> unexpected,
                                final AtomicInteger progress) {
        final TaskHandle[] own = new TaskHandle[8];
        for (int i = 0; i < own.length; i++) {
            own[i] = new TaskHandle("race");
            accepted.add(own[i]);
        }
        final Task task = self -> { };
        for (int i = 0; i < OPS; i++) {
            progress.incrementAndGet();
            final TaskHandle h = own[i & 7];
            try {
                switch (i % 6) {
                    case 0 -> futures.add(loop.submit(() -> 1));
                    case 1 -> loop.addEvent(task, arg, i, h);
                    case 2 -> loop.addTimerMillis(i % 3, task, arg, h);
                    case 3 -> loop.cancel(h);
                    case 4 -> loop.addEvent(task, null, i, null);
                    default -> {
                        if (i % 60 == 5) {
                            loop.cancelByArg(arg);
                        }
                    }
                }
            } catch (RejectedExecutionException expected) {
                // the documented answer to an add once the stop has begun
            } catch (Throwable t) {
                unexpected.add(t);
            }
        }
    }
}
