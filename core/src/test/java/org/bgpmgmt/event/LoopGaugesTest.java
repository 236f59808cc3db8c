package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LoopGaugesTest {
    @Test
    void shouldCountTimersChannelsAndTurnsAsOfTheLastTurn() throws Exception {
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("gauges-counts"));
        final Pipe pipe = Pipe.open();
        try {
            loop.runOnce(0);
            loop.addTimerSeconds(60, self -> { }, null, null);
            loop.addTimerSeconds(60, self -> { }, null, null);
            loop.addRead(pipe.source(), self -> { }, null, null);
            loop.runOnce(0);
            final LoopGauges g = loop.gauges();
            assertEquals("gauges-counts", g.loop());
            assertEquals(2, g.waiting().timers());
            assertEquals(1, g.waiting().channels());
            assertEquals(2, g.turns().count());
            assertEquals(0, g.waiting().submissions());
            assertNull(g.running(), "no task runs between turns");
        } finally {
            loop.close();
            pipe.source().close();
            pipe.sink().close();
        }
    }

    @Test
    void shouldShowPendingSubmissionsTheRunningTaskAndFullUtilizationWhileHeld() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("gauges-held")).start()) {
            loop.addEvent(self -> release.await(30, TimeUnit.SECONDS), null, 0, new TaskHandle("holder"));
            Await.until("the holder runs", () -> loop.gauges().running() != null);
            loop.submit(() -> 1);
            loop.submit(() -> 2);
            assertEquals(2, loop.gauges().waiting().submissions());
            Await.until("a whole window held", () -> loop.gauges().turns().utilization() == 1.0);
            final LoopGauges g = loop.gauges();
            assertEquals("holder", g.running().task());
            assertTrue(g.running().nanos() >= LoopPulse.WINDOW_NANOS, "running " + g.running());
            assertTrue(g.turns().sinceLastNanos() >= g.running().nanos(), "the turn began before the task");
            release.countDown();
            Await.until("the queue drains", () -> loop.gauges().waiting().submissions() == 0);
            Await.until("busy time includes the held turn",
                () -> loop.gauges().turns().busyNanos() >= LoopPulse.WINDOW_NANOS);
        }
    }

    @Test
    void shouldAnswerFiguresOfAHeldLoopWithoutWaitingForIt() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("gauges-snap")).start()) {
            loop.submit(() -> 1).get(10, TimeUnit.SECONDS);
            final List<TaskStats> before = loop.taskStats();
            assertEquals(1, before.size(), before.toString());
            loop.addEvent(self -> release.await(30, TimeUnit.SECONDS), null, 0, new TaskHandle("holder"));
            Await.until("the holder runs long enough", () -> loop.heldLongerThan(LoopSnapshot.PATIENCE.toNanos()));
            for (int i = 0; i < 5; i++) {
                final long t0 = System.nanoTime();
                assertEquals(before, loop.taskStats(), "the figures from before the stall");
                loop.showCpu();
                final long took = System.nanoTime() - t0;
                assertTrue(took < TimeUnit.SECONDS.toNanos(1), "a read took " + took / 1_000_000 + " ms");
            }
            release.countDown();
            Await.until("the holder shows once it returns",
                () -> loop.taskStats().stream().anyMatch(s -> s.name().equals("holder")));
        }
    }

    @Test
    void shouldClearTheCpuTableAtTheNextTurn() throws Exception {
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("gauges-clear")).start()) {
            loop.submit(() -> 1).get(10, TimeUnit.SECONDS);
            assertTrue(loop.taskStats().stream().anyMatch(s -> s.name().equals("submit: lambda in LoopGaugesTest")));
            loop.clearCpu().get(10, TimeUnit.SECONDS);
            Await.until("the table is cleared", () -> loop.taskStats().stream()
                .noneMatch(s -> s.name().equals("submit: lambda in LoopGaugesTest")));
            assertTrue(loop.shutdown(java.time.Duration.ofSeconds(10)));
            final java.util.concurrent.ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> loop.clearCpu().get(10, TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof java.util.concurrent.RejectedExecutionException,
                "after shutdown the future says so: " + refused.getCause());
        }
    }

    @Test
    void shouldStartTheLoopOnTheConfiguredThreadFactoryAndRunAnExecutorsCommands() throws Exception {
        final EventLoopConfig config = new EventLoopConfig().name("gauges-tf").threadFactory(r -> {
            final Thread t = new Thread(r, "custom-loop-thread");
            t.setDaemon(true);
            return t;
        });
        try (EventLoop loop = new EventLoop(config).start()) {
            final CountDownLatch ran = new CountDownLatch(1);
            final String[] thread = new String[1];
            loop.executor().execute(() -> {
                thread[0] = Thread.currentThread().getName();
                ran.countDown();
            });
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            assertEquals("custom-loop-thread", thread[0]);
            assertTrue(loop.submit(() -> Thread.currentThread().isDaemon()).get(10, TimeUnit.SECONDS));
            Await.until("accounted as executor",
                () -> loop.taskStats().stream().anyMatch(s -> s.name().equals("executor") && s.calls() == 1));
        }
        try (EventLoopGroup group = new EventLoopGroup(2, config)) {
            for (EventLoop l : group.loops()) {
                assertEquals("custom-loop-thread", l.submit(() -> Thread.currentThread().getName())
                    .get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void shouldRefuseExecutorCommandsAfterShutdown() {
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("gauges-exec-down")).start();
        assertTrue(loop.shutdown(Duration.ofSeconds(10)));
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.RejectedExecutionException.class,
            () -> loop.executor().execute(() -> { }));
    }
}
