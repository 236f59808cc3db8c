package org.bgpmgmt.event;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one watchdog thread of the process: a daemon that looks at every running loop a few times
 * per threshold and reports a task that holds its loop too long while it still runs (FRR reports
 * a CPU hog only after the task returns). It reads what each loop publishes in its
 * {@link LoopPulse} and never touches a loop's queues, so a loop pays nothing for being watched.
 *
 * <p>Any thread. Loops are added when they start and dropped once terminated.
 */
final class Watchdog {
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final CopyOnWriteArrayList<LoopWatch> WATCHES = new CopyOnWriteArrayList<>();
    private static Thread thread;

    private Watchdog() {
    }

    /** Starts watching {@code watch}'s loop; starts the watchdog thread on first use. */
    static void watch(final LoopWatch watch) {
        WATCHES.addIfAbsent(watch);
        synchronized (Watchdog.class) {
            if (thread == null) {
                thread = new Thread(Watchdog::run, "bgpmgmt-watchdog");
                thread.setDaemon(true);
                thread.start();
            } else {
                LockSupport.unpark(thread); // a shorter threshold may want a shorter tick
            }
        }
    }

    private static void run() {
        while (true) {
            long tick = MAX_TICK_NANOS;
            for (LoopWatch w : WATCHES) {
                if (w.loop().isTerminated()) {
                    WATCHES.remove(w);
                    continue;
                }
                tick = Math.min(tick, Math.max(MIN_TICK_NANOS, w.thresholdNanos() / 4));
                w.check(w.loop().clock().nanoTime());
            }
            LockSupport.parkNanos(tick);
        }
    }
}
