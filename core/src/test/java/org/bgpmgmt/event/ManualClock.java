package org.bgpmgmt.event;

import java.time.Duration;

/** A clock that moves only when a test says so and counts its reads; public for the mgmt tests' timers. */
public final class ManualClock implements NanoClock {
    private volatile long now = 1_000_000_000L;
    private volatile long reads;

    /** Creates a clock at an arbitrary non-zero time. */
    public ManualClock() {
    }

    @Override
    public long nanoTime() {
        reads++; // a test reads the count from the thread that reads the clock
        return now;
    }

    /** Moves the clock forward by {@code d}. */
    public void advance(final Duration d) {
        advance(d.toNanos());
    }

    /** Moves the clock forward by {@code nanos}. */
    public void advance(final long nanos) {
        now += nanos;
    }

    /** How many times the clock was read so far; exact when one thread reads it. */
    public long reads() {
        return reads;
    }

    /** A loop on {@code clock}, not started: a test drives it with {@code runOnce}. */
    public static EventLoop loop(final ManualClock clock) {
        return new EventLoop(new EventLoopConfig().name("manual").clock(clock));
    }
}
