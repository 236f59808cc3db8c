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
        // Each add is made once the loop has begun its 1 ms spin, far longer than the adder needs, so
        // it lands in the spin unless the machine stalls the adder; a loop that raised its wakeup
        // flag before spinning, or did not spin, would need a wakeup for every add.
        final long wakeups = wakeupsFor(Duration.ofMillis(1), -1);
        assertTrue(wakeups < ROUND_TRIPS, "adds made during the spin woke the loop " + wakeups + " times");
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

    /**
     * Runs {@link #ROUND_TRIPS} adds, each after the previous one ran and, with a positive pause,
     * once the loop selects, with a negative one once it has begun a new idle spin; counts the wakeups.
     */
    private static long wakeupsFor(final Duration spin, final long pauseNanos) throws Exception {
        final AtomicLong ran = new AtomicLong();
        final AtomicLong spinsAtRun = new AtomicLong();
        final Task count = self -> {
            spinsAtRun.set(self.loop().scheduler().idleSpins()); // the spin after this run is the next one
            ran.incrementAndGet();
        };
        final TaskHandle handle = new TaskHandle("round-trip");
        final EventLoopConfig config = new EventLoopConfig().name("spin").cpuTiming(false).idleSpin(spin);
        try (EventLoop loop = new EventLoop(config).start()) {
            final long before = loop.scheduler().wakeups();
            for (int i = 1; i <= ROUND_TRIPS; i++) {
                final long spins = spinsAtRun.get();
                if (pauseNanos < 0 && i > 1) {
                    final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (loop.scheduler().idleSpins() == spins) {
                        assertTrue(System.nanoTime() - deadline < 0, "the loop did not spin within 10 s");
                        Thread.onSpinWait();
                    }
                }
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
