package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskHandleTest {
    private final ManualClock clock = new ManualClock();
    private final EventLoop loop = ManualClock.loop(clock);
    private final int[] runs = new int[1];
    private final Task count = self -> runs[0]++;

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void shouldIgnoreAnAddOnAScheduledHandle() {
        final TaskHandle h = new TaskHandle("once");
        loop.runOnce(0);
        assertTrue(loop.addEvent(count, null, 0, h));
        assertFalse(loop.addEvent(count, null, 0, h));
        assertFalse(loop.addTimerMillis(0, count, null, h));
        loop.runOnce(0);
        assertEquals(1, runs[0]);
    }

    @Test
    void shouldReadAsNotScheduledOnceTheTaskStarted() {
        final TaskHandle h = new TaskHandle("self");
        final boolean[] scheduledInside = {true};
        loop.runOnce(0);
        loop.addEvent(self -> scheduledInside[0] = self.isScheduled(), null, 0, h);
        assertTrue(h.isScheduled());
        loop.runOnce(0);
        assertFalse(scheduledInside[0]);
        assertFalse(h.isScheduled());
    }

    @Test
    void shouldClearOnCancelAndNeverRunACancelledTask() {
        final TaskHandle h = new TaskHandle("cancelled");
        loop.runOnce(0);
        loop.addTimerMillis(0, count, null, h);
        assertTrue(loop.cancel(h));
        assertFalse(h.isScheduled());
        assertFalse(loop.cancel(h), "second cancel");
        loop.runOnce(0);
        assertEquals(0, runs[0]);
    }

    @Test
    void shouldNotRunATaskCancelledByAnEarlierTaskOfTheSameTurn() {
        final TaskHandle victim = new TaskHandle("victim");
        loop.runOnce(0);
        loop.addEvent(self -> loop.cancel(victim), null, 0, null);
        loop.addEvent(count, null, 0, victim);
        loop.runOnce(0);
        assertEquals(0, runs[0]);
        assertFalse(victim.isScheduled());
    }

    @Test
    void shouldReuseAHandleAfterRunAndAfterCancel() {
        final TaskHandle h = new TaskHandle("reused");
        loop.runOnce(0);
        for (int i = 0; i < 100; i++) {
            assertTrue(loop.addTimerMillis(0, count, null, h));
            loop.runOnce(0);
            assertTrue(loop.addTimerMillis(1_000, count, null, h));
            assertTrue(loop.cancel(h));
        }
        loop.runOnce(0);
        assertEquals(100, runs[0]);
    }

    @Test
    void shouldLetATaskReaddItsOwnHandle() {
        final TaskHandle h = new TaskHandle("again");
        loop.runOnce(0);
        final Task again = new Task() {
            @Override
            public void run(final TaskHandle self) {
                runs[0]++;
                assertTrue(loop.addEvent(this, null, 0, self));
            }
        };
        loop.addEvent(again, null, 0, h);
        loop.runOnce(0);
        loop.runOnce(0);
        assertEquals(2, runs[0]);
        assertTrue(h.isScheduled());
    }

    @Test
    void shouldRefuseAHandleOfAnotherLoop() {
        final TaskHandle h = new TaskHandle("owned");
        loop.addEvent(count, null, 0, h);
        try (EventLoop other = new EventLoop()) {
            assertThrows(IllegalArgumentException.class, () -> other.addEvent(count, null, 0, h));
        }
    }

    @Test
    void shouldRejectEmptyNames() {
        assertThrows(IllegalArgumentException.class, () -> new TaskHandle(""));
        assertThrows(IllegalArgumentException.class, () -> Task.named(null, count));
    }
}
