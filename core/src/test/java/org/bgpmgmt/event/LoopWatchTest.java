package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LoopWatchTest {
    private static void parkUntil(final CountDownLatch release) throws InterruptedException {
        release.await(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldReportAStuckTaskOnceWhileItRunsWithItsStack() throws Exception {
        final List<Stall> seen = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("watch-stuck")
            .watchdogThreshold(Duration.ofMillis(200)).stallHandler(seen::add)).start()) {
            loop.addEvent(self -> parkUntil(release), null, 0, new TaskHandle("stuck_task"));
            Await.until("the watchdog reports the stall", () -> !seen.isEmpty());
            final Stall stall = seen.get(0);
            assertEquals("watch-stuck", stall.loop());
            assertEquals("stuck_task", stall.task());
            assertEquals('E', stall.kind());
            assertTrue(stall.runningNanos() >= TimeUnit.MILLISECONDS.toNanos(200), "ran " + stall.runningNanos());
            assertTrue(stall.stackText().contains("parkUntil"), "the loop thread's stack:\n" + stall.stackText());
            assertEquals(1, loop.stalls());
            assertEquals(stall, loop.lastStall());
            assertEquals("stuck_task", loop.gauges().running().task(), "still running when reported");
            release.countDown();
            loop.submit(() -> null).get(10, TimeUnit.SECONDS);
            assertEquals(1, seen.size(), "one report per stall");
        }
    }

    @Test
    void shouldReportOnlyPastTheThresholdOnTheLoopsClock() {
        final ManualClock clock = new ManualClock();
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("watch-manual").clock(clock));
        final LoopPulse pulse = loop.scheduler().pulse;
        final List<Stall> seen = new CopyOnWriteArrayList<>();
        final LoopWatch watch = new LoopWatch(loop, pulse, 1_000, seen::add);
        assertNull(watch.check(5_000), "no task runs");
        pulse.taskBegan(new TaskCounters("t"), TaskKind.TIMER, 100);
        assertNull(watch.check(1_099), "under the threshold");
        final Stall stall = watch.check(1_100);
        assertEquals("t", stall.task());
        assertEquals('T', stall.kind());
        assertEquals(1_000, stall.runningNanos());
        assertNull(watch.check(9_000), "the same run is reported once");
        pulse.taskEnded();
        pulse.taskBegan(new TaskCounters("u"), TaskKind.READ, 10_000);
        assertEquals("u", watch.check(11_000).task(), "the next stall is reported again");
        assertEquals(List.of("t", "u"), seen.stream().map(Stall::task).toList());
        assertEquals(2, watch.stalls());
        loop.close();
    }

    @Test
    void shouldKeepWatchingWhenTheHandlerThrows() {
        final EventLoop loop = new EventLoop(new EventLoopConfig().name("watch-throw"));
        final LoopPulse pulse = loop.scheduler().pulse;
        final LoopWatch watch = new LoopWatch(loop, pulse, 10, stall -> {
            throw new IllegalStateException("handler bug");
        });
        pulse.taskBegan(new TaskCounters("t"), TaskKind.EVENT, 0);
        assertEquals("t", watch.check(100).task());
        assertEquals(1, watch.stalls());
        loop.close();
    }
}
