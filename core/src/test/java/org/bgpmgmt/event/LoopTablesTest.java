package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.Pipe;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LoopTablesTest {
    @Test
    void shouldListEachTimerEarliestFirstAndEachPolledChannelWithItsEventsAndTasks() throws Exception {
        final Pipe pipe = Pipe.open();
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("tables")).start()) {
            loop.submit(() -> {
                loop.addTimerSeconds(120, self -> { }, null, new TaskHandle("late_timer"));
                loop.addTimerSeconds(30, self -> { }, null, new TaskHandle("soon_timer"));
                loop.addRead(pipe.source(), self -> { }, null, new TaskHandle("pipe_reader"));
                return null;
            }).get(10, TimeUnit.SECONDS);
            final List<LoopTables.TimerRow> timers = loop.tables().timers();
            assertEquals(List.of("soon_timer", "late_timer"), timers.stream().map(LoopTables.TimerRow::task).toList());
            assertTrue(timers.get(0).remainingNanos() <= TimeUnit.SECONDS.toNanos(30), timers.toString());
            assertTrue(timers.get(0).remainingNanos() > TimeUnit.SECONDS.toNanos(20), timers.toString());
            final List<LoopTables.PollRow> poll = loop.tables().poll();
            assertEquals(1, poll.size(), poll.toString());
            assertEquals(List.of("read"), poll.get(0).events());
            assertEquals(List.of("pipe_reader"), poll.get(0).tasks());
            assertTrue(poll.get(0).channel().startsWith("SourceChannel"), poll.toString());
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
    }

    @Test
    void shouldAnswerTheTablesFromBeforeAStallWithoutWaitingForTheLoop() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        try (EventLoop loop = new EventLoop(new EventLoopConfig().name("tables-held")).start()) {
            loop.submit(() -> loop.addTimerSeconds(60, self -> { }, null, new TaskHandle("minute_timer")))
                .get(10, TimeUnit.SECONDS);
            assertEquals("minute_timer", loop.tables().timers().get(0).task());
            loop.addEvent(self -> release.await(30, TimeUnit.SECONDS), null, 0, new TaskHandle("holder"));
            Await.until("the holder runs long enough", () -> loop.heldLongerThan(LoopSnapshot.PATIENCE.toNanos()));
            final long t0 = System.nanoTime();
            assertEquals("minute_timer", loop.tables().timers().get(0).task());
            assertEquals(List.of(), loop.tables().poll());
            final long took = System.nanoTime() - t0;
            assertTrue(took < TimeUnit.SECONDS.toNanos(1), "a read took " + took / 1_000_000 + " ms");
            assertTrue(loop.tables().ageNanos() >= LoopSnapshot.PATIENCE.toNanos(), "published before the stall");
            release.countDown();
        }
    }
}
