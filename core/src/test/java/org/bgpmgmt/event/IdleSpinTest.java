package org.bgpmgmt.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A loop that has just gone idle takes work from other threads without being woken. */
@Timeout(60)
class IdleSpinTest {
    private static final int ROUND_TRIPS = 200;

    @Test
    void shouldTakeWorkAddedWhileSpinningWithoutAWakeup() throws Exception {
        // 1 ms is far longer than the adder needs to see the last run and add the next task, so
        // nearly every add lands in the spin; a loop that blocked at once would need a wakeup for each.
        assertTrue(wakeupsFor(Duration.ofMillis(1)) < ROUND_TRIPS / 4, "most adds should land in the spin");
    }

    @Test
    void shouldWakeTheSelectorForEachAddWhenSpinIsOff() throws Exception {
        // The adder waits until the loop says it selects, so each add must wake it.
        assertEquals(ROUND_TRIPS, wakeupsFor(Duration.ZERO, 1));
    }

    @Test
    void shouldRejectASpinOutsideItsRange() {
        final EventLoopConfig config = new EventLoopConfig();
        assertThrows(IllegalArgumentException.class, () -> config.idleSpin(Duration.ofNanos(-1)));
        assertThrows(IllegalArgumentException.class, () -> config.idleSpin(Duration.ofMillis(2)));
        assertThrows(NullPointerException.class, () -> config.idleSpin(null));
    }

    private static long wakeupsFor(final Duration spin) throws Exception {
        return wakeupsFor(spin, 0);
    }

    /**
     * Runs {@link #ROUND_TRIPS} adds, each after the previous one ran (with a pause above zero: and
     * once the loop selects), and counts the wakeups.
     */
    private static long wakeupsFor(final Duration spin, final long pauseNanos) throws Exception {
        final AtomicLong ran = new AtomicLong();
        final Task count = self -> ran.incrementAndGet();
        final TaskHandle handle = new TaskHandle("round-trip");
        final EventLoopConfig config = new EventLoopConfig().name("spin").cpuTiming(false).idleSpin(spin);
        try (EventLoop loop = new EventLoop(config).start()) {
            final long before = loop.scheduler().wakeups();
            for (int i = 1; i <= ROUND_TRIPS; i++) {
                if (pauseNanos > 0) {
                    final long until = System.nanoTime() + pauseNanos;
                    while (System.nanoTime() - until < 0 || !loop.scheduler().wakeupFlagRaised()) {
                        Thread.onSpinWait();
                    }
                }
                assertTrue(loop.addEvent(count, null, 0, handle));
                final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (ran.get() < i) {
                    assertTrue(System.nanoTime() - deadline < 0, "round trip " + i + " did not finish in 10 s");
                    Thread.onSpinWait();
                }
            }
            return loop.scheduler().wakeups() - before;
        }
    }
}
