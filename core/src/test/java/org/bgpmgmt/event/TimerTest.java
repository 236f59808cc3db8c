package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimerTest {
    private final ManualClock clock = new ManualClock();
    private final EventLoop loop = ManualClock.loop(clock);
    private final List<Integer> fired = new ArrayList<>();
    private final Task record = self -> fired.add(self.value() == 0 ? (Integer) self.arg() : self.value());

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void shouldAcceptSecondsMillisAndDurations() {
        loop.runOnce(0);
        loop.addTimerSeconds(2, record, 3, null);
        loop.addTimerMillis(1_500, record, 2, null);
        loop.addTimer(Duration.ofMillis(500), record, 1, null);
        clock.advance(Duration.ofMillis(499));
        loop.runOnce(0);
        assertEquals(List.of(), fired);
        clock.advance(Duration.ofMillis(1));
        loop.runOnce(0);
        assertEquals(List.of(1), fired);
        clock.advance(Duration.ofSeconds(2));
        loop.runOnce(0);
        assertEquals(List.of(1, 2, 3), fired);
    }

    @Test
    void shouldRunEqualDeadlinesInTheOrderAdded() {
        loop.runOnce(0);
        for (int i = 0; i < 50; i++) {
            loop.addTimerMillis(10, record, i, null);
        }
        clock.advance(Duration.ofMillis(10));
        loop.runOnce(0);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, fired.get(i));
        }
    }

    @Test
    void shouldRunPastAndZeroDeadlinesOnTheNextTurn() {
        loop.runOnce(0);
        loop.addTimerMillis(-100, record, 1, null);
        loop.addTimerMillis(0, record, 2, null);
        loop.addTimer(Duration.ofSeconds(-3), record, 3, null);
        loop.runOnce(0);
        assertEquals(List.of(1, 2, 3), fired, "a non-positive delay means now: they keep the order added");
    }

    @Test
    void shouldReportRemainingTime() {
        final TaskHandle h = new TaskHandle("remaining");
        assertEquals(-1, h.remainingMillis());
        assertNull(h.remaining());
        loop.runOnce(0);
        loop.addTimerMillis(1_000, record, 1, h);
        assertEquals(1_000, h.remainingMillis());
        clock.advance(Duration.ofMillis(400));
        assertEquals(Duration.ofMillis(600), h.remaining());
        clock.advance(Duration.ofMillis(700));
        assertEquals(0, h.remainingMillis());
        loop.runOnce(0);
        assertEquals(-1, h.remainingMillis(), "a fired timer has no remaining time");
        loop.addEvent(record, 1, 0, h);
        assertEquals(-1, h.remainingMillis(), "an event is not a timer");
    }

    @Test
    void shouldKeepDeadlineOrderUnderRandomAddsAndCancels() {
        final Random random = new Random(42);
        final TaskHandle[] handles = new TaskHandle[500];
        final long[] due = new long[handles.length];
        loop.runOnce(0);
        for (int i = 0; i < handles.length; i++) {
            handles[i] = new TaskHandle("t" + i);
            due[i] = random.nextInt(1_000);
            loop.addTimerMillis(due[i], record, i, handles[i]);
        }
        final List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < handles.length; i++) {
            if (random.nextBoolean()) {
                assertTrue(loop.cancel(handles[i]));
            } else {
                expected.add(i);
            }
        }
        expected.sort((a, b) -> due[a] != due[b] ? Long.compare(due[a], due[b]) : Integer.compare(a, b));
        clock.advance(Duration.ofSeconds(1));
        loop.runOnce(0);
        assertEquals(expected, fired);
    }

    @Test
    void shouldNeverFireATimerEarlyWhateverTheAddingTaskDoes() {
        final Random random = new Random(13);
        loop.runOnce(0);
        for (int i = 0; i < 300; i++) {
            final long delayMs = random.nextInt(20);
            final long taskRunsMs = random.nextInt(5);
            final long[] addedAt = new long[1];
            final long[] firedAt = {-1};
            final Task fire = self -> firedAt[0] = clock.nanoTime();
            final boolean fromTask = i % 3 != 0;
            if (fromTask) {
                loop.addEvent(self -> {
                    clock.advance(Duration.ofMillis(random.nextInt(3))); // time used before the add
                    addedAt[0] = clock.nanoTime();
                    loop.addTimerMillis(delayMs, fire, null, null);
                    clock.advance(Duration.ofMillis(taskRunsMs)); // the rest of the adding task
                }, null, 0, null);
            } else {
                addedAt[0] = clock.nanoTime(); // between turns, on the loop thread
                loop.addTimerMillis(delayMs, fire, null, null);
            }
            for (int step = 0; firedAt[0] < 0; step++) {
                assertTrue(step < 100, "timer " + i + " never fired");
                loop.runOnce(0);
                if (firedAt[0] < 0) {
                    clock.advance(Duration.ofNanos(250_000 + random.nextInt(500_000)));
                }
            }
            final long waited = firedAt[0] - addedAt[0];
            assertTrue(waited >= Duration.ofMillis(delayMs).toNanos(),
                "timer " + i + " of " + delayMs + " ms fired after " + waited + " ns");
            final long lateBound = Duration.ofMillis(delayMs + (fromTask ? taskRunsMs : 0) + 1).toNanos();
            assertTrue(waited <= lateBound, "timer " + i + " late beyond the adding task: " + waited + " ns");
        }
    }

    @Test
    void shouldCancelOrReAddATimerInTheTaskThatAddedIt() {
        loop.runOnce(0);
        final TaskHandle h = new TaskHandle("rearmed");
        final TaskHandle gone = new TaskHandle("gone");
        loop.addEvent(self -> {
            loop.addTimerMillis(5, record, 1, gone);
            assertTrue(loop.cancel(gone));
            loop.addTimerMillis(5, record, 2, h);
            assertTrue(loop.cancel(h));
            loop.addTimerMillis(10, record, 3, h);
            loop.addTimerMillis(10, record, 4, null);
            assertEquals(2, loop.cancelByArg(4) + loop.cancelByArg(5) + 1, "a timer of this task is found by arg");
        }, null, 0, null);
        loop.runOnce(0);
        assertTrue(h.isScheduled());
        clock.advance(Duration.ofMillis(10));
        loop.runOnce(0);
        assertEquals(List.of(3), fired);
        assertTrue(!gone.isScheduled() && !h.isScheduled());
    }
}
