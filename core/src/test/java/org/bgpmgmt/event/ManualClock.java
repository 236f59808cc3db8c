package org.bgpmgmt.event;

import java.time.Duration;

/** A clock that moves only when a test says so; public for the mgmt tests' timers. */
public final class ManualClock implements NanoClock {
    private volatile long now = 1_000_000_000L;

    /** Creates a clock at an arbitrary non-zero time. */
    public ManualClock() {
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Moves the clock forward by {@code d}. */
    public void advance(final Duration d) {
        now += d.toNanos();
    }

    /** A loop on {@code clock}, not started: a test drives it with {@code runOnce}. */
    public static EventLoop loop(final ManualClock clock) {
        return new EventLoop(new EventLoopConfig().name("manual").clock(clock));
    }
}
