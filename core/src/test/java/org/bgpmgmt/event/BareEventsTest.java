package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Events added from other threads without a handle, argument or value ("bare" events): they keep
 * their order among the other events, each is run or refused, and runs of a short task are timed as
 * a group without hiding a slow run.
 */
@Timeout(120)
class BareEventsTest {
    private final ManualClock clock = new ManualClock();
    private final EventLoop loop = new EventLoop(new EventLoopConfig().name("bare").clock(clock).cpuTiming(false)
        .wallHogThreshold(Duration.ofMillis(1)).warningInterval(Duration.ofHours(1)));

    @AfterEach
    void close() {
        loop.close();
    }

    private TaskStats row(final String name) {
        return TaskRows.row(loop, name);
    }

    /** Runs {@code adds} on another thread, so that the adds cross the submission queue. */
    private static void fromAnotherThread(final Runnable adds) throws InterruptedException {
        final Thread t = new Thread(adds, "adder");
        t.start();
        t.join(10_000);
    }

    @Test
    void shouldKeepOneProducersOrderAcrossBareArgumentAndHandleEvents() throws Exception {
        loop.runOnce(0); // the test thread drives the loop from now on
        final List<Integer> order = new ArrayList<>();
        final TaskHandle own = new TaskHandle("own");
        fromAnotherThread(() -> {
            for (int i = 0; i < 300; i++) {
                final int n = i;
                final Task record = self -> order.add(n);
                switch (i % 4) {
                    case 0, 1 -> loop.addEvent(record, null, 0, null); // bare
                    case 2 -> loop.addEvent(record, "arg", n, null); // on a pooled handle
                    default -> {
                        if (!own.isScheduled()) {
                            loop.addEvent(record, null, 0, own);
                        } else {
                            loop.addEvent(record, null, 0, null);
                        }
                    }
                }
            }
        });
        while (order.size() < 300) {
            loop.runOnce(0);
        }
        for (int i = 0; i < order.size(); i++) {
            assertEquals(i, order.get(i), "run order " + order);
        }
    }

    @Test
    void shouldRunEachBareEventWithAHandleThatReadsNoArgumentOrValue() throws Exception {
        loop.runOnce(0);
        final List<Object> seen = new ArrayList<>();
        fromAnotherThread(() -> {
            for (int i = 0; i < 3; i++) {
                loop.addEvent(self -> {
                    seen.add(self.arg());
                    seen.add(self.value());
                    seen.add(self.kind());
                }, null, 0, null);
            }
        });
        loop.runOnce(0);
        assertEquals(List.of(0, TaskKind.EVENT), seen.subList(1, 3));
        assertNull(seen.get(0));
        assertEquals(9, seen.size());
    }

    @Test
    void shouldTimeAShortTasksRunsAsGroupsAndStillCountEveryRun() throws Exception {
        loop.runOnce(0);
        final Task tick = Task.named("tick", self -> clock.advance(100));
        fromAnotherThread(() -> {
            for (int i = 0; i < 1000; i++) {
                loop.addEvent(tick, null, 0, null);
            }
        });
        final long readsBefore = clock.reads();
        loop.runOnce(0);
        final long reads = clock.reads() - readsBefore;
        final TaskStats tick1000 = row("tick");
        assertEquals(1000, tick1000.calls());
        assertEquals(1000 * 100, tick1000.wall().totalNanos());
        assertEquals(100, tick1000.wall().maxNanos(), "a short group counts its average toward the maximum");
        // One read for the first run (not yet known to be short), then one per group of 64, plus
        // the turn's own reads: far fewer than one per run.
        assertTrue(reads <= 1 + (999 + 63) / 64 + 4, "1000 runs cost " + reads + " clock reads");
    }

    @Test
    void shouldFlagASlowRunInAGroupByTheGroupsTime() throws Exception {
        loop.runOnce(0);
        final AtomicLong runs = new AtomicLong();
        final Task sometimesSlow = Task.named("sometimes-slow", self -> {
            clock.advance(runs.incrementAndGet() == 40 ? 2_000_000 : 100);
        });
        fromAnotherThread(() -> {
            for (int i = 0; i < 64; i++) {
                loop.addEvent(sometimesSlow, null, 0, null);
            }
        });
        loop.runOnce(0);
        final TaskStats r = row("sometimes-slow");
        assertEquals(64, r.calls());
        assertEquals(63 * 100 + 2_000_000, r.wall().totalNanos());
        assertTrue(r.wall().maxNanos() >= 2_000_000, "the slow run's time hidden in the group: " + r);
        assertEquals(1, r.faults().wallHogs(), "the group over the 1 ms threshold is flagged once: " + r);
    }

    @Test
    void shouldRunEveryAcceptedBareEventWhenTheLoopStopsMidStream() throws Exception {
        for (int round = 0; round < 40; round++) {
            final EventLoop l = new EventLoop(new EventLoopConfig().name("bare-stop-" + round)).start();
            final AtomicLong accepted = new AtomicLong();
            final AtomicLong ran = new AtomicLong();
            final Task count = self -> ran.incrementAndGet();
            final List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                producers.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < 200_000; i++) {
                            l.addEvent(count, null, 0, null);
                            accepted.incrementAndGet();
                        }
                    } catch (RejectedExecutionException expected) {
                        // the stop began: this add and every later one are refused
                    }
                }, "producer-" + p));
            }
            producers.forEach(Thread::start);
            final long waitFor = 1_000L * (round % 8);
            final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (accepted.get() < waitFor && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            l.shutdown(Duration.ofSeconds(20));
            for (Thread t : producers) {
                t.join(20_000);
            }
            assertTrue(l.isTerminated());
            assertEquals(accepted.get(), ran.get(), "round " + round + ": accepted bare events that did not run");
        }
    }
}
